import FinegrainCore
import FinegrainTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@testable import FinegrainStore

@Suite("Migration 12 — the compact event log")
struct EventLogMigrationTests {
    /// An event body as written before migration 12: the whole actor, user id and role included.
    static func bodyWithWholeActor(_ event: CaseEvent, after previous: [StepDeadline]) throws -> String {
        let compact = StoredEventBody(event, after: previous).json
        var object = try #require(try JSONSerialization.jsonObject(with: Data(compact.utf8)) as? [String: Any])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        object["actor"] = try JSONSerialization.jsonObject(with: try encoder.encode(event.actor))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    @Test("histories stored with hex hashes, stored previous hashes and whole actors read back the same after it, and verify", arguments: TestDatabase.all)
    func migratesOldRows(_ database: TestDatabase) async throws {
        try await database.withStore(migrations: Schema.migrations.filter { $0.version < 12 }) { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            var histories = try StoredEventTests.generated(40, seed: 21)
            // A person's step, with a name that is not the user id, and one with no user at all.
            histories[0][0].actor = CaseActor(userID: "u-7", name: "王五", role: .inspector, departmentID: "d1", address: "10.0.0.1", requestID: "r-9")
            histories[1][0].actor = CaseActor(userID: nil, name: "12345 热线", role: nil)
            var hashedHistories: [[CaseEvent]] = []
            var rows = NewCaseRows()
            var eventRows: [[any SQLExpression]] = []
            for history in histories {
                var chain: [CaseEvent] = []
                var projection: Case?
                for event in history {
                    let (hashed, _) = Store.chained(event, previousHash: chain.last?.hash ?? "", previousDeadlines: chain.last?.deadlines ?? [])
                    eventRows.append([
                        SQLBind(hashed.caseID), SQLBind(hashed.sequence), SQLBind(hashed.type), SQLBind(Timestamp.string(hashed.at)),
                        SQLBind(hashed.actor.userID), SQLBind(hashed.actor.role?.rawValue),
                        SQLBind(try Self.bodyWithWholeActor(hashed, after: chain.last?.deadlines ?? [])), SQLBind(hashed.previousHash), SQLBind(hashed.hash),
                    ])
                    projection = try Case.applying(hashed, to: projection)
                    chain.append(hashed)
                }
                try rows.add(try #require(projection), events: [])
                hashedHistories.append(chain)
            }
            try await store.database.transaction { db in
                try await rows.insert(db, dialect: store.database.dialect)
                for row in eventRows {
                    try await db.insert(into: "case_events")
                        .columns("case_id", "sequence", "type", "at", "actor_user_id", "actor_role", "body", "previous_hash", "hash").values(row).run()
                }
            }
            #expect(try await Migrator(database: store.database, logger: Logger(label: "test")).migrate() == [12, 13, 14, 15])
            for history in hashedHistories {
                #expect(try await store.caseEvents(caseID: history[0].caseID) == history)
            }
            #expect(try await store.verifyEventLog().isEmpty)
            let hashes = try await store.database.withConnection { db in
                try await db.select().column("hash").from("case_events").all().map { try $0.decode(column: "hash", as: Data.self).count }
            }
            #expect(hashes.count == hashedHistories.joined().count && hashes.allSatisfy { $0 == 32 })
        }
    }
}
