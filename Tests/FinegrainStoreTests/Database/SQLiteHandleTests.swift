@testable import FinegrainStore
import FinegrainTestSupport
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteNIO
import Testing

@Suite("SQLiteHandle — Finegrain's own SQLite connections (the writer and the readers), and transactions in one step")
struct SQLiteHandleTests {
    /// A fresh database file in its own directory, removed afterwards.
    static func withDatabase(_ body: (Database, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fg-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("w.sqlite").path
        let database = try await Database.open(.sqlite(path: path), logger: Logger(label: "test"))
        do {
            try await database.transaction { db in
                try await db.raw("CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, f REAL, s TEXT UNIQUE, b BLOB)").run()
            }
            try await body(database, path)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }

    @Test("every kind of value goes in and comes back as it was, through the session and through SQLKit")
    func values() async throws {
        try await Self.withDatabase { database, _ in
            let blob = ByteBuffer(bytes: [0, 1, 2, 255])
            let rows = try await database.transactionInOneStep { session in
                try session.run("INSERT INTO t (i, f, s, b) VALUES (?1, ?2, ?3, ?4)", [.integer(-42), .float(2.5), .text("井盖缺失 ✓"), .blob(blob)])
                try session.run("INSERT INTO t (i, f, s, b) VALUES (?, ?, ?, ?)", [.null, .null, .text(""), .null])
                return try session.rows("SELECT i, f, s, b FROM t ORDER BY id")
            }
            #expect(rows?.count == 2)
            #expect(rows?.first?.values == [.integer(-42), .float(2.5), .text("井盖缺失 ✓"), .blob(blob)])
            #expect(rows?.last?.values == [.null, .null, .text(""), .null])
            // The same rows read by SQLKit on the writer (a transaction) decode as on a reader.
            let decoded = try await database.transaction { db in
                try await db.select().columns("i", "f", "s").from("t").where("s", .equal, SQLBind("井盖缺失 ✓")).first()
            }
            #expect(try decoded?.decode(column: "i", as: Int.self) == -42)
            #expect(try decoded?.decode(column: "f", as: Double.self) == 2.5)
            #expect(try decoded?.decode(column: "s", as: String.self) == "井盖缺失 ✓")
            #expect(try decoded?.decodeNil(column: "i") == false)
            #expect(decoded?.contains(column: "b") == false)
            #expect(throws: SQLiteMissingColumn.self) { try decoded?.decode(column: "b", as: String.self) }
        }
    }

    @Test("returning a value commits; returning nil or throwing rolls back, and the connection goes on working")
    func oneStep() async throws {
        try await Self.withDatabase { database, _ in
            let committed = try await database.transactionInOneStep { session in
                try session.run("INSERT INTO t (s) VALUES ('kept')")
                return true
            }
            #expect(committed == true)
            let declined: Bool? = try await database.transactionInOneStep { session in
                try session.run("INSERT INTO t (s) VALUES ('declined')")
                return nil
            }
            #expect(declined == nil)
            // A unique violation half-way: the first insert of the step is undone too.
            let error = await #expect(throws: SQLiteHandleError.self) {
                _ = try await database.transactionInOneStep { session -> Bool? in
                    try session.run("INSERT INTO t (s) VALUES ('undone')")
                    try session.run("INSERT INTO t (s) VALUES ('kept')")
                    return true
                }
            }
            #expect(error?.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
            #expect(error?.description.contains("UNIQUE constraint failed: t.s") == true)
            let names = try await database.withConnection { db in
                try await db.raw("SELECT s FROM t ORDER BY id").all().map { try $0.decode(column: "s", as: String.self) }
            }
            #expect(names == ["kept"])
        }
    }

    @Test("statements are kept prepared, and past the cache's size it starts afresh without losing any")
    func statementCache() async throws {
        try await Self.withDatabase { database, _ in
            // 300 distinct statement texts: more than the cache keeps.
            let total = try await database.transactionInOneStep { session in
                for i in 0..<300 { try session.run("INSERT INTO t (i, s) VALUES (?1, 'row \(i)')", [.integer(i)]) }
                for i in 0..<300 { try session.run("UPDATE t SET f = ?1 WHERE i = ?2", [.float(Double(i) / 2), .integer(i)]) }
                return try session.rows("SELECT sum(f) AS total FROM t").first?.values.first
            }
            #expect(total == .float(Double(299 * 300 / 2) / 2))
        }
    }

    @Test("readers see every committed write, concurrently, with their statements kept between requests")
    func readers() async throws {
        try await Self.withDatabase { database, _ in
            for i in 0..<50 {
                try await database.transaction { db in try await db.raw("INSERT INTO t (i, s) VALUES (\(bind: i), \(bind: "r\(i)"))").run() }
            }
            // More concurrent readers than the pool has connections: each reads the same statement
            // (kept prepared on its connection) with its own bind.
            let found = try await withThrowingTaskGroup(of: String?.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        try await database.withConnection { db in
                            try await db.raw("SELECT s FROM t WHERE i = \(bind: i)").first()?.decode(column: "s", as: String.self)
                        }
                    }
                }
                return try await group.reduce(into: Set<String>()) { if let s = $1 { $0.insert(s) } }
            }
            #expect(found == Set((0..<50).map { "r\($0)" }))
            // A failing read names the statement and leaves the connection usable.
            await #expect(throws: SQLiteHandleError.self) {
                try await database.withConnection { db in try await db.raw("SELECT nothing FROM t").run() }
            }
            let count = try await database.withConnection { db in
                try await db.raw("SELECT count(*) AS n FROM t").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 50)
        }
    }

    @Test("on PostgreSQL there is no one-step transaction: nothing runs", .enabled(if: TestDatabase.all.contains(.postgres)))
    func postgres() async throws {
        try await TestDatabase.postgres.withStore { (store: Store) async throws in
            let ran = try await store.database.transactionInOneStep { _ in true }
            #expect(ran == nil)
        }
    }
}
