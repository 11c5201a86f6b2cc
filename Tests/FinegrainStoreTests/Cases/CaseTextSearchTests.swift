import FinegrainCore
@testable import FinegrainStore
import FinegrainTestSupport
import Foundation
import SQLKit
import Synchronization
import Testing

@Suite("Store — text search through the full-text index finds what a scan of every description finds")
struct CaseTextSearchTests {
    @Test(
        "two-, three- and one-character words, case numbers, Latin text; combined with other filters; matches driving the page or checked along the sort's order; match sets kept in report time order or as rowids alone",
        arguments: TestDatabase.all, [(0, true), (Double.infinity, true), (0, false), (Double.infinity, false)])
    func againstScan(_ database: TestDatabase, plan: (walkFactor: Double, keepOrder: Bool)) async throws {
        try await database.withStore { (store: Store) async throws in
            var store = store
            store.textWalkFactor = plan.walkFactor
            if !plan.keepOrder { store.textMatchSets = TextMatchCache(largestSet: 0) }
            try await store.bulkCreateCases(try GeneratedActivity.histories(0..<300, from: "2026-09-01", to: "2026-11-10", now: "2026-11-12"))
            var report = CaseStoreTests.report("latin", number: "FG20261112000001")
            report.description = "LED 路灯不亮 (Lamp out), 井盖"
            _ = try await store.createCase(try CaseStoreTests.workflow.report(report, by: CaseStoreTests.inspector, at: Date(timeIntervalSince1970: 1_772_413_200)))
            let rows = try await store.database.withConnection { db in
                try await db.select().columns("id", "description", "number", "status").from("cases").all().map {
                    (id: try $0.decode(column: "id", as: String.self), text: try $0.decode(column: "description", as: String.self).lowercased(),
                     number: try $0.decode(column: "number", as: String.self).lowercased(), status: try $0.decode(column: "status", as: String.self))
                }
            }
            let sample = try #require(rows.first { $0.id != "latin" })
            let queries = ["井盖", "路口", "占道经营", "口", "街道 南门", "lamp", "LED", "not-there 不存在", String(sample.number.suffix(7)), sample.number.uppercased()]
            for q in queries {
                let words = q.lowercased().split(separator: " ")
                let expected = Set(rows.filter { row in words.allSatisfy { row.text.contains($0) || row.number.contains($0) } }.map(\.id))
                let got = try await store.searchCases(CaseQuery(text: q, perPage: 500))
                #expect(Set(got.items.map(\.id)) == expected, "q=\(q)")
                #expect(got.total == expected.count, "q=\(q)")
            }
            #expect(try await store.searchCases(CaseQuery(text: "井盖", perPage: 500)).items.contains { $0.id == "latin" })
            // Pages in report time order, both ways, as the database orders a list (time, then id).
            let streets = try await store.searchCases(CaseQuery(text: "街道", perPage: 500)).items
            try #require(streets.count > 10)
            for descending in [true, false] {
                let ordered = streets.sorted { a, b in
                    a.reportedAt != b.reportedAt ? (a.reportedAt > b.reportedAt) == descending : a.id < b.id
                }.map(\.id)
                let page2 = try await store.searchCases(CaseQuery(text: "街道", descending: descending, page: 2, perPage: 4))
                #expect(page2.items.map(\.id) == Array(ordered[4..<8]), "descending: \(descending)")
            }
            // With another filter, and punctuation alone (no words: no text filter).
            var expectedDispatched: Set<String> = []
            for row in rows where row.status == "dispatched" && row.text.contains("街道") { expectedDispatched.insert(row.id) }
            try #require(!expectedDispatched.isEmpty)
            let dispatched = try await store.searchCases(CaseQuery(statuses: [.dispatched], text: "街道", perPage: 500))
            #expect(Set(dispatched.items.map(\.id)) == expectedDispatched)
            // Several statuses sorted by time (the per-status merge when the word is common).
            let open: Set<String> = ["dispatched", "handled", "filed", "checking", "reported"]
            var expectedOpen: [(id: String, reported: String)] = []
            for row in rows where open.contains(row.status) && row.text.contains("街道") { expectedOpen.append((row.id, "")) }
            let openPage = try await store.searchCases(
                CaseQuery(statuses: Set(open.compactMap(CaseStatus.init(rawValue:))), text: "街道", sort: .reportedAt, perPage: 500))
            #expect(Set(openPage.items.map(\.id)) == Set(expectedOpen.map(\.id)) && openPage.total == expectedOpen.count)
            #expect(openPage.items.map(\.reportedAt) == openPage.items.map(\.reportedAt).sorted(by: >))
            #expect(try await store.searchCases(CaseQuery(text: "%，", perPage: 1)).total == rows.count)

            // A case filed after a word's matches were kept is found by the next search.
            let before = try await store.searchCases(CaseQuery(text: "井盖", perPage: 500))
            var later = CaseStoreTests.report("later", number: "FG20261112000002")
            later.description = "又一个井盖缺失"
            _ = try await store.createCase(try CaseStoreTests.workflow.report(later, by: CaseStoreTests.inspector, at: Date(timeIntervalSince1970: 1_772_413_300)))
            let after = try await store.searchCases(CaseQuery(text: "井盖", perPage: 500))
            #expect(after.total == before.total + 1)
            #expect(Set(after.items.map(\.id)) == Set(before.items.map(\.id)).union(["later"]))
        }
    }

