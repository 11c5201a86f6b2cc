import FinegrainCore
import FinegrainDemo
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Testing

@Suite("Store — evaluation from the event log: indexed reads, independent recomputation, publication, frozen inputs")
struct EvaluationStoreTests {
    static let calendar = GeneratedActivity.calendar
    static let workflow = GeneratedActivity.workflow
    static let october = EvaluationPeriod.month("2026-10", calendar: calendar)!

    static func histories(_ range: Range<Int>, from: String, to: String, now: String) throws -> [[CaseEvent]] {
        try GeneratedActivity.histories(range, from: from, to: to, now: now)
    }

    @Test("indexed and full reads give the same sheet; an independent count from the exported log agrees", arguments: TestDatabase.all)
    func indexedAndIndependent(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            try await store.bulkCreateCases(try Self.histories(0..<300, from: "2026-08-01", to: "2026-11-10", now: "2026-11-15"))
            let indexed = try await store.evaluate(period: Self.october, level: .district, calendar: Self.calendar, mode: .indexed, withPrevious: false)
            let full = try await store.evaluate(period: Self.october, level: .district, calendar: Self.calendar, mode: .full, withPrevious: false)
            #expect(indexed.sheet == full.sheet)
            #expect(indexed.ledger.counts == full.ledger.counts)
            #expect(indexed.casesRead < full.casesRead)
            let zd = EvaluationSubject(kind: .district, id: "370303")
            #expect(indexed.ledger.count(zd, .filed) > 20)

            // Independently, from the exported events and nothing but their fields.
            var byCase: [String: [CaseEvent]] = [:]
            try await store.forEachEvent(from: nil, to: nil) { events in for e in events { byCase[e.caseID, default: []].append(e) } }
            var filed = 0, due = 0, closed = 0, onTime = 0
            for events in byCase.values {
                let upTo = events.sorted { $0.sequence < $1.sequence }.filter { $0.at < Self.october.end }
                guard let last = upTo.last, upTo.first?.payload["district_code"] == "370303", upTo.first?.payload["subdistrict_code"] != "370303008" else { continue }
                if let firstFile = upTo.first(where: { $0.type == "file" }), Self.october.contains(firstFile.at) { filed += 1 }
                guard let handle = last.deadlines.last(where: { $0.step == .handle }), handle.pausedAt == nil else { continue }
                let closedAt = last.status == .closed ? upTo.last(where: { $0.type == "close" })?.at : nil
                let moment = min(closedAt ?? handle.dueAt, handle.dueAt)
                guard Self.october.contains(moment) else { continue }
                due += 1
                if closedAt != nil {
                    closed += 1
                    if let done = handle.completedAt, done <= handle.dueAt { onTime += 1 }
                }
            }
            #expect(indexed.ledger.count(zd, .filed) == filed)
            #expect(indexed.ledger.count(zd, .dueToClose) == due)
            #expect(indexed.ledger.count(zd, .closed) == closed)
            #expect(indexed.ledger.count(zd, .closedOnTime) == onTime)
            #expect(due > 0 && closed > 0)
        }
    }

    @Test("a published month stays the same after later data arrives, and its inputs are frozen", arguments: TestDatabase.all)
    func publication(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            try await store.bulkCreateCases(try Self.histories(0..<150, from: "2026-09-20", to: "2026-10-31", now: "2026-11-01"))
            let found = Self.calendar.instant(on: LocalDate("2026-10-15")!, hour: 10)
            try await store.addReviewRecord(
                ReviewRecord(id: "rv-1", kind: .spotCheck, month: "2026-10", regionCodes: ["370303001", "370303"], place: "路口", location: nil, itemCode: "R02",
                             description: "", photos: [], deduction: 2, outcome: nil, foundAt: found, recordedBy: "e", updatedAt: found),
                actor: .system)
            let run = try await store.evaluate(period: Self.october, level: .district, calendar: Self.calendar)
            #expect(run.sheet.row("370303")?.component(.review)?.score == 98)
            _ = try await store.publishEvaluation(run.sheet, actor: .system)
            await #expect(throws: StoreConflict.self) { _ = try await store.publishEvaluation(run.sheet, actor: .system) }

            // November: new cases, and the October cases move on.
            try await store.bulkCreateCases(try Self.histories(150..<250, from: "2026-11-01", to: "2026-11-20", now: "2026-11-25"))
            let open = try await store.searchCases(CaseQuery(statuses: [.dispatched], perPage: 5)).items
            for c in open {
                let e = try Self.workflow.decide(.feedback(result: "已处理", photos: ["p"]), on: c, by: CaseActor(userID: "h", name: "h", role: .departmentHandler, departmentID: c.departmentID), at: Self.calendar.instant(on: LocalDate("2026-11-26")!, hour: 10))
                _ = try await store.appendEvent(e, expectedVersion: c.version)
            }
            let differences = try #require(try await store.verifyPublication(period: Self.october, level: .district, calendar: Self.calendar))
            #expect(differences.isEmpty, "\(differences)")

            // Frozen: October's four-in-one inputs cannot change.
            await #expect(throws: StoreConflict.self) {
                try await store.addReviewRecord(
                    ReviewRecord(id: "rv-2", kind: .spotCheck, month: "2026-10", regionCodes: ["370303"], place: "x", location: nil, itemCode: "R01",
                                 description: "", photos: [], deduction: 1, outcome: nil, foundAt: found, recordedBy: "e", updatedAt: found),
                    actor: .system)
            }
            await #expect(throws: StoreConflict.self) { try await store.deleteReviewRecord(id: "rv-1", actor: .system) }
            // A configuration may not take effect in a published month.
            var v2 = EvaluationConfiguration.standard
            v2.version = "v2"
            v2.effectiveFrom = "2026-10"
            await #expect(throws: StoreConflict.self) { try await store.addEvaluationConfiguration(v2, actor: .system) }
            v2.effectiveFrom = "2026-11"
            try await store.addEvaluationConfiguration(v2, actor: .system)
            #expect(try await store.evaluationConfigurations().inForce(month: "2026-11").version == "v2")
            #expect(try await store.verifyPublication(period: Self.october, level: .district, calendar: Self.calendar)?.isEmpty == true)
        }
    }
}
