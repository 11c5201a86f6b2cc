import FinegrainCore
import FinegrainDemo
@testable import FinegrainStore
import FinegrainTestSupport
import Foundation
import SQLKit
import Synchronization
import Testing

@Suite("Store — filing new cases in committed groups, on every test database")
struct CaseIntakeTests {
    struct Refused: Error {}

    static func intake(_ id: String, refuse: Bool = false) -> CaseIntake {
        CaseIntake(prefix: "FG", localDate: "2026-03-02") { number in
            if refuse { throw Refused() }
            return try CaseStoreTests.workflow.report(
                CaseStoreTests.report(id, number: number), by: CaseStoreTests.inspector, at: Date(timeIntervalSince1970: 1_772_413_200))
        }
    }

    @Test("200 concurrent intakes: every case committed, numbered 1…200 without gaps or duplicates", arguments: TestDatabase.all)
    func concurrent(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let created = try await withThrowingTaskGroup(of: Case.self) { group in
                for i in 0..<200 { group.addTask { try await store.fileCase(Self.intake("c\(i)")) } }
                return try await group.reduce(into: [Case]()) { $0.append($1) }
            }
            let expected = (1...200).map { "FG20260302" + String(format: "%06d", $0) }
            #expect(created.map(\.number).sorted() == expected)

            for c in created.prefix(20) { #expect(try await store.caseRecord(id: c.id) == c) }
            let stored = try await store.searchCases(CaseQuery(perPage: 500))
            #expect(stored.total == 200)
            // Batches whose guess of the day's numbers was wrong handed their search rowids back.
            #expect(try await store.database.withConnection { try await Store.searchRowidsGiven($0) } == 200)
            #expect(try await store.verifyEventLog().isEmpty)
            // The next day starts again at 1; the same day continues.
            let next = try await store.fileCase(CaseIntake(prefix: "FG", localDate: "2026-03-03") { number in
                try CaseStoreTests.workflow.report(
                    CaseStoreTests.report("d2", number: number), by: CaseStoreTests.inspector, at: Date(timeIntervalSince1970: 1_772_499_600))
            })
            #expect(next.number == "FG20260303000001")
            // On SQLite a batch of a day whose counter this store has already seen is planned and
            // written in one step on the writer's thread ("late"); the first of each day is not.
            let oneStep = store.caseIntake.batchesInOneStep.load(ordering: .relaxed)
            #expect(try await store.fileCase(Self.intake("late")).number == "FG20260302000201")
            let moreInOneStep = store.caseIntake.batchesInOneStep.load(ordering: .relaxed) - oneStep
            #expect(moreInOneStep == (store.database.dialect == .sqlite ? 1 : 0))
            #expect(store.caseIntake.batchesInTransactions.load(ordering: .relaxed) >= 2)
        }
    }

    @Test("a refused report fails alone and takes no number; a duplicate id fails alone after its batch is retried in halves", arguments: TestDatabase.all)
    func isolation(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let first = try await store.fileCase(Self.intake("dup"))
            let outcomes = await withTaskGroup(of: (String, Result<Case, any Error>).self) { group in
                for (i, id) in ["a", "refused", "dup", "b", "c"].enumerated() {
                    group.addTask {
                        do { return (id, .success(try await store.fileCase(Self.intake(id == "dup" ? "dup" : "x\(i)", refuse: id == "refused")))) } catch {
                            return (id, .failure(error))
                        }
                    }
                }
                return await group.reduce(into: [String: Result<Case, any Error>]()) { $0[$1.0] = $1.1 }
            }
            if case .failure(let error) = outcomes["refused"] { #expect(error is Refused) } else { Issue.record("a refused report was filed") }
            if case .success = outcomes["dup"] { Issue.record("a second case with the same id was filed") }
            let filed = ["a", "b", "c"].compactMap { try? outcomes[$0]?.get() }
            #expect(filed.count == 3)
            // Numbers 2, 3, 4: the refused report and the duplicate took none.
            #expect(Set(filed.map(\.number)) == Set((2...4).map { "FG20260302" + String(format: "%06d", $0) }))
            #expect(try await store.caseRecord(id: "dup") == first)
            #expect(try await store.searchCases(CaseQuery()).total == 4)
        }
    }

    @Test("another writer numbers cases meanwhile: the planned guess is wrong, so the batch is numbered again after them", arguments: TestDatabase.all)
    func guessedWrong(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            for i in 0..<10 { _ = try await store.fileCase(Self.intake("early\(i)")) }
            // As a second server process would: five numbers taken behind this store's back.
            try await store.database.transaction { db in
                try await db.raw("UPDATE counters SET value = value + 5 WHERE name = 'case_number:2026-03-02'").run()
            }
            let created = try await withThrowingTaskGroup(of: Case.self) { group in
                for i in 0..<60 { group.addTask { try await store.fileCase(Self.intake("late\(i)")) } }
                return try await group.reduce(into: [Case]()) { $0.append($1) }
            }
            #expect(created.map(\.number).sorted() == (16...75).map { "FG20260302" + String(format: "%06d", $0) })
            let counter = try await store.database.withConnection { db in
                try await db.raw("SELECT value FROM counters WHERE name = 'case_number:2026-03-02'").first()?.decode(column: "value", as: Int.self)
            }
            #expect(counter == 75)
            #expect(try await store.fileCase(Self.intake("last")).number == "FG20260302000076")
            #expect(try await store.verifyEventLog().isEmpty)
        }
    }
}
