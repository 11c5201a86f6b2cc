import Logging
import Synchronization

/// 日志归并 (WAL checkpointing) away from the committing writer.
///
/// Why: SQLite copies the write-ahead log back into the database file ("checkpoints") by
/// default inside the commit that takes the log past 1,000 pages — on the one writer connection,
/// while every queued write waits (2.4 % of the server's CPU while filing cases, all of it on the
/// writer's path). The writer connection therefore has automatic checkpoints off, and after every
/// `interval` write transactions this runs a passive checkpoint on a reader connection in the
/// background: it copies what no reader still needs and never blocks the writer. Durability is
/// unchanged — a commit is durable once its log frames are flushed; the checkpoint only bounds
/// the log's size.
///
/// ```swift
/// let checkpointer = WALCheckpointer(interval: 64, logger: logger) {
///     try await reader.query("PRAGMA wal_checkpoint(PASSIVE)")   // on a pooled reader connection
/// }
/// checkpointer.committed()          // after each write transaction
/// await checkpointer.finish()       // before closing
/// ```
final class WALCheckpointer: Sendable {
    private struct State {
        var commits = 0
        var lastStart = ContinuousClock.now
        var running: Task<Void, Never>?
    }

    private let interval: Int
    private let run: @Sendable () async throws -> Void
    private let logger: Logger
    private let state = Mutex(State())

    init(interval: Int, logger: Logger, run: @escaping @Sendable () async throws -> Void) {
        self.interval = max(1, interval)
        self.logger = logger
        self.run = run
    }

    /// Counts a committed write; starts a checkpoint every `interval` of them (or a second after
    /// the last one began) unless one is running.
    func committed() {
        state.withLock { state in
            state.commits += 1
            let now = ContinuousClock.now
            guard state.commits >= interval || now - state.lastStart >= .seconds(1), state.running == nil else { return }
            state.commits = 0
            state.lastStart = now
            state.running = Task { [run, logger] in
                do { try await run() } catch { logger.warning("WAL checkpoint failed", metadata: ["error": "\(error)"]) }
                self.state.withLock { $0.running = nil }
            }
        }
    }

    /// Waits for a running checkpoint.
    func finish() async {
        await state.withLock { $0.running }?.value
    }
}
