/// 案件操作 (a workflow command): one step a person takes on a case. Each becomes exactly one
/// ``CaseEvent`` if the ``Workflow`` accepts it.
///
/// ```swift
/// let event = try Workflow(rules: .standard, policy: policy, calendar: calendar)
///     .decide(.dispatch(departmentID: "dept-zd-sanitation", note: nil), on: current, by: dispatcher, at: now)
/// ```
public enum CaseCommand: Sendable, Hashable {
    /// 发起核实 — the operator sends a public report to an inspector to verify.
    case requestVerification(note: String?)
    /// 核实 — the inspector confirms (or not) that the problem is there.
    case verify(confirmed: Bool, note: String?, photos: [String])
    /// 立案 — the shift leader files the case, optionally correcting its class and urgency.
    case file(classKind: ClassKind?, classCode: String?, urgency: Urgency?, note: String?)
    /// 申请作废 (不予立案) — the operator proposes not to file it.
    case proposeVoid(reason: String)
    case approveVoid(note: String?)
    case refuseVoid(note: String?)
    /// 派遣 — the dispatcher sends it to a department.
    case dispatch(departmentID: String, note: String?)
    /// 申请回退 — the department says it is not theirs.
    case requestReturn(reason: String)
    case approveReturn(note: String?)
    case refuseReturn(note: String?)
    /// 申请延期 — the department asks for more working time.
    case requestExtension(workingMinutes: Int, reason: String)
    case approveExtension(note: String?)
    case refuseExtension(note: String?)
    /// 申请挂账/缓办 — the department cannot solve it in time.
    case requestSuspension(reason: String)
    case approveSuspension(note: String?)
    case refuseSuspension(note: String?)
    /// 挂账恢复 — back to handling; the clock resumes.
    case restore(note: String?)
    /// 处理反馈 — the department reports the fix, with photos.
    case feedback(result: String, photos: [String])
    /// 发起核查 — the operator sends an inspector to check the fix.
    case requestCheck(note: String?)
    /// 核查 — the inspector checks; a failed check sends the case back (返工).
    case check(passed: Bool, note: String?, photos: [String])
    /// 结案 — the shift leader closes the case.
    case close(note: String?)
    /// 督办 — a supervision order on an open case.
    case supervise(note: String)
    /// 重新打开 — a closed case is reopened and filed again.
    case reopen(reason: String)
    /// 回访 — the operator records the reporter's satisfaction after closure.
    case recordCallback(satisfaction: Satisfaction, note: String?)
    /// 合并 — marks this case a duplicate of another (the merge operation issues it).
    case markMerged(into: String)
    /// 接收重复上报 — the target of a merge records the duplicate and its reporter.
    case absorbDuplicate(caseID: String, caseNumber: String, source: CaseSource)

    /// The command's kind: the key of ``WorkflowRules`` and the event's type.
    public var kind: Kind {
        switch self {
        case .requestVerification: .requestVerification
        case .verify: .verify
        case .file: .file
        case .proposeVoid: .proposeVoid
        case .approveVoid: .approveVoid
        case .refuseVoid: .refuseVoid
        case .dispatch: .dispatch
        case .requestReturn: .requestReturn
        case .approveReturn: .approveReturn
        case .refuseReturn: .refuseReturn
        case .requestExtension: .requestExtension
        case .approveExtension: .approveExtension
        case .refuseExtension: .refuseExtension
        case .requestSuspension: .requestSuspension
        case .approveSuspension: .approveSuspension
        case .refuseSuspension: .refuseSuspension
        case .restore: .restore
        case .feedback: .feedback
        case .requestCheck: .requestCheck
        case .check: .check
        case .close: .close
        case .supervise: .supervise
        case .reopen: .reopen
        case .recordCallback: .recordCallback
        case .markMerged: .markMerged
        case .absorbDuplicate: .absorbDuplicate
        }
    }

    /// Command kinds, named as the API's endpoints and the events' types are.
    public enum Kind: String, Sendable, Codable, CaseIterable, Hashable, CodingKeyRepresentable {
        case requestVerification = "request_verification"
        case verify
        case file
        case proposeVoid = "propose_void"
        case approveVoid = "approve_void"
        case refuseVoid = "refuse_void"
        case dispatch
        case requestReturn = "request_return"
        case approveReturn = "approve_return"
        case refuseReturn = "refuse_return"
        case requestExtension = "request_extension"
        case approveExtension = "approve_extension"
        case refuseExtension = "refuse_extension"
        case requestSuspension = "request_suspension"
        case approveSuspension = "approve_suspension"
        case refuseSuspension = "refuse_suspension"
        case restore
        case feedback
        case requestCheck = "request_check"
        case check
        case close
        case supervise
        case reopen
        case recordCallback = "record_callback"
        case markMerged = "mark_merged"
        case absorbDuplicate = "absorb_duplicate"

        public var nameZH: String {
            switch self {
            case .requestVerification: "发起核实"
            case .verify: "核实"
            case .file: "立案"
            case .proposeVoid: "申请作废"
            case .approveVoid: "批准作废"
            case .refuseVoid: "驳回作废"
            case .dispatch: "派遣"
            case .requestReturn: "申请回退"
            case .approveReturn: "批准回退"
            case .refuseReturn: "驳回回退"
            case .requestExtension: "申请延期"
            case .approveExtension: "批准延期"
            case .refuseExtension: "驳回延期"
            case .requestSuspension: "申请挂账"
            case .approveSuspension: "批准挂账"
            case .refuseSuspension: "驳回挂账"
            case .restore: "挂账恢复"
            case .feedback: "处理反馈"
            case .requestCheck: "发起核查"
            case .check: "核查"
            case .close: "结案"
            case .supervise: "督办"
            case .reopen: "重新打开"
            case .recordCallback: "回访"
            case .markMerged: "合并"
            case .absorbDuplicate: "接收重复上报"
            }
        }
    }
}
