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

    @Test("a checkpoint starts on every interval-th commit, never two at once")
    func interval() async {
        let runs = Runs()
        let checkpointer = WALCheckpointer(interval: 3, logger: Logger(label: "test")) {
            runs.count.add(1, ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(50))
        }
        checkpointer.committed()
        checkpointer.committed()
        await checkpointer.finish()
        #expect(runs.count.load(ordering: .relaxed) == 0)
        checkpointer.committed()  // the third
        for _ in 0..<5 { checkpointer.committed() }  // while it runs: none starts
        await checkpointer.finish()
        #expect(runs.count.load(ordering: .relaxed) == 1)
    }

    @Test("writes on SQLite leave the log checkpointed, and all of them readable after reopening")
    func sqlite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fg-wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = DatabaseLocation.sqlite(path: directory.appendingPathComponent("wal.sqlite").path)
        let database = try await Database.open(location, logger: Logger(label: "test"))
        try await database.transaction { db in try await db.raw("CREATE TABLE t (i INTEGER)").run() }
        for i in 0..<130 {
            try await database.transaction { db in try await db.raw("INSERT INTO t VALUES (\(bind: i))").run() }
        }
        try await database.close()
        // A write connection never checkpoints on its own (wal_autocheckpoint = 0); the background
        // checkpoints and SQLite's own checkpoint on close left a database that holds every row.
        let reopened = try await Database.open(location, logger: Logger(label: "test"))
        let count = try await reopened.withConnection { db in
            try await db.raw("SELECT count(*) AS n FROM t").first()?.decode(column: "n", as: Int.self)
        }
        #expect(count == 130)
        try await reopened.close()
    }
}
