import Foundation

@testable import FinegrainCore

/// The 2026 calendar, a workflow on it, actors, and a citizen report, for the workflow tests.
enum WorkflowFixtures {
    static let calendar: WorkingCalendar = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../Sources/FinegrainDemo/Resources/zibo/cn_workcalendar.csv")
        // The shipped file is valid (its own tests prove it).
        return try! WorkingCalendar.parseCSV(try! String(contentsOf: url, encoding: .utf8))
    }()

    static let workflow = Workflow(rules: .standard, policy: .standard, calendar: calendar)

    static func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        calendar.instant(on: LocalDate(day)!, hour: hour, minute: minute)
    }

    static let citizen = CaseActor(userID: "c", name: "citizen", role: .citizen)
    static let operatorActor = CaseActor(userID: "o", name: "operator", role: .operator_)
    static let inspector = CaseActor(userID: "i", name: "inspector", role: .inspector)
    static let leader = CaseActor(userID: "l", name: "shift leader", role: .shiftLeader)
    static let dispatcher = CaseActor(userID: "d", name: "dispatcher", role: .dispatcher)
    static let handler = CaseActor(userID: "h", name: "handler", role: .departmentHandler, departmentID: "dept")

    static func report(source: CaseSource = .citizen, urgency: Urgency = .normal) -> CaseReport {
        CaseReport(
            id: "case-1", number: "ZB20260213000001", source: source, classKind: .matter, classCode: "06001", urgency: urgency,
            description: "人行道私搭乱建", location: Coordinate(lon: 118.05, lat: 36.81), reporterName: "王先生", reporterPhone: "13800000000")
    }

    /// Applies a command and returns the new case (failing the test on a refusal).
    static func step(_ c: Case, _ command: CaseCommand, _ actor: CaseActor, _ time: Date) throws -> Case {
        try Case.applying(try workflow.decide(command, on: c, by: actor, at: time), to: c)
    }
}
