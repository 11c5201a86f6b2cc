import FinegrainCore
@testable import FinegrainStore
import FinegrainTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Store — decoded cases are reused only at the version the database holds")
struct CaseRecordCacheTests {
    @Test("a write through another store (another process) is seen by the next page", arguments: TestDatabase.all)
    func anotherWriter(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let filed = try await CaseStoreTests.filedCase(store)
            let query = CaseQuery(statuses: [.filed], perPage: 10)
            #expect(try await store.searchCases(query).items == [filed])
            #expect(store.recentCases.count == 1)

            let other = Store(database: store.database)
            let now = Date(timeIntervalSince1970: 1_772_413_800)
            let event = try CaseStoreTests.workflow.decide(.dispatch(departmentID: "A", note: nil), on: filed, by: CaseStoreTests.dispatcher, at: now)
            let dispatched = try await other.appendEvent(event, expectedVersion: filed.version)

            #expect(try await store.caseRecords(ids: [filed.id]) == [dispatched])
            #expect(try await store.searchCases(CaseQuery(statuses: [.dispatched], perPage: 10)).items == [dispatched])
        }
    }

    @Test("an unfiltered list's total is the number of case rows, with cases filed in bulk, one by one and by another process, and rowids never used", arguments: TestDatabase.all)
    func unfilteredTotal(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            func rows() async throws -> Int {
                try await store.database.withConnection { db in
                    try await db.raw("SELECT count(*) AS n FROM cases").first()?.decode(column: "n", as: Int.self) ?? -1
                }
            }
            #expect(try await store.searchCases(CaseQuery(perPage: 1)).total == 0)
            try await store.bulkCreateCases(try GeneratedActivity.histories(0..<37, from: "2026-09-01", to: "2026-11-10", now: "2026-11-12"))
            _ = try await CaseStoreTests.filedCase(store)
            let other = Store(database: store.database)
            var report = CaseStoreTests.report("other", number: "FG20261112000009")
            report.description = "另一进程立案"
            _ = try await other.createCase(try CaseStoreTests.workflow.report(report, by: CaseStoreTests.inspector, at: Date(timeIntervalSince1970: 1_772_413_300)))
            let fresh = Store(database: store.database)  // no count remembered
            #expect(try await rows() == 39)
            #expect(try await fresh.searchCases(CaseQuery(perPage: 1)).total == 39)
            #expect(try await fresh.searchCases(CaseQuery(page: 3, perPage: 5)).total == 39)

            // Rowids given out and never used (an intake batch's wrong guess, before they were
            // handed back) are counted once by a store's first total, and left out after.
            try await store.database.transaction { db in
                try await db.raw("UPDATE counters SET value = value + 5 WHERE name = \(bind: Store.searchRowidCounter)").run()
            }
            let later = Store(database: store.database)
            #expect(try await later.searchCases(CaseQuery(perPage: 1)).total == 39)
            var more = CaseStoreTests.report("more", number: "FG20261112000010")
            more.description = "再立一案"
            _ = try await later.createCase(try CaseStoreTests.workflow.report(more, by: CaseStoreTests.inspector, at: Date(timeIntervalSince1970: 1_772_413_400)))
            #expect(try await rows() == 40)
            #expect(try await later.searchCases(CaseQuery(perPage: 1)).total == 40)
        }
    }

    @Test("two generations hold at most the capacity and keep what is read again")
    func eviction() throws {
        let cache = CaseRecordCache(capacity: 4)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        func someCase(_ id: String, version: Int) throws -> Case {
            let json = """
                {"id":"\(id)","number":"N\(id)","source":"inspector","classKind":"matter","classCode":"01001","urgency":"normal",
                 "description":"d","location":[118,36],"photos":[],"resultPhotos":[],"status":"reported","deadlines":[],
                 "pendingSuspension":false,"reworkCount":0,"supervisionCount":0,"selfHandled":false,"duplicates":[],
                 "reportedAt":0,"updatedAt":0,"version":\(version),"lastHash":""}
                """
            return try decoder.decode(Case.self, from: Data(json.utf8))
        }
        cache.insert(try someCase("a", version: 1))
        cache.insert(try someCase("b", version: 1))
        #expect(cache.case(id: "a", version: 1)?.id == "a")
        #expect(cache.case(id: "a", version: 2) == nil)
        cache.insert(try someCase("c", version: 1))  // a, b become the old generation
        #expect(cache.case(id: "a", version: 1)?.id == "a")  // read again: young again
        cache.insert(try someCase("d", version: 1))  // c, a old; b dropped
        #expect(cache.case(id: "b", version: 1) == nil)
        #expect(cache.case(id: "a", version: 1)?.id == "a")
        #expect(cache.count <= 4)
    }
}
