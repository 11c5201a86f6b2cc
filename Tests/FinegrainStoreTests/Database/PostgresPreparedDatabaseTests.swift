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
                let name = try #require(PreparedRead(sql: "SELECT $1 || $2 AS x, $3 + 1 AS n", binds: ["a", "b", 2])).shape.name
                let prepared = try await db.raw("SELECT count(*) AS n FROM pg_prepared_statements WHERE name = \(bind: name)").first()
                #expect(try prepared?.decode(column: "n", as: Int.self) == 1)

                // A NULL bind runs unprepared, with the same answer as ever.
                let fallback = try await db.raw("SELECT coalesce(\(bind: String?.none), 'z') AS x").first()
                #expect(try fallback?.decode(column: "x", as: String.self) == "z")
                let statements = try await db.raw("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%coalesce%' AND statement NOT LIKE '%pg_prepared_statements%'").first()
                #expect(try statements?.decode(column: "n", as: Int.self) == 0)
            }
        }
    }
}
