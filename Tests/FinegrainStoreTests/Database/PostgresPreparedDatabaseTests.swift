import FinegrainTestSupport
@testable import FinegrainStore
import PostgresNIO
import SQLKit
import Testing

@Suite("PostgresPreparedDatabase — reads as prepared statements, planned once per connection")
struct PostgresPreparedDatabaseTests {
    @Test("a read is named by its text and its binds' types; writes, NULL binds and long lists are not prepared")
    func shapes() {
        let read = PreparedRead(sql: "SELECT id FROM cases WHERE status = $1 LIMIT $2", binds: ["filed", 20])
        #expect(read?.shape.name.hasPrefix("fg_") == true)
        #expect(read?.shape.types == [.text, .int8])
        #expect(read?.shape.name == PreparedRead(sql: "SELECT id FROM cases WHERE status = $1 LIMIT $2", binds: ["closed", 40])?.shape.name)
        #expect(read?.shape.name != PreparedRead(sql: "SELECT id FROM cases WHERE status = $1 LIMIT $2", binds: ["filed", "20"])?.shape.name)
        #expect(read?.shape.name != PreparedRead(sql: "SELECT id FROM cases WHERE status = $1 LIMIT $2 ", binds: ["filed", 20])?.shape.name)
        #expect(read?.shape.name != PreparedRead(sql: "SELECT id FROM cases WHERE status = $1 LIMIT $2", binds: ["filed", 20], schemaGeneration: 1)?.shape.name)
        #expect(PreparedRead(sql: "SELECT x FROM t WHERE k = ANY($1)", binds: [["a", "b"]])?.shape.types == [.textArray])
        #expect(PreparedRead(sql: "INSERT INTO t (a) VALUES ($1)", binds: ["a"]) == nil)
        #expect(PreparedRead(sql: "SELECT a FROM t WHERE b = $1", binds: [String?.none]) == nil)
        let many: [any Encodable] = Array(repeating: 1, count: PreparedRead.bindLimit + 1)
        #expect(PreparedRead(sql: "SELECT a FROM t WHERE b IN (…)", binds: many) == nil)
    }

    @Test("on PostgreSQL a read is prepared on the connection once and answers as before", .enabled(if: TestDatabase.all.contains(.postgres)))
    func prepared() async throws {
        try await TestDatabase.postgres.withStore { (store: Store) async throws in
            try await store.database.withConnection { db in
                #expect(db is PostgresPreparedDatabase)
                for suffix in ["b", "c"] {
                    let answer = try await db.raw("SELECT \(bind: "a") || \(bind: suffix) AS x, \(bind: 2) + 1 AS n").first()
                    #expect(try answer?.decode(column: "x", as: String.self) == "a" + suffix)
                    #expect(try answer?.decode(column: "n", as: Int.self) == 3)
                }
                let prepared = try await db.raw(
                    "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = \(bind: "SELECT $1 || $2 AS x, $3 + 1 AS n") AND name LIKE 'fg\\_%'"
                ).first()
                #expect(try prepared?.decode(column: "n", as: Int.self) == 1)

                // A NULL bind runs unprepared, with the same answer as ever.
                let fallback = try await db.raw("SELECT coalesce(\(bind: String?.none), 'z') AS x").first()
                #expect(try fallback?.decode(column: "x", as: String.self) == "z")
                let statements = try await db.raw("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%coalesce%' AND statement NOT LIKE '%pg_prepared_statements%'").first()
                #expect(try statements?.decode(column: "n", as: Int.self) == 0)
            }
        }
    }

    @Test("a statement prepared before the schema changed is not run after it", .enabled(if: TestDatabase.all.contains(.postgres)))
    func schemaChange() async throws {
        try await TestDatabase.postgres.withStore { (store: Store) async throws in
            try await store.database.withConnection { db in
                let before = try #require(db as? PostgresPreparedDatabase)
                try await db.raw("CREATE TABLE widened (a INTEGER)").run()
                try await db.raw("INSERT INTO widened (a) VALUES (1)").run()
                _ = try await db.raw("SELECT * FROM widened WHERE a = \(bind: 1)").all()
                try await db.raw("ALTER TABLE widened ADD COLUMN b INTEGER").run()
                // PostgreSQL refuses the statement prepared for the narrower table…
                await #expect(throws: (any Error).self) { try await db.raw("SELECT * FROM widened WHERE a = \(bind: 1)").all() }
                // …which is why a migration raises the generation every name includes.
                let after = PostgresPreparedDatabase(connection: before.connection, schemaGeneration: before.schemaGeneration + 1)
                let row = try await after.raw("SELECT * FROM widened WHERE a = \(bind: 1)").first()
                #expect(try row?.decode(column: "b", as: Int?.self) == nil)
                #expect(try row?.decode(column: "a", as: Int.self) == 1)
            }
        }
    }
}
