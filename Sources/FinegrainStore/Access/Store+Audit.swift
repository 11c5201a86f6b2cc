public import FinegrainCore
import Foundation
import SQLKit

/// What to search the audit trail for.
public struct AuditQuery: Sendable, Hashable {
    public var actorUserID: String?
    /// Matches the action exactly, or a prefix ending in `.` (`user.` finds `user.create`, …).
    public var action: String?
    public var targetType: String?
    public var targetID: String?
    /// ISO 8601 bounds, inclusive from, exclusive to.
    public var from: String?
    public var to: String?
    public var page: Int
    public var perPage: Int

    public init(
        actorUserID: String? = nil, action: String? = nil, targetType: String? = nil, targetID: String? = nil, from: String? = nil,
        to: String? = nil, page: Int = 1, perPage: Int = 50
    ) {
        self.actorUserID = actorUserID
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.from = from
        self.to = to
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), 500)
    }
}

extension Store {
    /// Appends an entry inside the caller's transaction (`db`), so the change and its record commit together.
    func audit(
        _ db: any SQLDatabase, actor: AuditActor, action: String, targetType: String, targetID: String?, details: [String: String] = [:]
    ) async throws {
        let json = String(decoding: try JSONEncoder.sortedKeys.encode(details), as: UTF8.self)
        try await db.insert(into: "audit_log")
            .columns("at", "actor_user_id", "actor", "role", "address", "request_id", "action", "target_type", "target_id", "details")
            .values(
                SQLBind(Timestamp.now()), SQLBind(actor.userID), SQLBind(actor.name), SQLBind(actor.role?.rawValue), SQLBind(actor.address),
                SQLBind(actor.requestID), SQLBind(action), SQLBind(targetType), SQLBind(targetID), SQLBind(json)
            )
            .run()
    }

    /// Records an event that changes nothing else (a login, a failed login, a logout).
    public func recordAudit(actor: AuditActor, action: String, targetType: String, targetID: String?, details: [String: String] = [:]) async throws {
        try await database.transaction { db in
            try await audit(db, actor: actor, action: action, targetType: targetType, targetID: targetID, details: details)
        }
    }

    /// A page of the audit trail, newest first.
    public func auditEntries(_ query: AuditQuery) async throws -> Page<AuditEntry> {
        try await database.withConnection { db in
            func filtered(_ builder: SQLSelectBuilder) -> SQLSelectBuilder {
                var b = builder
                if let actor = query.actorUserID { b = b.where("actor_user_id", .equal, actor) }
                if let action = query.action {
                    b = action.hasSuffix(".") ? b.where("action", .like, action + "%") : b.where("action", .equal, action)
                }
                if let type = query.targetType { b = b.where("target_type", .equal, type) }
                if let target = query.targetID { b = b.where("target_id", .equal, target) }
                if let from = query.from { b = b.where("at", .greaterThanOrEqual, from) }
                if let to = query.to { b = b.where("at", .lessThan, to) }
                return b
            }
            let total = try await filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("audit_log"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await filtered(db.select().column("*").from("audit_log"))
                .orderBy("id", .descending).limit(query.perPage).offset((query.page - 1) * query.perPage).all()
            let entries = try rows.map { row in
                AuditEntry(
                    id: try row.decode(column: "id", as: Int.self), at: try row.decode(column: "at", as: String.self),
                    actor: AuditActor(
                        userID: try row.decode(column: "actor_user_id", as: String?.self), name: try row.decode(column: "actor", as: String.self),
                        role: try row.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:)),
                        address: try row.decode(column: "address", as: String?.self),
                        requestID: try row.decode(column: "request_id", as: String?.self)),
                    action: try row.decode(column: "action", as: String.self), targetType: try row.decode(column: "target_type", as: String.self),
                    targetID: try row.decode(column: "target_id", as: String?.self), details: try row.decode(column: "details", as: String.self))
            }
            return Page(items: entries, total: total, page: query.page, perPage: query.perPage)
        }
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
