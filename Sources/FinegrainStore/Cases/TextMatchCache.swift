import Synchronization

/// Remembers which cases a text search matches (their `search_rowid`s), so that a common word is
/// looked up in the full-text index once, not on every page and by every dispatcher.
///
/// Why: at a million cases `井盖` matches 68,000 cases; reading that set from the index on every
/// request took about 40 ms and held a list of it to 140 pages a second. A set kept here needs no
/// invalidation: a case's terms (description and number) are fixed when it is filed, and
/// `search_rowid`s only grow — every row up to the highest one seen was committed before it (the
/// rowids are reserved in the writing transaction, and writers take them in commit order). So an
/// entry records that highest rowid, and each use adds only the matches above it (an index range
/// read that is empty or tiny). Entries are dropped least recently used first, and a set larger
/// than ``largestSet`` is not kept (the caller then lets the database match as before).
///
/// ```swift
/// let rowids = try await cache.matches(for: "\"井盖\"") { after in
///     try await readMatches(above: after)   // (highest rowid now, matches above `after`)
/// }
/// ```
final class TextMatchCache: Sendable {
    /// The matches of one text query among rows up to ``high``.
    struct Entry: Sendable {
        var high: Int
        var rowids: Set<Int>
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var lastUse: [String: Int] = [:]
        var tick = 0
        var size = 0
    }

    private let state = Mutex(State())
    /// The most rowids kept over all entries.
    let capacity: Int
    /// The largest single set kept.
    let largestSet: Int

    init(capacity: Int = 2_000_000, largestSet: Int = 500_000) {
        self.capacity = capacity
        self.largestSet = largestSet
    }

    /// The `search_rowid`s `textQuery` matches now. `read(after)` returns the highest rowid in
    /// the index and the matches above `after` (all of them for `after == 0`); it runs for the
    /// rows this cache has not seen. `nil` when the set is larger than ``largestSet``.
    func matches(for textQuery: String, read: (_ after: Int) async throws -> (high: Int, rowids: [Int])) async throws -> Set<Int>? {
        let known = state.withLock { state -> Entry? in
            guard let entry = state.entries[textQuery] else { return nil }
            state.tick += 1
            state.lastUse[textQuery] = state.tick
            return entry
        }
        var entry = known ?? Entry(high: 0, rowids: [])
        let (high, added) = try await read(entry.high)
        guard entry.rowids.count + added.count <= largestSet else { return nil }
        guard high > entry.high || known == nil else { return entry.rowids }
        entry.rowids.formUnion(added)
        entry.high = max(high, entry.high)
        store(textQuery, entry)
        return entry.rowids
    }

    private func store(_ key: String, _ entry: Entry) {
        state.withLock { state in
            let previous = state.entries[key]?.rowids.count ?? 0
            // Another caller may have stored a newer set meanwhile: keep the one that saw more.
            if let current = state.entries[key], current.high >= entry.high { return }
            state.entries[key] = entry
            state.size += entry.rowids.count - previous
            state.tick += 1
            state.lastUse[key] = state.tick
            while state.size > capacity, state.entries.count > 1,
                let oldest = state.lastUse.filter({ $0.key != key }).min(by: { $0.value < $1.value })?.key
            {
                state.size -= state.entries.removeValue(forKey: oldest)?.rowids.count ?? 0
                state.lastUse[oldest] = nil
            }
        }
    }

    /// How many sets are kept (for tests).
    var count: Int { state.withLock { $0.entries.count } }
}
