import FinegrainCore
import FinegrainStore
import FinegrainTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Store — pages of several statuses merged from per-status index walks equal the database's own order")
struct CaseSearchPagingTests {
    /// The database's own answer: one query sorting every match (ties by id, in the same direction).
    static func reference(_ store: Store, statuses: [CaseStatus], sort: CaseQuery.Sort, descending: Bool, page: Int, perPage: Int) async throws -> [String] {
        try await store.database.withConnection { db in
            try await db.select().column("id").from("cases").where("status", .in, statuses.map(\.rawValue))
                .orderBy(sort.rawValue, descending ? .descending : .ascending).orderBy("id", descending ? .descending : .ascending)
                .limit(perPage).offset((page - 1) * perPage).all().map { try $0.decode(column: "id", as: String.self) }
        }
    }

    @Test("every page, both directions, by due time (with empty deadlines) and by report time", arguments: TestDatabase.all)
    func merged(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.bulkCreateCases(try GeneratedActivity.histories(0..<400, from: "2026-09-01", to: "2026-11-10", now: "2026-11-12"))
            let counts = Dictionary(uniqueKeysWithValues: try await store.caseCounts(by: "status", CaseCountFilter()).map { ($0.key, $0.count) })
            // Open statuses with cases, and a final one (no due time: NULLs must sort as the database sorts them).
            let statuses = counts.keys.compactMap(CaseStatus.init(rawValue:)).sorted { $0.rawValue < $1.rawValue }
            try #require(statuses.count >= 3)
            let total = statuses.reduce(0) { $0 + (counts[$1.rawValue] ?? 0) }
            for sort in [CaseQuery.Sort.dueAt, .reportedAt] {
                for descending in [false, true] {
                    for page in 1...((total + 49) / 50) {
                        let got = try await store.searchCases(CaseQuery(statuses: Set(statuses), sort: sort, descending: descending, page: page, perPage: 50))
                        let expected = try await Self.reference(store, statuses: statuses, sort: sort, descending: descending, page: page, perPage: 50)
                        #expect(got.items.map(\.id) == expected, "sort \(sort) descending \(descending) page \(page)")
                        #expect(got.total == total)
                    }
                }
            }
        }
    }
}
