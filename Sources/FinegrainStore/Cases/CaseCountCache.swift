import Foundation
import Synchronization

/// Remembers how many cases match a search, so that paging through a list — or sixty-four
/// dispatchers refreshing the same queue — counts the matches once, not on every page.
///
/// Why: at a million cases, counting every match is the most expensive part of a list page (a
/// whole index range walked for a number in the header), while the page itself reads twenty
/// rows. A count stays valid until this process writes a case (every write bumps ``generation``)
/// or until ``lifetime`` has passed, which bounds how long a write by another process (a second
/// server, the CLI) can go unseen. Requests that need the same count while it is being computed
/// wait for that one computation instead of each starting their own (when a popular list's count
/// expires under load, sixty-four recounts at once were the slowest requests of the benchmark).
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

    private struct State {
        var entries: [CaseQuery: Entry] = [:]
        var inFlight: [CaseQuery: (generation: Int, task: Task<Int, any Error>)] = [:]
    }

    private let state = Mutex(State())
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

    /// The cached count for `query`'s filters, or `compute()`'s answer, remembered. While one
    /// caller computes a count, others asking for it wait for the same answer.
    func count(for query: CaseQuery, compute: @escaping @Sendable () async throws -> Int) async throws -> Int {
        let key = Self.key(query)
        let now = ContinuousClock.now
        let current = generation.load(ordering: .relaxed)
        enum Lookup {
            case hit(Int)
            case await(Task<Int, any Error>, started: Bool)
        }
        let lookup: Lookup = state.withLock { state in
            if let hit = state.entries[key], hit.generation == current, now - hit.at < lifetime { return .hit(hit.count) }
            // Join a count begun since the last write only: an older one may miss the caller's own write.
            if let running = state.inFlight[key], running.generation == current { return .await(running.task, started: false) }
            let task = Task { try await compute() }
            state.inFlight[key] = (current, task)
            return .await(task, started: true)
        }
        let task: Task<Int, any Error>
        let started: Bool
        switch lookup {
        case .hit(let count): return count
        case .await(let running, let first): (task, started) = (running, first)
        }
        let result = await task.result
        if started {
            state.withLock { state in
                if state.inFlight[key]?.generation == current { state.inFlight[key] = nil }  // not a newer one
                if case .success(let count) = result {
                    if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
                    state.entries[key] = Entry(count: count, generation: current, at: now)
                }
            }
        }
        return try result.get()
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
