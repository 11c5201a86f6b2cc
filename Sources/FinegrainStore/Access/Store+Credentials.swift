public import FinegrainCore
public import Foundation
import SQLKit

/// A console session as stored (the token itself is never stored, only its hash).
public struct SessionRecord: Sendable, Hashable {
    public var tokenHash: String
    public var userID: String
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date
    public var revoked: Bool
}

/// An API key as stored and listed (the secret is shown once, at creation, and stored hashed).
public struct APIKeyRecord: Sendable, Hashable, Identifiable {
    public var id: String
    public var userID: String
    public var name: String
    /// When set, the key can do only these (within what its user can do).
    public var permissions: Set<Permission>?
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    public var lastUsedAt: Date?
}

extension Store {
    // MARK: Sessions

    /// Starts a session; returns the token for the cookie (shown once) and the stored record.
    public func createSession(userID: String, lifetime: Duration, address: String?, userAgent: String?, now: Date = Date()) async throws
        -> (token: String, session: SessionRecord)
    {
        let token = Secrets.token()
        let session = SessionRecord(
            tokenHash: Secrets.hash(token), userID: userID, csrfToken: Secrets.token(bytes: 24), createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(Double(lifetime.components.seconds)), revoked: false)
        try await database.transaction { db in
            try await db.insert(into: "sessions")
                .columns("token_hash", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at", "address", "user_agent")
                .values(
                    SQLBind(session.tokenHash), SQLBind(userID), SQLBind(session.csrfToken), SQLBind(Timestamp.string(now)),
                    SQLBind(Timestamp.string(now)), SQLBind(Timestamp.string(session.expiresAt)), SQLBind(address),
                    SQLBind(userAgent.map { String($0.prefix(300)) })
                ).run()
        }
        return (token, session)
    }

    /// The session a cookie token names, if any (revoked and expired ones included: the caller decides).
    public func session(token: String) async throws -> SessionRecord? {
        try await database.withConnection { db in
            guard let row = try await db.select().column("*").from("sessions").where("token_hash", .equal, Secrets.hash(token)).first() else {
                return nil
            }
            return SessionRecord(
                tokenHash: try row.decode(column: "token_hash", as: String.self), userID: try row.decode(column: "user_id", as: String.self),
                csrfToken: try row.decode(column: "csrf_token", as: String.self),
                createdAt: try Timestamp.date(row.decode(column: "created_at", as: String.self)),
                lastSeenAt: try Timestamp.date(row.decode(column: "last_seen_at", as: String.self)),
                expiresAt: try Timestamp.date(row.decode(column: "expires_at", as: String.self)),
                revoked: try row.decode(column: "revoked_at", as: String?.self) != nil)
        }
    }

    /// Moves a session's idle clock forward.
    public func touchSession(tokenHash: String, now: Date = Date()) async throws {
        try await database.transaction { db in
            try await db.update("sessions").set("last_seen_at", to: SQLBind(Timestamp.string(now))).where("token_hash", .equal, tokenHash).run()
        }
    }

    /// Ends a session (sign-out).
    public func revokeSession(tokenHash: String, actor: AuditActor) async throws {
        try await database.transaction { db in
            try await db.update("sessions").set("revoked_at", to: SQLBind(Timestamp.now())).where("token_hash", .equal, tokenHash).run()
            try await audit(db, actor: actor, action: "session.end", targetType: "user", targetID: actor.userID)
        }
    }

    // MARK: API keys

    /// Creates an API key; returns the record and the full key (`fgk_<id>_<secret>`), shown once.
    public func createAPIKey(userID: String, name: String, permissions: Set<Permission>?, expiresAt: Date, actor: AuditActor) async throws
        -> (key: APIKeyRecord, token: String)
    {
        let id = Secrets.token(bytes: 9).replacingOccurrences(of: "-", with: "x").replacingOccurrences(of: "_", with: "y")
        let secret = Secrets.token()
        let now = Date()
        let record = APIKeyRecord(id: id, userID: userID, name: name, permissions: permissions, createdAt: now, expiresAt: expiresAt)
        try await database.transaction { db in
            guard try await userRow(userID, db) != nil else { throw StoreConflict(.notFound, "user \(userID) does not exist", "用户 \(userID) 不存在") }
            try await db.insert(into: "api_keys").columns("id", "user_id", "name", "secret_hash", "permissions", "created_at", "expires_at")
                .values(
                    SQLBind(id), SQLBind(userID), SQLBind(name), SQLBind(Secrets.hash(secret)),
                    SQLBind(permissions.map { $0.map(\.rawValue).sorted().joined(separator: " ") }), SQLBind(Timestamp.string(now)),
                    SQLBind(Timestamp.string(expiresAt))
                ).run()
            var details = ["name": name, "expires_at": Timestamp.string(expiresAt)]
            details["permissions"] = permissions.map { $0.map(\.rawValue).sorted().joined(separator: " ") }
            try await audit(db, actor: actor, action: "api_key.create", targetType: "api_key", targetID: id, details: details)
        }
        return (record, "fgk_\(id)_\(secret)")
    }

    /// The key that `token` presents, if the token is well-formed and its secret matches.
    public func apiKey(token: String) async throws -> APIKeyRecord? {
        let parts = token.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "fgk" else { return nil }
        return try await database.withConnection { db in
            guard let row = try await db.select().column("*").from("api_keys").where("id", .equal, String(parts[1])).first(),
                constantTimeEquals(try row.decode(column: "secret_hash", as: String.self), Secrets.hash(String(parts[2])))
            else { return nil }
            return try Self.apiKey(from: row)
        }
    }

    /// A user's keys, newest first.
    public func apiKeys(userID: String) async throws -> [APIKeyRecord] {
        try await database.withConnection { db in
            try await db.select().column("*").from("api_keys").where("user_id", .equal, userID).orderBy("created_at", .descending).all()
                .map(Self.apiKey(from:))
        }
    }

    /// Revokes a key of `userID`.
    public func revokeAPIKey(id: String, userID: String, actor: AuditActor) async throws {
        try await database.transaction { db in
            guard try await db.select().column("id").from("api_keys").where("id", .equal, id).where("user_id", .equal, userID).first() != nil else {
                throw StoreConflict(.notFound, "API key \(id) does not exist", "API 密钥 \(id) 不存在")
            }
            try await db.update("api_keys").set("revoked_at", to: SQLBind(Timestamp.now())).where("id", .equal, id)
                .where("revoked_at", .is, SQLLiteral.null).run()
            try await audit(db, actor: actor, action: "api_key.revoke", targetType: "api_key", targetID: id)
        }
    }

    /// Notes that a key was used.
    public func touchAPIKey(id: String, now: Date = Date()) async throws {
        try await database.transaction { db in
            try await db.update("api_keys").set("last_used_at", to: SQLBind(Timestamp.string(now))).where("id", .equal, id).run()
        }
    }

    static func apiKey(from row: any SQLRow) throws -> APIKeyRecord {
        let permissions = try row.decode(column: "permissions", as: String?.self).map {
            Set($0.split(separator: " ").compactMap { Permission(rawValue: String($0)) })
        }
        return APIKeyRecord(
            id: try row.decode(column: "id", as: String.self), userID: try row.decode(column: "user_id", as: String.self),
            name: try row.decode(column: "name", as: String.self), permissions: permissions,
            createdAt: try Timestamp.date(row.decode(column: "created_at", as: String.self)),
            expiresAt: try Timestamp.date(row.decode(column: "expires_at", as: String.self)),
            revokedAt: try row.decode(column: "revoked_at", as: String?.self).map(Timestamp.date),
            lastUsedAt: try row.decode(column: "last_used_at", as: String?.self).map(Timestamp.date))
    }

    // MARK: Sign-in attempts

    /// Records a sign-in attempt (for throttling) and audits it.
    public func recordLoginAttempt(username: String, address: String, success: Bool, actor: AuditActor, now: Date = Date()) async throws {
        try await database.transaction { db in
            try await db.insert(into: "login_attempts").columns("username", "address", "at", "success")
                .values(SQLBind(username), SQLBind(address), SQLBind(Timestamp.string(now)), SQLBind(success)).run()
            try await audit(
                db, actor: actor, action: success ? "login.success" : "login.failure", targetType: "user", targetID: actor.userID,
                details: ["username": username])
        }
    }

    /// Failed sign-ins since `since` for an account and for an address.
    public func recentLoginFailures(username: String, address: String, since: Date) async throws -> (account: Int, address: Int) {
        try await database.withConnection { db in
            let from = Timestamp.string(since)
            let account = try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("login_attempts")
                .where("username", .equal, username).where("success", .equal, false).where("at", .greaterThanOrEqual, from)
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let byAddress = try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("login_attempts")
                .where("address", .equal, address).where("success", .equal, false).where("at", .greaterThanOrEqual, from)
                .first()?.decode(column: "n", as: Int.self) ?? 0
            return (account, byAddress)
        }
    }
}
