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
/// A background checkpoint alone never lets the log shrink under sustained writes: it copies the
/// frames that existed when it began, and by the time it ends the writer has appended more, so the
/// log is never wholly copied back when a write transaction starts — the only moment SQLite starts
/// the log over from its beginning. So once a background checkpoint has finished, the writer runs
/// one more passive checkpoint itself, right after its next commit: it copies only the frames
/// written meanwhile, and the write transaction after it starts the log over.
///
/// ```swift
/// let checkpointer = WALCheckpointer(interval: 64, logger: logger) {
///     try await reader.query("PRAGMA wal_checkpoint(PASSIVE)")   // on a pooled reader connection
/// }
/// if checkpointer.committed() {     // after each write transaction
///     try await writer.query("PRAGMA wal_checkpoint(PASSIVE)")   // the rest, on the writer
/// }
/// await checkpointer.finish()       // before closing
/// ```
final class WALCheckpointer: Sendable {
    private struct State {
        var commits = 0
        var lastStart = ContinuousClock.now
        var running: Task<Void, Never>?
        /// A background checkpoint finished since the writer last checkpointed.
        var caughtUp = false
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
    /// the last one began) unless one is running. Returns `true` when the writer should now finish
    /// the job itself (a passive checkpoint on its own connection): a background one has ended
    /// since it last did.
    func committed() -> Bool {
        state.withLock { state in
            state.commits += 1
            let finish = state.caughtUp
            state.caughtUp = false
            let now = ContinuousClock.now
            guard state.commits >= interval || now - state.lastStart >= .seconds(1), state.running == nil else { return finish }
            state.commits = 0
            state.lastStart = now
            state.running = Task { [run, logger] in
                var done = true
                do { try await run() } catch {
                    done = false
                    logger.warning("WAL checkpoint failed", metadata: ["error": "\(error)"])
                }
                self.state.withLock { state in
                    state.running = nil
                    state.caughtUp = state.caughtUp || done
                }
            }
            return finish
        }
    }

    /// Waits for a running checkpoint.
    func finish() async {
        await state.withLock { $0.running }?.value
    }
}
