import FinegrainCore
import Synchronization

/// Keeps recently read cases decoded, each under the `version` it was read at, so that a list
/// page of cases that have not changed skips decoding their projections again.
///
/// Why: decoding a case's JSON projection (its deadlines above all) was a quarter of the work of
/// a list page at a million cases, and the pages people actually refresh — a queue, the newest
/// reports — show the same few hundred cases again and again. The cache never serves a stale
/// case: ``Store`` reads the `version` column of the page's rows first (an index lookup per
/// row) and takes from here only a case of that very version, so a write by another process (a
/// second server on the same PostgreSQL, the CLI) is seen at once.
///
/// Eviction is two generations: new and re-used entries go to the young one; when it is full,
/// it becomes the old one and the old one is dropped. Memory stays below `capacity` cases
/// (about 2 KiB each) without a per-read bookkeeping list.
///
/// ```swift
/// let cache = CaseRecordCache(capacity: 10_000)
/// cache.insert(someCase)
/// cache.case(id: someCase.id, version: someCase.version)   // someCase
/// cache.case(id: someCase.id, version: someCase.version + 1)   // nil: it changed since
/// ```
final class CaseRecordCache: Sendable {
    private struct Generations {
        var young: [String: Case] = [:]
        var old: [String: Case] = [:]
    }

    private let generations = Mutex(Generations())
    /// The most cases held (both generations together).
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = max(2, capacity)
    }

    /// The case with `id` if it is held at exactly `version`.
    func `case`(id: String, version: Int) -> Case? {
        generations.withLock { g in
            if let hit = g.young[id] { return hit.version == version ? hit : nil }
            guard let hit = g.old[id], hit.version == version else { return nil }
            Self.add(hit, to: &g, capacity: capacity)
            return hit
        }
    }

    /// Remembers `c` (replacing an older version of it).
    func insert(_ c: Case) {
        generations.withLock { Self.add(c, to: &$0, capacity: capacity) }
    }

    /// How many cases are held (for tests and metrics).
    var count: Int { generations.withLock { g in g.young.count + g.old.count } }

    private static func add(_ c: Case, to g: inout Generations, capacity: Int) {
        if g.young[c.id] == nil, g.young.count >= capacity / 2 {
            g.old = g.young
            g.young = [:]
        }
        g.young[c.id] = c
    }
}
