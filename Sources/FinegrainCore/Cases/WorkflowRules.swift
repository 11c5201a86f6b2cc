/// 流程规则 (workflow rules): which roles may issue which command in which states, and what each
/// must carry — data a city can change without code (e.g. let operators file hotline cases
/// directly, or require a photo at 核实).
///
/// The *meaning* of each command (which state it leads to, what it does to the clock) is fixed in
/// ``Workflow``; these rules only narrow who and when.
///
/// ```swift
/// var rules = WorkflowRules.standard
/// rules.rules[.verify]?.requiresPhoto = true
/// ```
public struct WorkflowRules: Sendable, Hashable, Codable {
    public struct Rule: Sendable, Hashable, Codable {
        public var roles: Set<Role>
        public var from: Set<CaseStatus>
        /// A photo must accompany the command.
        public var requiresPhoto: Bool
        /// A note (reason) must accompany the command.
        public var requiresNote: Bool

        enum CodingKeys: String, CodingKey {
            case roles, from
            case requiresPhoto = "requires_photo"
            case requiresNote = "requires_note"
        }

        public init(roles: Set<Role>, from: Set<CaseStatus>, requiresPhoto: Bool = false, requiresNote: Bool = false) {
            self.roles = roles
            self.from = from
            self.requiresPhoto = requiresPhoto
            self.requiresNote = requiresNote
        }
    }

    public var rules: [CaseCommand.Kind: Rule]
    /// Roles that may report a new case, by channel.
    public var reporters: [CaseSource: Set<Role>]
    /// Public reports must be verified on site before they can be filed.
    public var verifyPublicReports: Bool

    enum CodingKeys: String, CodingKey {
        case rules, reporters
        case verifyPublicReports = "verify_public_reports"
    }

    public init(rules: [CaseCommand.Kind: Rule], reporters: [CaseSource: Set<Role>], verifyPublicReports: Bool) {
        self.rules = rules
        self.reporters = reporters
        self.verifyPublicReports = verifyPublicReports
    }

    static let open: Set<CaseStatus> = Set(CaseStatus.allCases.filter { !$0.isFinal })

    /// The national seven-step model with its side flows (china-standards §3.1).
    public static let standard = WorkflowRules(
        rules: [
            .requestVerification: Rule(roles: [.operator_, .shiftLeader], from: [.reported]),
            .verify: Rule(roles: [.inspector], from: [.verifying]),
            .file: Rule(roles: [.shiftLeader], from: [.reported, .verified]),
            .proposeVoid: Rule(roles: [.operator_], from: [.reported, .verifying, .verified], requiresNote: true),
            .approveVoid: Rule(roles: [.shiftLeader], from: [.voidPending]),
            .refuseVoid: Rule(roles: [.shiftLeader], from: [.voidPending]),
            .dispatch: Rule(roles: [.dispatcher], from: [.filed]),
            .requestReturn: Rule(roles: [.departmentHandler], from: [.dispatched], requiresNote: true),
            .approveReturn: Rule(roles: [.dispatcher], from: [.returnPending]),
            .refuseReturn: Rule(roles: [.dispatcher], from: [.returnPending]),
            .requestExtension: Rule(roles: [.departmentHandler], from: [.dispatched], requiresNote: true),
            .approveExtension: Rule(roles: [.dispatcher], from: [.dispatched]),
            .refuseExtension: Rule(roles: [.dispatcher], from: [.dispatched]),
            .requestSuspension: Rule(roles: [.departmentHandler], from: [.dispatched], requiresNote: true),
            .approveSuspension: Rule(roles: [.dispatcher], from: [.dispatched]),
            .refuseSuspension: Rule(roles: [.dispatcher], from: [.dispatched]),
            .restore: Rule(roles: [.dispatcher, .shiftLeader], from: [.suspended]),
            .feedback: Rule(roles: [.departmentHandler], from: [.dispatched], requiresPhoto: true, requiresNote: true),
            .requestCheck: Rule(roles: [.operator_, .shiftLeader], from: [.handled]),
            .check: Rule(roles: [.inspector], from: [.checking], requiresPhoto: true),
            .close: Rule(roles: [.shiftLeader], from: [.checked]),
            .supervise: Rule(roles: [.shiftLeader, .leader], from: open, requiresNote: true),
            .reopen: Rule(roles: [.shiftLeader], from: [.closed], requiresNote: true),
            .recordCallback: Rule(roles: [.operator_], from: [.closed]),
            .markMerged: Rule(roles: [.operator_, .shiftLeader], from: [.reported, .verifying, .verified]),
            .absorbDuplicate: Rule(roles: [.operator_, .shiftLeader], from: open),
        ],
        reporters: [
            .inspector: [.inspector],
            .citizen: [.citizen, .operator_],
            .hotline12345: [.operator_],
            .hotline12319: [.operator_],
            .sensor: [.operator_, .administrator],
            .video: [.operator_, .administrator],
            .superior: [.operator_, .shiftLeader],
            .media: [.operator_, .shiftLeader],
        ],
        verifyPublicReports: true)
}
