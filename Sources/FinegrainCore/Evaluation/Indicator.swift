/// 基础指标 (a base count of GB/T 30428.4, china-standards §4.1): the things counted from the case
/// event log. Every count is a list of case ids, so a figure always drills down to its cases.
///
/// Which objects a count applies to is ``EvaluationSubject/Kind/indicators``; how counts become
/// rates and scores is configuration (``EvaluationConfiguration``).
public enum Indicator: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    // Regions (and departments for the closing counts).
    case reported = "reported"
    case filed = "filed"
    case publicReportsFiled = "public_reports_filed"
    case dueToClose = "due_to_close"
    case closed = "closed"
    case closedOnTime = "closed_on_time"
    case overdueOpen = "overdue_open"
    // Departments.
    case assigned = "assigned"
    case dueToHandle = "due_to_handle"
    case handled = "handled"
    case handledOnTime = "handled_on_time"
    case reworked = "reworked"
    // Inspectors (监督员).
    case inspectorReports = "inspector_reports"
    case validReports = "valid_reports"
    case verificationsDue = "verifications_due"
    case verifiedOnTime = "verified_on_time"
    case checksDue = "checks_due"
    case checkedOnTime = "checked_on_time"
    case missed = "missed"
    case areaFiled = "area_filed"
    // Operators (受理员).
    case accepted = "accepted"
    case verificationRequests = "verification_requests"
    case verificationRequestsOnTime = "verification_requests_on_time"
    case checkRequests = "check_requests"
    case checkRequestsOnTime = "check_requests_on_time"
    // Shift leaders (值班长).
    case filedBy = "filed_by"
    case filedOnTime = "filed_on_time"
    case filedAccurately = "filed_accurately"
    case closedBy = "closed_by"
    case closedByOnTime = "closed_by_on_time"
    // Dispatchers (派遣员).
    case dispatched = "dispatched"
    case dispatchedOnTime = "dispatched_on_time"
    case dispatchedAccurately = "dispatched_accurately"

    public var nameZH: String {
        switch self {
        case .reported: "上报数"
        case .filed: "立案数"
        case .publicReportsFiled: "监督举报核实数"
        case .dueToClose: "应结案数"
        case .closed: "结案数"
        case .closedOnTime: "按期结案数"
        case .overdueOpen: "超期未结案数"
        case .assigned: "派遣数（立案数）"
        case .dueToHandle: "应处置数"
        case .handled: "处置数"
        case .handledOnTime: "按期处置数"
        case .reworked: "返工数"
        case .inspectorReports: "监督员上报数"
        case .validReports: "有效上报数"
        case .verificationsDue: "应核实数"
        case .verifiedOnTime: "按时核实数"
        case .checksDue: "应核查数"
        case .checkedOnTime: "按时核查数"
        case .missed: "漏报数"
        case .areaFiled: "责任区立案数"
        case .accepted: "受理数"
        case .verificationRequests: "应发核实数"
        case .verificationRequestsOnTime: "按时发核实数"
        case .checkRequests: "应发核查数"
        case .checkRequestsOnTime: "按时发核查数"
        case .filedBy: "立案数"
        case .filedOnTime: "按时立案数"
        case .filedAccurately: "准确立案数"
        case .closedBy: "结案数"
        case .closedByOnTime: "按时结案数"
        case .dispatched: "派遣数"
        case .dispatchedOnTime: "按时派遣数"
        case .dispatchedAccurately: "准确派遣数"
        }
    }
}

/// 考评对象 (what is evaluated): a region at one level, a department, or one person in a post.
///
/// ```swift
/// EvaluationSubject(kind: .district, id: "370303")
/// EvaluationSubject(kind: .dispatcher, id: "user-7")
/// ```
public struct EvaluationSubject: Sendable, Hashable, Codable, Comparable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case city, district, zone, subdistrict, community, grid
        case department
        case inspector, `operator`, shiftLeader = "shift_leader", dispatcher

        public var nameZH: String {
            switch self {
            case .city: "全市"
            case .district: "区县"
            case .zone: "功能区"
            case .subdistrict: "镇（街道）"
            case .community: "社区"
            case .grid: "单元网格"
            case .department: "专业部门"
            case .inspector: "监督员"
            case .operator: "受理员"
            case .shiftLeader: "值班长"
            case .dispatcher: "派遣员"
            }
        }

        public var isRegion: Bool { [.city, .district, .zone, .subdistrict, .community, .grid].contains(self) }

        /// The counts reported for this kind of object.
        public var indicators: [Indicator] {
            switch self {
            case .city, .district, .zone, .subdistrict, .community, .grid:
                [.reported, .filed, .publicReportsFiled, .dueToClose, .closed, .closedOnTime, .overdueOpen]
            case .department: [.assigned, .dueToHandle, .handled, .handledOnTime, .reworked, .dueToClose, .closed, .closedOnTime, .overdueOpen]
            case .inspector: [.inspectorReports, .validReports, .verificationsDue, .verifiedOnTime, .checksDue, .checkedOnTime, .missed, .areaFiled]
            case .operator: [.accepted, .verificationRequests, .verificationRequestsOnTime, .checkRequests, .checkRequestsOnTime]
            case .shiftLeader: [.filedBy, .filedOnTime, .filedAccurately, .closedBy, .closedByOnTime]
            case .dispatcher: [.dispatched, .dispatchedOnTime, .dispatchedAccurately]
            }
        }
    }

    public var kind: Kind
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.kind.rawValue, lhs.id) < (rhs.kind.rawValue, rhs.id) }
}
