import Foundation
import Synchronization

/// Remembers how many cases match a search, so that paging through a list — or sixty-four
/// dispatchers refreshing the same queue — counts the matches once, not on every page.
///
/// Why: at a million cases, counting every match is the most expensive part of a list page (a
/// whole index range walked for a number in the header), while the page itself reads twenty
/// rows. A count stays valid until this process writes a case (every write bumps ``generation``)
/// or until ``lifetime`` has passed, which bounds how long a write by another process (a second
/// server, the CLI) can go unseen (plus one computation: an expired count is served once more
/// while it is recomputed — as is an overdue count when "now" moves on to the next ten seconds). Requests that need the same count while it is being computed
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
        /// The "now" an overdue count was counted at (ten-second steps); `nil` for other filters.
        let overdueAt: Date?

        /// Whether this count may answer for `wanted` while a fresh one is counted: the same
        /// filter, or an overdue one whose "now" has moved on by less than a count lives.
        func standsIn(for wanted: Date?, lifetime: Duration) -> Bool {
            guard let was = overdueAt, let wanted, wanted != was else { return overdueAt == wanted }
            return wanted > was && wanted.timeIntervalSince(was) < Double(lifetime.components.seconds)
        }
    }

    private struct State {
        /// By filter, "now" left out (``withoutNow(_:)``): a filter's latest count.
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
    /// caller computes a count, others asking for it wait for the same answer. A count that has
    /// only outlived ``lifetime`` or its overdue "now" (no write here since) is answered at once
    /// while a fresh one is computed in the background; one a write made stale is always waited for. `compute` must
    /// take its own database connection: it may outlive the caller.
    func count(for query: CaseQuery, compute: @escaping @Sendable () async throws -> Int) async throws -> Int {
        let key = Self.key(query)
        let now = ContinuousClock.now
        let current = generation.load(ordering: .relaxed)
        enum Lookup {
            case hit(Int)
            case await(Task<Int, any Error>)
        }
        let lookup: Lookup = state.withLock { state in
            let entry = state.entries[Self.withoutNow(key)].flatMap { $0.generation == current ? $0 : nil }
            if let entry, entry.overdueAt == key.overdueAt, now - entry.at < lifetime { return .hit(entry.count) }
            let task: Task<Int, any Error>
            // Join a count begun since the last write only: an older one may miss the caller's own write.
            if let running = state.inFlight[key], running.generation == current {
                task = running.task
            } else {
                task = Task { try await self.compute(key, generation: current, startedAt: now, compute) }
                state.inFlight[key] = (current, task)
            }
            // Only older (past its lifetime, or an overdue "now" a few seconds back): refreshed behind.
            if let entry, entry.standsIn(for: key.overdueAt, lifetime: lifetime) { return .hit(entry.count) }
            return .await(task)
        }
        switch lookup {
        case .hit(let count): return count
        case .await(let task): return try await task.value
        }
    }

    /// Runs one computation and records its answer (even if no caller waits for it any more).
    private func compute(_ key: CaseQuery, generation: Int, startedAt: ContinuousClock.Instant, _ compute: () async throws -> Int) async throws -> Int {
        let result: Result<Int, any Error>
        do { result = .success(try await compute()) } catch { result = .failure(error) }
        state.withLock { state in
            if state.inFlight[key]?.generation == generation { state.inFlight[key] = nil }  // not a newer one
            if case .success(let count) = result {
                if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
                state.entries[Self.withoutNow(key)] = Entry(count: count, generation: generation, at: startedAt, overdueAt: key.overdueAt)
            }
        }
        return try result.get()
    }

    /// `key` with its "overdue now" instant replaced by one fixed instant: the same filter at any time.
    static func withoutNow(_ key: CaseQuery) -> CaseQuery {
        var timeless = key
        if timeless.overdueAt != nil { timeless.overdueAt = .distantPast }
        return timeless
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
