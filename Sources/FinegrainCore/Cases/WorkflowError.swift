/// Why the workflow refused a command — typed, with a message in English and Chinese, and the
/// data a client needs (the current status for a 409).
public struct WorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The actor's role may not issue this command.
        case roleNotAllowed(command: CaseCommand.Kind, allowed: Set<Role>)
        /// The case is not in a state that accepts this command.
        case wrongStatus(command: CaseCommand.Kind, status: CaseStatus)
        /// A required field is missing or invalid.
        case invalidField(field: String, problem: String, problemZH: String)
        /// Another request of this kind is already waiting for a decision.
        case alreadyPending(String)
        /// Nothing is pending to approve or refuse.
        case nothingPending(String)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .roleNotAllowed(let command, let allowed):
            "\(command.rawValue) may be done only by: \(allowed.map(\.nameEN).sorted().joined(separator: ", "))"
        case .wrongStatus(let command, let status):
            "\(command.rawValue) is not possible while the case is \(status.rawValue)"
        case .invalidField(let field, let problem, _): "\(field) \(problem)"
        case .alreadyPending(let what): "a \(what) request is already pending"
        case .nothingPending(let what): "no \(what) request is pending"
        }
    }

    public var descriptionZH: String {
        switch reason {
        case .roleNotAllowed(let command, let allowed):
            "「\(command.nameZH)」只能由\(allowed.map(\.nameZH).sorted().joined(separator: "、"))操作"
        case .wrongStatus(let command, let status): "案件处于「\(status.nameZH)」状态，不能「\(command.nameZH)」"
        case .invalidField(let field, _, let problemZH): "\(field)\(problemZH)"
        case .alreadyPending(let what): "已有待审批的\(Self.zh(what))申请"
        case .nothingPending(let what): "没有待审批的\(Self.zh(what))申请"
        }
    }

    static func zh(_ what: String) -> String {
        ["extension": "延期", "suspension": "挂账", "void": "作废", "return": "回退"][what] ?? what
    }
}
