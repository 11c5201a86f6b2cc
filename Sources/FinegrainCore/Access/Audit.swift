/// 审计 (audit): who changed what, when, from where, in which role — recorded in the same
/// transaction as the change itself, in a table the database refuses to update or delete.
///
/// ```swift
/// let actor = AuditActor(userID: admin.id, name: "admin", role: .administrator, address: "10.0.0.5", requestID: "abc")
/// try await store.createDepartment(department, actor: actor)   // writes the department and its audit entry
/// ```
public struct AuditActor: Sendable, Hashable, Codable {
    /// The acting user, if a person or key of the platform acted.
    public var userID: String?
    /// The username, or a label such as `cli:root` or `system` for non-user actors.
    public var name: String
    /// The role the actor acted in, when one applies.
    public var role: Role?
    /// The client address.
    public var address: String?
    /// The request id that also marks the request's log line.
    public var requestID: String?

    public init(userID: String?, name: String, role: Role?, address: String?, requestID: String?) {
        self.userID = userID
        self.name = name
        self.role = role
        self.address = address
        self.requestID = requestID
    }

    /// An actor for command-line tools, named after the operating-system user.
    public static func commandLine(_ user: String) -> AuditActor {
        AuditActor(userID: nil, name: "cli:\(user)", role: nil, address: nil, requestID: nil)
    }

    /// The platform itself (e.g. loading the demo city).
    public static let system = AuditActor(userID: nil, name: "system", role: nil, address: nil, requestID: nil)
}

/// One entry of the audit trail.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int
    /// ISO 8601 UTC.
    public var at: String
    public var actor: AuditActor
    /// What happened, e.g. `user.create`, `login.failure`, `regions.import`.
    public var action: String
    /// The kind of thing acted on, e.g. `user`, `department`, `session`.
    public var targetType: String
    public var targetID: String?
    /// A JSON object with what changed (never a password or secret).
    public var details: String

    public init(id: Int, at: String, actor: AuditActor, action: String, targetType: String, targetID: String?, details: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.details = details
    }
}
