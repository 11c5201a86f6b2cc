import Foundation
import Testing

@testable import FinegrainCore

@Suite("IndicatorLedger — GB/T 30428.4 counts from case histories, for regions, departments and posts")
struct IndicatorLedgerTests {
    typealias F = WorkflowFixtures
    typealias E = EvaluationFixtures
    let zd = EvaluationSubject(kind: .district, id: "370303")

    @Test("rates keep numerator and denominator and round as published (Tianmen: 911/972 = 93.72 %, 737/972 = 75.82 %)")
    func publishedFigures() {
        #expect(Rate(911, 972).percent == 93.72)
        #expect(Rate(737, 972).percent == 75.82)
        #expect(Rate(0, 0).percent == nil)
        #expect(Grade(score: 90) == .a && Grade(score: 89.99) == .b && Grade(score: 39.9) == .e)
    }

    @Test("the published Tianmen month rebuilt from 996 histories: 立案 996, 应结案 972, 结案 911 (93.72 %), 按期结案 737 (75.82 %)")
    func tianmen() throws {
        var histories: [[CaseEvent]] = []
        // Dispatched Mon 10-12 09:00: due Wed 10-14 09:00 (two working days).
        for i in 0..<737 { histories.append(try E.history("on-time-\(i)", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 10))) }
        for i in 0..<174 { histories.append(try E.history("late-\(i)", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-20", 10))) }
        for i in 0..<61 { histories.append(try E.history("open-\(i)", dispatched: F.at("2026-10-12", 9), feedbackAt: nil)) }
        // Dispatched Thu 10-29: due Mon 11-02, so filed in October but due in November.
        for i in 0..<24 { histories.append(try E.history("next-\(i)", dispatched: F.at("2026-10-29", 9), feedbackAt: nil)) }
        let ledger = E.ledger(histories)
        #expect(ledger.count(zd, .filed) == 996)
        #expect(ledger.count(zd, .dueToClose) == 972)
        #expect(ledger.count(zd, .closed) == 911)
        #expect(ledger.count(zd, .closedOnTime) == 737)
        #expect(ledger.count(zd, .overdueOpen) == 61)
        let sheet = Evaluator(configuration: .standard).evaluate(ledger: ledger, period: E.october, level: .district, objects: [])
        let row = try #require(sheet.row("370303"))
        #expect(row.rates["closure_rate"]?.percent == 93.72)
        #expect(row.rates["on_time_closure_rate"]?.percent == 75.82)
    }

    @Test("a month's counts follow the closing moment; later events never change a past month")
    func counts() throws {
        let onTime = try E.history("on-time", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 10))
        let late = try E.history("late", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-20", 10), source: .hotline12345)
        let open = try E.history("open", dispatched: F.at("2026-10-12", 9), feedbackAt: nil, source: .citizen)
        let closedInNovember = try E.history("november", dispatched: F.at("2026-10-29", 9), feedbackAt: F.at("2026-11-10", 9))
        // Due 10-02 (a holiday week, so later), closed early in September: due in September, not October.
        let early = try E.history("early", dispatched: F.at("2026-09-28", 9), feedbackAt: F.at("2026-09-29", 9))
        let ledger = E.ledger([onTime, late, open, closedInNovember, early])
        #expect(Set(ledger.cases(zd, .filed)) == ["on-time", "late", "open", "november"])
        #expect(Set(ledger.cases(zd, .publicReportsFiled)) == ["late", "open"])
        #expect(Set(ledger.cases(zd, .dueToClose)) == ["on-time", "late", "open"])
        #expect(Set(ledger.cases(zd, .closed)) == ["on-time", "late"])
        #expect(ledger.cases(zd, .closedOnTime) == ["on-time"])
        #expect(ledger.cases(zd, .overdueOpen) == ["open"])
        // The same counts reach every level of the chain, and the city.
        for subject in [EvaluationSubject(kind: .city, id: "370300"), EvaluationSubject(kind: .subdistrict, id: "370303001"),
                        EvaluationSubject(kind: .grid, id: "370303001001001")] {
            #expect(ledger.count(subject, .dueToClose) == 3)
        }
        // Cutting the histories at the month's end gives the same ledger.
        let cut = [onTime, late, open, closedInNovember, early].map { $0.filter { $0.at < E.october.end } }
        #expect(E.ledger(cut).counts == ledger.counts)
        // November sees the late closure as due there.
        let november = try #require(EvaluationPeriod.parse("2026-11", calendar: F.calendar))
        var nContext = E.context
        nContext.period = november
        let n = E.ledger([onTime, late, open, closedInNovember, early], context: nContext)
        #expect(n.cases(zd, .dueToClose) == ["november"])
        #expect(n.cases(zd, .closed) == ["november"])
        #expect(n.cases(zd, .closedOnTime).isEmpty)
    }

    @Test("a subdistrict taken over by a zone counts for the zone, not its county")
    func zones() throws {
        let h = try E.history("zone", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 9), subdistrict: "370303008")
        let ledger = E.ledger([h])
        #expect(ledger.count(EvaluationSubject(kind: .zone, id: "370371"), .filed) == 1)
        #expect(ledger.count(zd, .filed) == 0)
    }

    @Test("departments: dispatched, due to handle, handled, on time, rework")
    func departments() throws {
        let dept = EvaluationSubject(kind: .department, id: "dept")
        let good = try E.history("good", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 9))
        let reworked = try E.history("rework", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 15), rework: true)
        let open = try E.history("open", dispatched: F.at("2026-10-12", 9), feedbackAt: nil)
        let ledger = E.ledger([good, reworked, open])
        #expect(Set(ledger.cases(dept, .assigned)) == ["good", "rework", "open"])
        #expect(Set(ledger.cases(dept, .dueToHandle)) == ["good", "rework", "open"])
        #expect(Set(ledger.cases(dept, .handled)) == ["good", "rework"])
        #expect(Set(ledger.cases(dept, .handledOnTime)) == ["good", "rework"])
        #expect(ledger.cases(dept, .reworked) == ["rework"])
        let sheet = Evaluator(configuration: .standard).evaluate(ledger: ledger, period: E.october, level: .department, objects: [])
        let row = try #require(sheet.row("dept"))
        #expect(row.score == 65)
        // 立案数 3 → 100 × 10 %; 结案率 2/3 = 66.67 × 30 %; 按期处置率 2/3 = 66.67 × 30 %; 返工率 1/2 → (1 − 0.5) × 100 = 50 × 30 %.
        // = 65.002 → 65.
        #expect(row.component(.digital)?.lines.map(\.label).contains("返工率分值（1−比率）") == true)
    }

    @Test("posts: the inspector, operator, shift leader and dispatcher get their own counts")
    func posts() throws {
        let publicCase = try E.history("public", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 9), source: .citizen)
        let inspectorCase = try E.history("own", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 9))
        let ledger = E.ledger([publicCase, inspectorCase])
        let inspector = EvaluationSubject(kind: .inspector, id: "i")
        #expect(ledger.cases(inspector, .inspectorReports) == ["own"])
        #expect(ledger.cases(inspector, .validReports) == ["own"])
        #expect(ledger.cases(inspector, .verificationsDue) == ["public"])
        #expect(ledger.cases(inspector, .verifiedOnTime) == ["public"])
        #expect(Set(ledger.cases(inspector, .checksDue)) == ["public", "own"])
        #expect(ledger.cases(inspector, .missed) == ["public"])
        #expect(ledger.count(inspector, .areaFiled) == 2)
        let op = EvaluationSubject(kind: .operator, id: "o")
        #expect(ledger.cases(op, .accepted) == ["public"])
        #expect(ledger.cases(op, .verificationRequestsOnTime) == ["public"])
        #expect(ledger.count(op, .checkRequestsOnTime) == 2)
        let leader = EvaluationSubject(kind: .shiftLeader, id: "l")
        #expect(ledger.count(leader, .filedBy) == 2 && ledger.count(leader, .filedOnTime) == 2 && ledger.count(leader, .filedAccurately) == 2)
        #expect(ledger.count(leader, .closedBy) == 2 && ledger.count(leader, .closedByOnTime) == 2)
        let dispatcher = EvaluationSubject(kind: .dispatcher, id: "d")
        #expect(ledger.count(dispatcher, .dispatched) == 2 && ledger.count(dispatcher, .dispatchedOnTime) == 2 && ledger.count(dispatcher, .dispatchedAccurately) == 2)
        let sheet = Evaluator(configuration: .standard).evaluate(ledger: ledger, period: E.october, level: .shiftLeader, objects: [])
        #expect(sheet.row("l")?.score == 100)
    }
}
