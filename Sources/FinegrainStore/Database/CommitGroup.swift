import Synchronization
import SQLKit

/// What a ``CommitGroup`` writes: a batch of jobs, prepared outside the transaction where it can
/// be, then written inside one.
///
/// Why two steps: the transaction is the one thing writers take turns at, so whatever a batch can
/// do without it — building rows, hashing, encoding — is done in ``plan(_:)`` while the previous
/// batch commits. A plan rests on guesses (for new cases, the next case numbers); ``write(_:plan:_:)``
/// checks them inside the transaction and starts over from what the database says when they are
/// wrong, so a plan can make a write faster but never wrong.
protocol BatchWriter: Sendable {
    associatedtype Job: Sendable
    associatedtype Output: Sendable
    associatedtype Plan: Sendable

    /// Prepares `jobs`, in order, outside any transaction; `nil` when nothing can be prepared yet.
    /// Called for one batch at a time, in the order the batches are written.
    func plan(_ jobs: [Job]) -> Plan?

    /// Writes `jobs` in the open transaction `db`, using `plan` when it still holds; returns one
    /// result per job, in order. `plan` is `nil` when the batch is retried in parts.
    func write(_ jobs: [Job], plan: Plan?, _ db: any SQLDatabase) async throws -> [Result<Output, any Error>]

    /// Writes `jobs` by `plan` in one synchronous step, inside a transaction open on SQLite's
    /// writer thread (``Database/transactionInOneStep(_:)``); `nil` when the plan does not hold —
    /// the transaction is then rolled back and ``write(_:plan:_:)`` runs instead. Not called on
    /// PostgreSQL. The default writes nothing this way.
    func writeInOneStep(_ jobs: [Job], plan: Plan, _ session: SQLiteSession) throws -> [Result<Output, any Error>]?
}

extension BatchWriter {
    func writeInOneStep(_ jobs: [Job], plan: Plan, _ session: SQLiteSession) throws -> [Result<Output, any Error>]? { nil }
}

/// 成组提交 (group commit): many callers' small writes committed together in one transaction.
///
/// Why: a durable commit costs a disk flush (SQLite `synchronous = FULL` flushes the WAL; PostgreSQL
/// flushes its log), and SQLite takes one writer at a time. One flush per case caps intake at a few
/// hundred cases a second however fast the rest is. Here, while one batch commits, the next callers
/// queue; the next batch writes all of them in one transaction and one flush, so the cost of the
/// flush is shared by everyone who arrived meanwhile — the busier the server, the larger the batch.
/// And while one batch commits, the next is already being planned (``BatchWriter/plan(_:)``), so
/// the transaction holds only the database's own work.
///
/// Nothing is acknowledged early: ``submit(_:)`` returns only after the transaction holding the job
/// has committed. A job that fails on its own (its `write` result is a failure) is left out and
/// only its caller sees the error. When a whole batch fails (a constraint, a full disk), it is
/// retried in halves, down to single jobs, so one bad job cannot fail its neighbours.
///
/// The batches are driven by one task at high priority: every request waits for it, so its steps
/// between database calls must not queue behind the requests' own work.
///
/// ```swift
/// let group = CommitGroup(database: database, writer: CaseIntakeWriter(dialect: .sqlite))
/// let created = try await group.submit(intake)    // returns once committed
/// ```
final class CommitGroup<Writer: BatchWriter>: Sendable {
    typealias Job = Writer.Job
    typealias Output = Writer.Output

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
    private let writer: Writer
    private let state = Mutex(State())
    /// Batches written in one step on SQLite's writer thread, and in ordinary transactions.
    let batchesInOneStep = Atomic<Int>(0)
    let batchesInTransactions = Atomic<Int>(0)

    /// - Parameter maximumBatch: the most jobs one transaction takes (bounds a batch's latency).
    init(database: Database, maximumBatch: Int = 500, writer: Writer) {
        self.database = database
        self.maximumBatch = max(1, maximumBatch)
        self.writer = writer
    }

    /// Queues `job` and returns its output once the transaction that wrote it has committed.
    func submit(_ job: Job) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let lead = state.withLock { state in
                state.pending.append(Waiter(job: job, continuation: continuation))
                guard !state.leading else { return false }
                state.leading = true
                return true
            }
            // One task drains the queue while there is work; it ends when the queue is empty.
            if lead { Task(priority: .high) { await self.drain() } }
        }
    }

    /// Plans each batch while the one before it commits.
    private func drain() async {
        var committing: Task<Void, Never>?
        while true {
            let batch = take(mayStop: committing == nil)
            guard !batch.isEmpty else {
                guard let running = committing else { return }
                await running.value
                committing = nil
                continue
            }
            let plan = writer.plan(batch.map(\.job))
            await committing?.value
            committing = Task(priority: .high) { await self.commit(batch, plan: plan) }
        }
    }

    /// The next batch; when there is none and `mayStop`, this task stops leading.
    private func take(mayStop: Bool) -> [Waiter] {
        state.withLock { state in
            let taken = Array(state.pending.prefix(maximumBatch))
            state.pending.removeFirst(taken.count)
            if taken.isEmpty && mayStop { state.leading = false }
            return taken
        }
    }

    private func commit(_ batch: [Waiter], plan: Writer.Plan?) async {
        do {
            let jobs = batch.map(\.job)
            // In one step on SQLite's writer thread when the plan holds; else in an ordinary transaction.
            var inOneStep: [Result<Output, any Error>]?
            if let plan {
                inOneStep = try await database.transactionInOneStep { [writer] session in try writer.writeInOneStep(jobs, plan: plan, session) }
            }
            let results: [Result<Output, any Error>]
            if let inOneStep {
                results = inOneStep
                batchesInOneStep.add(1, ordering: .relaxed)
            } else {
                results = try await database.transaction { db in try await writer.write(jobs, plan: plan, db) }
                batchesInTransactions.add(1, ordering: .relaxed)
            }
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
            await commit(Array(batch[..<(batch.count / 2)]), plan: nil)
            await commit(Array(batch[(batch.count / 2)...]), plan: nil)
        }
    }
}

/// A batch writer returned fewer results than it was given jobs (a programming error).
public enum CommitGroupError: Error, Sendable {
    case missingResult
}