    @Test("a kept match set grows by the rows added since, stays in report time order, and a set too large is kept without its order")
    func matchSets() async throws {
        // Report times run against rowids, so order by time is not order by rowid.
        @Sendable func matches(_ rowids: [Int]) -> [TextMatchCache.Match] { rowids.map { TextMatchCache.Match(reportedAt: Int64(100 - $0), rowid: $0) } }
        let cache = TextMatchCache(largestSet: 6)
        let reads = Reads()
        let first = try await cache.matches(for: "a") { after, _ in reads.add(after); return (5, .timed(matches([1, 3, 5]))) }
        #expect(first.rowids == [1, 3, 5])
        let second = try await cache.matches(for: "a") { after, _ in reads.add(after); return (7, .timed(matches([7]))) }
        #expect(second.rowids == [1, 3, 5, 7])
        #expect(second.byReportTime?.map(\.rowid) == [7, 5, 3, 1])
        #expect(reads.all == [0, 5])
        // Too many to keep in order: the reader hands over rowids alone, and is asked for no more.
        let large = try await cache.matches(for: "b") { after, limit in
            reads.add(after)
            return (7, limit < 7 ? .untimed(Array(1...7)) : .timed(matches(Array(1...7))))
        }
        #expect(large.rowids.count == 7 && large.byReportTime == nil)
        let limits = Reads()
        let grown = try await cache.matches(for: "b") { after, limit in limits.add(limit); return (9, .untimed([9])) }
        #expect(grown.rowids == [1, 2, 3, 4, 5, 6, 7, 9] && limits.all == [0])
        // A set that grows past the limit drops its order and keeps every rowid.
        _ = try await cache.matches(for: "c") { _, _ in (5, .timed(matches([1, 2, 3, 4, 5]))) }
        let past = try await cache.matches(for: "c") { _, _ in (9, .timed(matches([6, 8]))) }
        #expect(past.rowids == [1, 2, 3, 4, 5, 6, 8] && past.byReportTime == nil)
        #expect(reads.all == [0, 5, 0])
        // Over capacity (in bytes) the least recently used set goes.
        let small = TextMatchCache(capacity: 200, largestSet: 6)
        _ = try await small.matches(for: "x") { _, _ in (7, .timed(matches([1, 2, 3, 4, 5]))) }
        _ = try await small.matches(for: "y") { _, _ in (7, .timed(matches([6, 7]))) }
        #expect(small.count == 1)
        _ = try await small.matches(for: "x") { after, _ in reads.add(after); return (7, .timed(matches([1, 2, 3, 4, 5]))) }
        #expect(reads.all.last == 0)
    }

    @Test("a first read finds a word's matches once: few are kept in report time order, more than the largest ordered set as rowids alone", arguments: TestDatabase.all)
    func firstReadBySize(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.bulkCreateCases(try GeneratedActivity.histories(0..<120, from: "2026-09-01", to: "2026-11-10", now: "2026-11-12"))
            let expected = try await store.searchCases(CaseQuery(text: "街道", perPage: 500))
            try #require(expected.total > 10)
            for (largest, ordered) in [(expected.total - 1, false), (expected.total, true)] {
                let query = try #require(Store.textQuery("街道", store.database.dialect))
                let found = try await Store.readTextMatches(query, after: 0, timedLimit: largest, store.database).found
                switch found {
                case .timed(let matches):
                    #expect(ordered && Set(matches.map(\.rowid)).count == expected.total, "largest \(largest)")
                case .untimed(let rowids):
                    #expect(!ordered && Set(rowids).count == expected.total, "largest \(largest)")
                }
                var small = store
                small.textMatchSets = TextMatchCache(largestSet: largest)
                let page = try await small.searchCases(CaseQuery(text: "街道", perPage: 500))
                #expect(page.total == expected.total && page.items == expected.items)
            }
        }
    }

    @Test("callers asking for the same word at once share one first read")
    func sharedFirstRead() async throws {
        let cache = TextMatchCache()
        let reads = Reads()
        try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.matches(for: "井盖") { after, _ in
                        reads.add(after)
                        try await Task.sleep(for: .milliseconds(50))
                        return (3, .timed([TextMatchCache.Match(reportedAt: 1, rowid: 3)]))
                    }.rowids.count
                }
            }
            for try await count in group { #expect(count == 1) }
        }
        #expect(reads.all.filter { $0 == 0 }.count == 1)
    }
}

/// The `after` of every read, in order (shared by concurrent readers).
private final class Reads: Sendable {
    private let values = Mutex<[Int]>([])
    func add(_ after: Int) { values.withLock { $0.append(after) } }
    var all: [Int] { values.withLock { $0 } }
}
