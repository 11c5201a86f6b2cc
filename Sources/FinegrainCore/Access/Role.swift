/// 角色 (role): what a person does in the platform (requirements §1). A role alone grants
/// nothing in particular places: a ``Grant`` pairs it with a scope.
///
/// ```swift
/// Role.dispatcher.nameZH   // "派遣员"
/// ```
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    /// 管理员 — regions, grids, categories, departments, deadlines, users.
    case administrator
    /// 受理员 — takes reports from every channel, merges duplicates, files cases.
    case operator_ = "operator"
    /// 值班长 / 指挥长 — oversight, supervision orders, key tasks.
    case shiftLeader = "shift_leader"
    /// 派遣员 — sends cases to departments; handles returns, extensions and suspensions.
    case dispatcher
    /// 监督员 / 信息采集员 — patrols a grid, reports, verifies and checks.
    case inspector
    /// 专业部门 / 处置单位 handler — receives tasks, fixes problems, reports back.
    case departmentHandler = "department_handler"
    /// 考评员 — spot checks, third-party results, publishes the monthly evaluation.
    case evaluator
    /// 领导 — dashboards, rankings, targets.
    case leader
    /// 路长 / 街长 — owns a road or street.
    case roadChief = "road_chief"
    /// 执法队员 — enforcement cases.
    case enforcementOfficer = "enforcement_officer"
    /// 市民 — reports problems, follows them, rates the result.
    case citizen

    public var nameZH: String {
        switch self {
        case .administrator: "管理员"
        case .operator_: "受理员"
        case .shiftLeader: "值班长"
        case .dispatcher: "派遣员"
        case .inspector: "监督员"
        case .departmentHandler: "处置人员"
        case .evaluator: "考评员"
        case .leader: "领导"
        case .roadChief: "路长/街长"
        case .enforcementOfficer: "执法队员"
        case .citizen: "市民"
        }
    }

    public var nameEN: String {
        switch self {
        case .administrator: "administrator"
        case .operator_: "operator"
        case .shiftLeader: "shift leader"
        case .dispatcher: "dispatcher"
        case .inspector: "inspector"
        case .departmentHandler: "department handler"
        case .evaluator: "evaluator"
        case .leader: "leader"
        case .roadChief: "road/street chief"
        case .enforcementOfficer: "enforcement officer"
        case .citizen: "citizen"
        }
    }
}
