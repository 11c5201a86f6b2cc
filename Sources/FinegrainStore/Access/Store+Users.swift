public import FinegrainCore
import Foundation
import SQLKit

/// Which users to list.
public struct UserFilter: Sendable, Hashable {
    /// Part of the username or display name.
    public var text: String?
    public var role: Role?
    public var departmentID: String?
    public var disabled: Bool?

    public init(text: String? = nil, role: Role? = nil, departmentID: String? = nil, disabled: Bool? = nil) {
        self.text = text
        self.role = role
        self.departmentID = departmentID
        self.disabled = disabled
    }
}

/// The fields of a user that can change after creation; `nil` leaves a field as it is.
public struct UserChanges: Sendable, Hashable {
    public var displayName: String?
    public var phone: String??
    public var departmentID: String??
    public var disabled: Bool?

    public init(displayName: String? = nil, phone: String?? = nil, departmentID: String?? = nil, disabled: Bool? = nil) {
        self.displayName = displayName
        self.phone = phone
        self.departmentID = departmentID
        self.disabled = disabled
    }
}

extension Store {
    /// Creates a user with their grants; the username must be unused.
    public func createUser(_ user: UserAccount, passwordHash: String, actor: AuditActor) async throws {
        try await database.transaction { db in
            if try await db.select().column("id").from("users").where("username", .equal, user.username).first() != nil {
                throw StoreConflict(.duplicate, "username \(user.username) is taken", "用户名 \(user.username) 已被使用")
            }
            try await checkUserReferences(departmentID: user.departmentID, db)
            let now = Timestamp.now()
            try await db.insert(into: "users")
                .columns(
                    "id", "username", "display_name", "phone", "department_id", "password_hash", "must_change_password",
                    "password_is_default", "disabled", "created_at", "updated_at")
                .values(
                    SQLBind(user.id), SQLBind(user.username), SQLBind(user.displayName), SQLBind(user.phone), SQLBind(user.departmentID),
                    SQLBind(passwordHash), SQLBind(user.mustChangePassword), SQLBind(user.passwordIsDefault), SQLBind(user.disabled),
                    SQLBind(now), SQLBind(now)
                ).run()
            try await audit(
                db, actor: actor, action: "user.create", targetType: "user", targetID: user.id,
                details: ["username": user.username, "display_name": user.displayName])
            for grant in user.grants { try await insertGrant(grant, userID: user.id, actor: actor, db) }
        }
    }

    /// A user and their password hash, by username, for signing in.
    public func userCredentials(username: String) async throws -> (user: UserAccount, passwordHash: String)? {
        try await database.withConnection { db in
            guard let row = try await db.select().column("*").from("users").where("username", .equal, username).first() else { return nil }
            var user = try Self.user(from: row)
            user.grants = try await grants(of: user.id, db)
            return (user, try row.decode(column: "password_hash", as: String.self))
        }
    }

    /// The user with `id`, with grants.
    public func user(id: String) async throws -> UserAccount? {
        try await database.withConnection { db in try await userRow(id, db) }
    }

