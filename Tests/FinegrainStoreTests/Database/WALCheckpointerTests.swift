@testable import FinegrainStore
import FinegrainTestSupport
import Foundation
import Logging
import SQLKit
import Synchronization
import Testing

@Suite("WALCheckpointer — the SQLite log checkpointed in the background")
struct WALCheckpointerTests {
    final class Runs: Sendable {
        let count = Atomic<Int>(0)
    }

    @Test("a checkpoint starts on every interval-th commit, never two at once; the writer finishes each")
    func interval() async {
        let runs = Runs()
        let checkpointer = WALCheckpointer(interval: 3, logger: Logger(label: "test")) {
            runs.count.add(1, ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!checkpointer.committed())
        #expect(!checkpointer.committed())
        await checkpointer.finish()
        #expect(runs.count.load(ordering: .relaxed) == 0)
        #expect(!checkpointer.committed())  // the third: starts one
        for _ in 0..<5 { #expect(!checkpointer.committed()) }  // while it runs: none starts, none to finish
        await checkpointer.finish()
        #expect(runs.count.load(ordering: .relaxed) == 1)
        #expect(checkpointer.committed())  // it ended: the writer finishes it, once
        #expect(!checkpointer.committed())
    }

    @Test("under sustained writes on SQLite the log is copied back and started over, and every row is kept")
    func sqlite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fg-wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("wal.sqlite").path
        let location = DatabaseLocation.sqlite(path: path)
        var options = Database.Options()
        options.sqliteSynchronous = "NORMAL"  // the log's size is the point here, not the flushes
        let database = try await Database.open(location, options: options, logger: Logger(label: "test"))
        try await database.transaction { db in try await db.raw("CREATE TABLE t (i INTEGER, b BLOB)").run() }
        // 8 rounds of 64 transactions of two to three 8 KiB pages each: about 12 MB of log if it
        // were never started over; with a checkpoint every 64 commits it stays near an eighth of
        // that. Each round waits for the background checkpoint, as a busy server's next batches
        // would, so that the test does not depend on how fast that task is scheduled.
        let transactions = 512
        for i in 0..<transactions {
            try await database.transaction { db in try await db.raw("INSERT INTO t VALUES (\(bind: i), randomblob(16000))").run() }
            if i % 64 == 63 { await database.checkpointFinished() }
        }
        let log = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        #expect(log > 0)
        #expect(log < 4_000_000, "the log grew to \(log) bytes: it is not being started over")
        try await database.close()
        let reopened = try await Database.open(location, logger: Logger(label: "test"))
        let count = try await reopened.withConnection { db in
            try await db.raw("SELECT count(*) AS n FROM t").first()?.decode(column: "n", as: Int.self)
        }
        #expect(count == transactions)
        try await reopened.close()
    }
}
