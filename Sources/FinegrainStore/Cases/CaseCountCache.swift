import Foundation
import Synchronization

/// Remembers how many cases match a search, so that paging through a list — or sixty-four
/// dispatchers refreshing the same queue — counts the matches once, not on every page.
///
/// Why: at a million cases, counting every match is the most expensive part of a list page (a
/// whole index range walked for a number in the header), while the page itself reads twenty
/// rows. A count stays valid until this process writes a case (every write bumps ``generation``)
/// or until ``lifetime`` has passed, which bounds how long a write by another process (a second
/// server, the CLI) can go unseen.
///
/// ```swift
/// let total = try await counts.count(for: query) { try await countInDatabase(query) }
/// counts.invalidate()   // after any case write
/// ```
final class CaseCountCache: Sendable {
    private struct Entry {
        let count: Int
        let generation: Int
        let at: ContinuousClock.Instant
    }

    private let entries = Mutex<[CaseQuery: Entry]>([:])
    private let generation = Atomic<Int>(0)
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration = .seconds(30), capacity: Int = 2_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Forgets every count (a case was written).
    func invalidate() {
        generation.add(1, ordering: .relaxed)
    }

    /// The cached count for `query`'s filters, or `compute()`'s answer, remembered.
    func count(for query: CaseQuery, compute: () async throws -> Int) async throws -> Int {
        let key = Self.key(query)
        let now = ContinuousClock.now
        let current = generation.load(ordering: .relaxed)
        if let hit = entries.withLock({ $0[key] }), hit.generation == current, now - hit.at < lifetime {
            return hit.count
        }
        let count = try await compute()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(count: count, generation: current, at: now)
        }
        return count
    }

    /// The filters only: page, page size and order do not change a count; "overdue now" is
    /// rounded to ten seconds so that it can repeat.
    static func key(_ query: CaseQuery) -> CaseQuery {
        var key = query
        key.page = 1
        key.perPage = 1
        key.sort = .reportedAt
        key.descending = true
        key.overdueAt = query.overdueAt.map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 / 10).rounded(.down) * 10) }
        return key
    }
}
