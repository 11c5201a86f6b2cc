import Synchronization

/// 近用缓存 (a cache of recently used values): at most `capacity` values, the ones read or
/// written most recently kept, with no per-read bookkeeping list.
///
/// Why: the pages people refresh — a queue, the newest reports — show the same few hundred cases
/// again and again, and several things about a case are worth keeping between requests (its
/// decoded projection, its JSON). Each is only valid while the case is unchanged, so a value is
/// handed out only when the caller's `valid` check (usually "still at this version") agrees.
///
/// Eviction is two generations: new and re-used entries go to the young one; when it is full,
/// it becomes the old one and the old one is dropped.
///
/// ```swift
/// let cache = RecentCache<String, Case>(capacity: 10_000)
/// cache.insert(someCase, for: someCase.id)
/// cache.value(for: someCase.id) { $0.version == someCase.version }   // someCase
/// cache.value(for: someCase.id) { $0.version == someCase.version + 1 }   // nil: it changed since
/// ```
public final class RecentCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Generations {
        var young: [Key: Value] = [:]
        var old: [Key: Value] = [:]
    }

    private let generations = Mutex(Generations())
    /// The most values held (both generations together).
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(2, capacity)
    }

    /// The value held for `key` if `valid` accepts it (it is then kept as recently used).
    public func value(for key: Key, where valid: (Value) -> Bool) -> Value? {
        generations.withLock { g in
            if let hit = g.young[key] { return valid(hit) ? hit : nil }
            guard let hit = g.old[key], valid(hit) else { return nil }
            Self.add(hit, for: key, to: &g, capacity: capacity)
            return hit
        }
    }

    /// Remembers `value` for `key`, replacing what was held for it.
    public func insert(_ value: Value, for key: Key) {
        generations.withLock { Self.add(value, for: key, to: &$0, capacity: capacity) }
    }

    /// How many values are held (for tests and metrics).
    public var count: Int { generations.withLock { g in g.young.count + g.old.count } }

    private static func add(_ value: Value, for key: Key, to g: inout Generations, capacity: Int) {
        if g.young[key] == nil, g.young.count >= capacity / 2 {
            g.old = g.young
            g.young = [:]
        }
        g.young[key] = value
    }
}
