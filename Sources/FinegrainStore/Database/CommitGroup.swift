import Synchronization
public import SQLKit

/// 成组提交 (group commit): many callers' small writes committed together in one transaction.
///
/// Why: a durable commit costs a disk flush (SQLite `synchronous = FULL` flushes the WAL; PostgreSQL
/// flushes its log), and SQLite takes one writer at a time. One flush per case caps intake at a few
/// hundred cases a second however fast the rest is. Here, while one batch commits, the next callers
/// queue; the next batch writes all of them in one transaction and one flush, so the cost of the
/// flush is shared by everyone who arrived meanwhile — the busier the server, the larger the batch.
///
/// Nothing is acknowledged early: ``submit(_:)`` returns only after the transaction holding the job
/// has committed. A job that fails on its own (its `write` result is a failure) is left out and
/// only its caller sees the error. When a whole batch fails (a constraint, a full disk), it is
/// retried in halves, down to single jobs, so one bad job cannot fail its neighbours.
///
/// ```swift
/// let group = CommitGroup<Row, Int>(database: database) { rows, db in
///     try await insert(rows, db)          // one multi-row statement for the whole batch
///     return rows.map { .success($0.id) }
/// }
/// let id = try await group.submit(row)    // returns once committed
/// ```
public final class CommitGroup<Job: Sendable, Output: Sendable>: Sendable {
    /// Writes a batch inside an open transaction; returns one result per job, in order.
    public typealias Write = @Sendable ([Job], any SQLDatabase) async throws -> [Result<Output, any Error>]

    private struct Waiter: Sendable {
        let job: Job
        let continuation: CheckedContinuation<Output, any Error>
    }

    private struct State: Sendable {
        var pending: [Waiter] = []
        var leading = false
    }

    private let database: Database
    private let maximumBatch: Int
    private let write: Write
    private let state = Mutex(State())

    /// - Parameter maximumBatch: the most jobs one transaction takes (bounds a batch's latency).
    public init(database: Database, maximumBatch: Int = 500, write: @escaping Write) {
        self.database = database
        self.maximumBatch = max(1, maximumBatch)
        self.write = write
    }

    /// Queues `job` and returns its output once the transaction that wrote it has committed.
    public func submit(_ job: Job) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let lead = state.withLock { state in
                state.pending.append(Waiter(job: job, continuation: continuation))
                guard !state.leading else { return false }
                state.leading = true
                return true
            }
            // One task drains the queue while there is work; it ends when the queue is empty.
            if lead { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch: [Waiter] = state.withLock { state in
                let taken = Array(state.pending.prefix(maximumBatch))
                state.pending.removeFirst(taken.count)
                if taken.isEmpty { state.leading = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Waiter]) async {
        do {
            let results = try await database.transaction { db in try await write(batch.map(\.job), db) }
            for (waiter, result) in zip(batch, results) { waiter.continuation.resume(with: result) }
            for waiter in batch.dropFirst(results.count) {
                waiter.continuation.resume(throwing: CommitGroupError.missingResult)
            }
        } catch {
            guard batch.count > 1 else {
                batch[0].continuation.resume(throwing: error)
                return
            }
            // Find the culprit by halves: one bad job among n costs about 2·log₂ n retries.
            await commit(Array(batch[..<(batch.count / 2)]))
            await commit(Array(batch[(batch.count / 2)...]))
        }
    }
}

/// A batch writer returned fewer results than it was given jobs (a programming error).
public enum CommitGroupError: Error, Sendable {
    case missingResult
}
