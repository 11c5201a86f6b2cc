/// 权限 (permission): what a route or an action needs. Every route declares one; the server
/// checks it in one place before the handler runs.
///
/// `.public` needs nothing; `.authenticated` needs any signed-in person (their own profile,
/// password and keys). The others are granted to roles by an ``AccessPolicy``.
///
/// ```swift
/// AccessPolicy.standard.roles(with: .usersManage)   // [.administrator]
/// ```
public enum Permission: String, Sendable, Codable, CaseIterable, Hashable {
    /// Anyone, signed in or not (the public map, Open311 discovery, health).
    case `public`
    /// Any signed-in person: their profile, password, sessions and API keys.
    case authenticated
    /// Import and change regions and grids.
    case regionsManage = "regions.manage"
    /// See departments.
    case departmentsRead = "departments.read"
    /// Create and change departments.
    case departmentsManage = "departments.manage"
    /// See users and their grants.
    case usersRead = "users.read"
    /// Create users, change grants, disable accounts, reset passwords.
    case usersManage = "users.manage"
    /// Search the audit trail.
    case auditRead = "audit.read"
    /// Operational metrics (`/metrics`).
    case operationsRead = "operations.read"
    /// Report a new case (上报).
    case casesReport = "cases.report"
    /// See cases within one's scope (citizens: their own reports).
    case casesRead = "cases.read"
    /// Take workflow steps; which steps, in which states, is decided by ``WorkflowRules``.
    case casesWork = "cases.work"
    /// Upload photos for reports and feedback.
    case photosUpload = "photos.upload"
    /// Change the class catalogue and the responsibility list.
    case catalogueManage = "catalogue.manage"
    /// Read evaluation results, their drill-down and the four-in-one records (考评查询).
    case evaluationRead = "evaluation.read"
    /// Record spot checks, supervision outcomes, key tasks, third-party scores; adopt scoring
    /// configuration; publish a month (考评管理).
    case evaluationManage = "evaluation.manage"
}

/// Which roles hold which permissions — data, so that a city can change it without code.
///
/// ```swift
/// let policy = AccessPolicy.standard
/// policy.permissions(of: .leader).contains(.departmentsRead)   // true
/// ```
public struct AccessPolicy: Sendable, Hashable {
    public var grants: [Role: Set<Permission>]

    public init(grants: [Role: Set<Permission>]) { self.grants = grants }

    /// The permissions a role holds (always including `.public` and `.authenticated`).
    public func permissions(of role: Role) -> Set<Permission> {
        (grants[role] ?? []).union([.public, .authenticated])
    }

    /// The roles that hold `permission`.
    public func roles(with permission: Permission) -> Set<Role> {
        Set(Role.allCases.filter { permissions(of: $0).contains(permission) })
    }

    /// The default policy. Which workflow step each role may take is decided by ``WorkflowRules``;
    /// `cases.work` only opens the door.
    public static let standard = AccessPolicy(grants: [
        .administrator: Set(Permission.allCases),
        .leader: [.departmentsRead, .usersRead, .casesRead, .casesWork, .evaluationRead],
        .shiftLeader: [.departmentsRead, .usersRead, .casesReport, .casesRead, .casesWork, .photosUpload],
        .dispatcher: [.departmentsRead, .casesRead, .casesWork],
        .operator_: [.departmentsRead, .casesReport, .casesRead, .casesWork, .photosUpload],
        .inspector: [.casesReport, .casesRead, .casesWork, .photosUpload],
        .departmentHandler: [.casesRead, .casesWork, .photosUpload],
        .evaluator: [.departmentsRead, .casesRead, .evaluationRead, .evaluationManage, .photosUpload],
        .roadChief: [.casesRead],
        .enforcementOfficer: [.casesReport, .casesRead, .photosUpload],
        .citizen: [.casesReport, .casesRead, .photosUpload],
    ])
}
