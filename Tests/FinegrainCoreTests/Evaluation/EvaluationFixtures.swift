import Foundation

@testable import FinegrainCore

/// Case histories made through the real workflow, for the evaluation tests.
enum EvaluationFixtures {
    typealias F = WorkflowFixtures

    static let october = EvaluationPeriod.month("2026-10", calendar: F.calendar)!
    static let context = EvaluationContext(
        period: october, calendar: F.calendar, cityCode: "370300", zoneOfSubdistrict: ["370303008": "370371"],
        inspectorsByRegion: ["370303001": ["i"]])

    /// A case in 张店区's subdistrict `subdistrict`, dispatched at `time`, fed back and closed at
    /// `feedbackAt` (or left open). Public sources go through 核实 first.
    static func history(
        _ id: String, dispatched time: Date, feedbackAt: Date?, source: CaseSource = .inspector, subdistrict: String = "370303001",
        rework: Bool = false, department: String = "dept"
    ) throws -> [CaseEvent] {
        var report = F.report(source: source)
        report.id = id
        report.number = id
        report.districtCode = "370303"
        report.subdistrictCode = subdistrict
        report.communityCode = subdistrict + "001"
        report.gridCode = subdistrict + "001001"
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
        try step(.dispatch(departmentID: department, note: nil), F.dispatcher, time)
        guard let feedbackAt else { return events }
        var handler = F.handler
        handler.departmentID = department
        if rework {
            try step(.feedback(result: "ok", photos: ["p"]), handler, time)
            try step(.requestCheck(note: nil), F.operatorActor, time)
            try step(.check(passed: false, note: "not fixed", photos: ["p"]), F.inspector, time)
        }
        try step(.feedback(result: "ok", photos: ["p"]), handler, feedbackAt)
        try step(.requestCheck(note: nil), F.operatorActor, feedbackAt)
        try step(.check(passed: true, note: nil, photos: ["p"]), F.inspector, feedbackAt)
        try step(.close(note: nil), F.leader, feedbackAt)
        return events
    }

    static func ledger(_ histories: [[CaseEvent]], context: EvaluationContext = context) -> IndicatorLedger {
        var ledger = IndicatorLedger(period: context.period.label)
        for h in histories { ledger.record(h, context: context) }
        return ledger
    }
}
