import FinegrainStore
import FinegrainTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@Suite("Database — locations, migrations, transactions")
struct DatabaseTests {
    @Test("database locations parse, and passwords are masked in descriptions")
    func locations() throws {
        #expect(try DatabaseLocation(parsing: "sqlite:./city.sqlite") == .sqlite(path: "./city.sqlite"))
        #expect(try DatabaseLocation(parsing: "sqlite:///tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try DatabaseLocation(parsing: "data/city.db") == .sqlite(path: "data/city.db"))
        let pg = try DatabaseLocation(parsing: "postgres://city:secret@127.0.0.1:5432/city")
        #expect(pg.description.contains("***"))
        #expect(!pg.description.contains("secret"))
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation(parsing: "mysql://x") }
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation(parsing: "sqlite:") }
    }

    @Test("migrating twice applies nothing the second time", arguments: TestDatabase.all)
    func migrateTwice(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let migrator = Migrator(database: store.database, logger: Logger(label: "test"))
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.appliedVersions() == Schema.migrations.map(\.version))
        }
    }

    @Test("a transaction that throws is rolled back", arguments: TestDatabase.all)
    func rollback(_ database: TestDatabase) async throws {
        struct Boom: Error {}
        try await database.withStore { (store: Store) async throws in
            await #expect(throws: Boom.self) {
                try await store.database.transaction { db in
                    try await db.insert(into: "settings").columns("key", "value", "updated_at")
                        .values(SQLBind("k"), SQLBind("v"), SQLBind("t")).run()
                    throw Boom()
                }
            }
            #expect(try await store.setting("k") == nil)
            try await store.setSetting("k", "v1")
            try await store.setSetting("k", "v2")
            #expect(try await store.setting("k") == "v2")
            #expect(await store.database.ping())
        }
    }

    @Test("a connection given room for a large read has it for its own statements only, and writes nothing", arguments: TestDatabase.all)
    func workMemory(_ database: TestDatabase) async throws {
        struct Boom: Error {}
        try await database.withStore { (store: Store) async throws in
            @Sendable func workMem(_ db: any SQLDatabase) async throws -> String? {
                try await db.raw("SHOW work_mem").first()?.decode(column: "work_mem", as: String.self)
            }
            let rows = try await store.database.withConnection(workMemory: 48) { db in
                try await db.select().column("key").from("settings").all().count
            }
            #expect(rows == 0)
            guard store.database.dialect == .postgres else { return }
            let usual = try await store.database.withConnection { try await workMem($0) }
            #expect(try await store.database.withConnection(workMemory: 48) { try await workMem($0) } == "48MB")
            await #expect(throws: (any Error).self) {
                try await store.database.withConnection(workMemory: 48) { db in
                    try await db.insert(into: "settings").columns("key", "value", "updated_at").values(SQLBind("k"), SQLBind("v"), SQLBind("t")).run()
                }
            }
            await #expect(throws: Boom.self) {
                try await store.database.withConnection(workMemory: 48) { _ in throw Boom() }
            }
            // Every pooled connection is back to the usual setting, outside any transaction.
            for _ in 0..<4 {
                #expect(try await store.database.withConnection { try await workMem($0) } == usual)
            }
            #expect(try await store.setting("k") == nil)
            try await store.setSetting("k", "v")
            #expect(try await store.setting("k") == "v")
        }
    }

    @Test("concurrent writers on SQLite all commit (busy timeout, BEGIN IMMEDIATE)")
    func concurrentWriters() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<40 {
                    group.addTask { try await store.setSetting("key\(i)", "\(i)") }
                }
                try await group.waitForAll()
            }
            for i in 0..<40 { #expect(try await store.setting("key\(i)") == "\(i)") }
        }
    }
}
