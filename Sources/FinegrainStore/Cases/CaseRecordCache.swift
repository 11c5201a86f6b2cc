import FinegrainCore

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
/// Eviction is ``RecentCache``'s: memory stays below `capacity` cases (about 2 KiB each).
///
/// ```swift
/// let cache = CaseRecordCache(capacity: 10_000)
/// cache.insert(someCase)
/// cache.case(id: someCase.id, version: someCase.version)   // someCase
/// cache.case(id: someCase.id, version: someCase.version + 1)   // nil: it changed since
/// ```
final class CaseRecordCache: Sendable {
    private let cases: RecentCache<String, Case>

    init(capacity: Int = 10_000) {
        cases = RecentCache(capacity: capacity)
    }

    /// The most cases held (both generations together).
    var capacity: Int { cases.capacity }

    /// The case with `id` if it is held at exactly `version`.
    func `case`(id: String, version: Int) -> Case? {
        cases.value(for: id) { $0.version == version }
    }

    /// Remembers `c` (replacing an older version of it).
    func insert(_ c: Case) {
        cases.insert(c, for: c.id)
    }

    /// How many cases are held (for tests and metrics).
    var count: Int { cases.count }
}
