import Foundation
import Testing

@testable import FinegrainCore

@Suite("RegionIndicators — GB/T 30428.4 counts and rates from case histories")
struct RegionIndicatorsTests {
    typealias F = WorkflowFixtures

    @Test("rates keep numerator and denominator and round as published (Tianmen: 911/972 = 93.72 %, 737/972 = 75.82 %)")
    func publishedFigures() {
        #expect(Rate(911, 972).percent == 93.72)
        #expect(Rate(737, 972).percent == 75.82)
        #expect(Rate(0, 0).percent == nil)
        #expect(Grade(score: 90) == .a && Grade(score: 89.99) == .b && Grade(score: 39.9) == .e)
    }

    /// An inspector's case in 张店区, dispatched at `time`, closed `closeAfter` later (or never).
    static func history(_ id: String, dispatched time: Date, feedbackAt: Date?, source: CaseSource = .inspector) throws -> [CaseEvent] {
        var report = F.report(source: source)
        report.id = id
        report.districtCode = "370303"
        let reporter = source == .inspector ? F.inspector : source == .citizen ? F.citizen : F.operatorActor
        var events = [try F.workflow.report(report, by: reporter, at: time)]
        var c = try Case.applying(events[0], to: nil)
        func step(_ command: CaseCommand, _ actor: CaseActor, _ at: Date) throws {
            let e = try F.workflow.decide(command, on: c, by: actor, at: at)
            c = try Case.applying(e, to: c)
            events.append(e)
        }
        if source != .inspector {
            try step(.requestVerification(note: nil), F.operatorActor, time)
            try step(.verify(confirmed: true, note: nil, photos: []), F.inspector, time)
        }
        try step(.file(classKind: nil, classCode: nil, urgency: nil, note: nil), F.leader, time)
        try step(.dispatch(departmentID: "dept", note: nil), F.dispatcher, time)
        guard let feedbackAt else { return events }
        try step(.feedback(result: "ok", photos: ["p"]), F.handler, feedbackAt)
        try step(.requestCheck(note: nil), F.operatorActor, feedbackAt)
        try step(.check(passed: true, note: nil, photos: ["p"]), F.inspector, feedbackAt)
        try step(.close(note: nil), F.leader, feedbackAt)
        return events
    }

    @Test("a month's counts: filed, public, due, closed, on time, overdue; later events do not change a past month")
    func counts() throws {
        let october = try #require(EvaluationPeriod.month("2026-10", calendar: F.calendar))
        // Dispatched Mon 10-12 09:00: due Wed 10-14 09:00 (two working days).
        let onTime = try Self.history("on-time", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 10))
        let late = try Self.history("late", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-20", 10), source: .hotline12345)
        let open = try Self.history("open", dispatched: F.at("2026-10-12", 9), feedbackAt: nil, source: .citizen)
        let closedInNovember = try Self.history("november", dispatched: F.at("2026-10-29", 9), feedbackAt: F.at("2026-11-10", 9))
        let histories = [onTime, late, open, closedInNovember]
        let result = RegionIndicators.compute(histories: histories, period: october) { $0.districtCode }
        let zd = try #require(result["370303"])
        #expect(Set(zd.filed) == ["on-time", "late", "open", "november"])
        #expect(Set(zd.publicReportsFiled) == ["late", "open"])
        #expect(Set(zd.dueToClose) == ["on-time", "late", "open"])  // november's deadline is 11-02
        #expect(Set(zd.closed) == ["on-time", "late"])
        #expect(zd.closedOnTime == ["on-time"])
        #expect(zd.overdueOpen == ["open"])
        #expect(zd.closureRate == Rate(2, 3))
        #expect(zd.onTimeClosureRate.percent == 33.33)
        // 监督举报率 2/4 = 50 %, 立案数 4 → 100, 结案率 66.67 %, 按期结案率 33.33 %:
        // 0.1 × 50 + 0.2 × 100 + 0.3 × 66.67 + 0.4 × 33.33 = 58.333 → 58.33, grade D.
        let score = RegionScoring().score(zd)
        #expect(score.score == 58.33)
        #expect(score.grade == .d)
        // November's events leave October unchanged.
        let again = RegionIndicators.compute(histories: histories.map { $0 }, period: october) { $0.districtCode }
        #expect(again == result)
    }
}
