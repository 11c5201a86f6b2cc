import FinegrainCore
@testable import FinegrainStore
import FinegrainTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@Suite("Migration 15 — PostgreSQL's text index over stored vectors")
struct TextVectorMigrationTests {
    @Test("cases indexed as text before it are found by the same words, phrases and numbers after it, and new cases with them", arguments: TestDatabase.all)
    func findsTheSameCases(_ database: TestDatabase) async throws {
        try await database.withStore(migrations: Schema.migrations.filter { $0.version < 15 }) { (store: Store) async throws in
            let histories = try GeneratedActivity.histories(0..<120, from: "2026-09-01", to: "2026-11-10", now: "2026-11-12")
            try await store.bulkCreateCases(histories)
            if store.database.dialect == .postgres {
                // Before migration 15 PostgreSQL's rows held the terms as text, as migration 10 wrote them.
                try await store.database.transaction { db in
                    try await db.raw("DELETE FROM case_search").run()
                    try await Store.indexCaseText(db, .postgres)
                }
                let type = try await Self.termsType(store)
                try #require(type == "text")
            }
            let number = try #require(try await store.searchCases(CaseQuery(perPage: 1)).items.first?.number)
            let queries = ["井盖", "街道", "街道 南门", "占道经营", "口", String(number.suffix(7)), number]
            var before: [String: Set<String>] = [:]
            for q in queries {
                before[q] = Set(try await store.searchCases(CaseQuery(text: q, perPage: 500)).items.map(\.id))
            }
            try #require(before.values.contains { $0.count > 10 } && before[number]?.count == 1)

            let migrated = Store(database: store.database)  // with no match kept from before
            #expect(try await Migrator(database: store.database, logger: Logger(label: "test")).migrate() == [15])
            for q in queries {
                let found = try await migrated.searchCases(CaseQuery(text: q, perPage: 500))
                #expect(Set(found.items.map(\.id)) == before[q], "q=\(q)")
                #expect(found.total == before[q]?.count, "q=\(q)")
            }
            var later = CaseStoreTests.report("later", number: "FG20261112000002")
            later.description = "又一个井盖缺失"
            _ = try await migrated.createCase(try CaseStoreTests.workflow.report(later, by: CaseStoreTests.inspector, at: Date(timeIntervalSince1970: 1_772_413_300)))
            #expect(try await migrated.searchCases(CaseQuery(text: "井盖缺失", perPage: 500)).items.map(\.id).contains("later"))
            if store.database.dialect == .postgres {
                let type = try await Self.termsType(store)
                #expect(type == "tsvector")
            }
        }
    }

    /// The type of `case_search.terms` in the store's schema.
    static func termsType(_ store: Store) async throws -> String? {
        try await store.database.withConnection { db in
            try await db.raw("SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'case_search' AND column_name = 'terms'")
                .first()?.decode(column: "data_type", as: String.self)
        }
    }
}