    /// Every user matching `filter`, by username, with grants.
    public func users(_ filter: UserFilter = UserFilter()) async throws -> [UserAccount] {
        try await database.withConnection { db in
            var query = db.select().column("*").from("users")
            if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
                query = query.where { $0.where("username", .like, pattern).orWhere("display_name", .like, pattern) }
            }
            if let department = filter.departmentID { query = query.where("department_id", .equal, department) }
            if let disabled = filter.disabled { query = query.where("disabled", .equal, disabled) }
            var users = try await query.orderBy("username").all().map(Self.user(from:))
            var grantsByUser: [String: [Grant]] = [:]
            for row in try await db.select().column("*").from("grants").orderBy("created_at").orderBy("id").all() {
                grantsByUser[try row.decode(column: "user_id", as: String.self), default: []].append(try Self.grant(from: row))
            }
            for i in users.indices { users[i].grants = grantsByUser[users[i].id] ?? [] }
            if let role = filter.role { users = users.filter { $0.grants.contains { $0.role == role } } }
            return users
        }
    }

    /// Changes a user's fields. Disabling a user revokes every session and API key of theirs in
    /// the same transaction, so they are locked out at once.
    public func updateUser(id: String, _ changes: UserChanges, actor: AuditActor) async throws {
        try await database.transaction { db in
            guard try await userRow(id, db) != nil else { throw StoreConflict(.notFound, "user \(id) does not exist", "用户 \(id) 不存在") }
            var update = db.update("users").set("updated_at", to: SQLBind(Timestamp.now()))
            var details: [String: String] = [:]
            if let name = changes.displayName {
                update = update.set("display_name", to: SQLBind(name))
                details["display_name"] = name
            }
            if let phone = changes.phone {
                update = update.set("phone", to: SQLBind(phone))
                details["phone"] = phone == nil ? "(removed)" : "(changed)"
            }
            if let department = changes.departmentID {
                try await checkUserReferences(departmentID: department, db)
                update = update.set("department_id", to: SQLBind(department))
                details["department_id"] = department ?? "(none)"
            }
            if let disabled = changes.disabled {
                update = update.set("disabled", to: SQLBind(disabled))
                details["disabled"] = String(disabled)
            }
            try await update.where("id", .equal, id).run()
            if changes.disabled == true { try await revokeCredentials(userID: id, db) }
            try await audit(db, actor: actor, action: changes.disabled == true ? "user.disable" : "user.update", targetType: "user", targetID: id, details: details)
        }
    }

    /// Sets a new password hash. `keepingSession` survives (the user's current session when they
    /// change their own password); every other session and key is revoked.
    public func setPassword(
        userID: String, hash: String, mustChange: Bool, isDefault: Bool, keepingSession: String? = nil, actor: AuditActor
    ) async throws {
        try await database.transaction { db in
            guard try await userRow(userID, db) != nil else { throw StoreConflict(.notFound, "user \(userID) does not exist", "用户 \(userID) 不存在") }
            try await db.update("users").set("password_hash", to: SQLBind(hash)).set("must_change_password", to: SQLBind(mustChange))
                .set("password_is_default", to: SQLBind(isDefault)).set("updated_at", to: SQLBind(Timestamp.now()))
                .where("id", .equal, userID).run()
            try await revokeCredentials(userID: userID, except: keepingSession, db)
            try await audit(
                db, actor: actor, action: actor.userID == userID ? "password.change" : "password.reset", targetType: "user", targetID: userID,
                details: ["must_change": String(mustChange)])
        }
    }

    /// Adds a grant to a user.
    public func addGrant(_ grant: Grant, userID: String, actor: AuditActor) async throws {
        try await database.transaction { db in
            guard try await userRow(userID, db) != nil else { throw StoreConflict(.notFound, "user \(userID) does not exist", "用户 \(userID) 不存在") }
            try await insertGrant(grant, userID: userID, actor: actor, db)
        }
    }

    /// Removes one of a user's grants.
    public func removeGrant(id: String, userID: String, actor: AuditActor) async throws {
        try await database.transaction { db in
            guard let row = try await db.select().column("*").from("grants").where("id", .equal, id).where("user_id", .equal, userID).first() else {
                throw StoreConflict(.notFound, "grant \(id) does not exist", "授权 \(id) 不存在")
            }
            let grant = try Self.grant(from: row)
            try await db.delete(from: "grants").where("id", .equal, id).run()
            try await audit(db, actor: actor, action: "grant.remove", targetType: "user", targetID: userID, details: Self.details(grant))
        }
    }

    /// Notes a successful sign-in.
    public func recordLogin(userID: String) async throws {
        try await database.transaction { db in
            try await db.update("users").set("last_login_at", to: SQLBind(Timestamp.now())).where("id", .equal, userID).run()
        }
    }

    /// Usernames of enabled accounts that still have a documented default password.
    public func usersWithDefaultPasswords() async throws -> [String] {
        try await database.withConnection { db in
            try await db.select().column("username").from("users").where("password_is_default", .equal, true)
                .where("disabled", .equal, false).orderBy("username").all()
                .map { try $0.decode(column: "username", as: String.self) }
        }
    }

    private func insertGrant(_ grant: Grant, userID: String, actor: AuditActor, _ db: any SQLDatabase) async throws {
        if let region = grant.regionCode, try await db.select().column("code").from("regions").where("code", .equal, region).first() == nil {
            throw StoreConflict(.missingReference, "region \(region) does not exist", "区域 \(region) 不存在")
        }
        try await checkUserReferences(departmentID: grant.departmentID, db)
        let id = grant.id.isEmpty ? UUID().uuidString.lowercased() : grant.id
        try await db.insert(into: "grants").columns("id", "user_id", "role", "region_code", "department_id", "created_at")
            .values(SQLBind(id), SQLBind(userID), SQLBind(grant.role.rawValue), SQLBind(grant.regionCode), SQLBind(grant.departmentID), SQLBind(Timestamp.now()))
            .run()
        var details = Self.details(grant)
        details["grant_id"] = id
        try await audit(db, actor: actor, action: "grant.add", targetType: "user", targetID: userID, details: details)
    }

    private func checkUserReferences(departmentID: String?, _ db: any SQLDatabase) async throws {
        if let department = departmentID, try await db.select().column("id").from("departments").where("id", .equal, department).first() == nil {
            throw StoreConflict(.missingReference, "department \(department) does not exist", "部门 \(department) 不存在")
        }
    }

    func revokeCredentials(userID: String, except session: String? = nil, _ db: any SQLDatabase) async throws {
        let now = Timestamp.now()
        var sessions = db.update("sessions").set("revoked_at", to: SQLBind(now)).where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null)
        if let session { sessions = sessions.where("token_hash", .notEqual, session) }
        try await sessions.run()
        try await db.update("api_keys").set("revoked_at", to: SQLBind(now)).where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).run()
    }

    func userRow(_ id: String, _ db: any SQLDatabase) async throws -> UserAccount? {
        guard let row = try await db.select().column("*").from("users").where("id", .equal, id).first() else { return nil }
        var user = try Self.user(from: row)
        user.grants = try await grants(of: id, db)
        return user
    }

    private func grants(of userID: String, _ db: any SQLDatabase) async throws -> [Grant] {
        try await db.select().column("*").from("grants").where("user_id", .equal, userID).orderBy("created_at").orderBy("id").all()
            .map(Self.grant(from:))
    }

    static func user(from row: any SQLRow) throws -> UserAccount {
        UserAccount(
            id: try row.decode(column: "id", as: String.self), username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self), phone: try row.decode(column: "phone", as: String?.self),
            departmentID: try row.decode(column: "department_id", as: String?.self), disabled: try row.decode(column: "disabled", as: Bool.self),
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self),
            passwordIsDefault: try row.decode(column: "password_is_default", as: Bool.self),
            createdAt: try row.decode(column: "created_at", as: String.self), lastLoginAt: try row.decode(column: "last_login_at", as: String?.self))
    }

    static func grant(from row: any SQLRow) throws -> Grant {
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else { throw StoreDataError("unknown role \(roleText)") }
        return Grant(
            id: try row.decode(column: "id", as: String.self), role: role, regionCode: try row.decode(column: "region_code", as: String?.self),
            departmentID: try row.decode(column: "department_id", as: String?.self))
    }

    static func details(_ grant: Grant) -> [String: String] {
        var details = ["role": grant.role.rawValue]
        details["region_code"] = grant.regionCode
        details["department_id"] = grant.departmentID
        return details
    }
}
