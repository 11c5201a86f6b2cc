import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// Administration of people: `GET|POST /api/v1/users`, `GET|PATCH /api/v1/users/{id}`,
/// `POST /api/v1/users/{id}/grants`, `DELETE /api/v1/users/{id}/grants/{grantID}`,
/// `POST /api/v1/users/{id}/password` (reset to a temporary password that must be changed).
///
/// Scope: a city-wide administrator reaches everyone; an administrator of a district reaches the
/// users whose grants all lie in that district, may grant only within it, and gets 404 for anyone
/// else. Disabling a user ends their sessions and API keys at once.
public struct UserController: Sendable {
    let access: AccessControl

    public init(access: AccessControl) { self.access = access }

    public func addRoutes(to routes: SecuredRoutes) {
        routes.get("users", .usersRead, use: list)
        routes.post("users", .usersManage, use: create)
        routes.get("users/{id}", .usersRead, use: show)
        routes.patch("users/{id}", .usersManage, use: update)
        routes.post("users/{id}/grants", .usersManage, use: addGrant)
        routes.delete("users/{id}/grants/{grantID}", .usersManage, use: removeGrant)
        routes.post("users/{id}/password", .usersManage, use: resetPassword)
    }

    @Sendable func list(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<UserDTO> {
        let principal = try context.requirePrincipal()
        let query = QueryParameters(request)
        let filter = UserFilter(
            text: query.string("q"), role: try query.oneOf("role", Role.self, allowed: Role.allCases), departmentID: query.string("department"),
            disabled: try query.bool("disabled"))
        let page = try query.int("page", in: 1...1_000_000) ?? 1
        let perPage = try query.int("per_page", in: 1...500) ?? 50
        var visible: [UserAccount] = []
        for user in try await access.store.users(filter) where await access.canSee(user, principal, for: .usersRead) {
            visible.append(user)
        }
        let slice = visible.dropFirst((page - 1) * perPage).prefix(perPage)
        return PageDTO(Page(items: Array(slice), total: visible.count, page: page, perPage: perPage)) { UserDTO($0, showPhone: true) }
    }

    @Sendable func show(_ request: Request, context: FinegrainRequestContext) async throws -> UserDTO {
        UserDTO(try await visibleUser(request, context, for: .usersRead), showPhone: true)
    }

    struct NewUserBody: Decodable {
        var username: String
        var displayName: String
        var password: String
        var phone: String?
        var departmentID: String?
        var grants: [GrantDTO]?

        enum CodingKeys: String, CodingKey {
            case username, password, phone, grants
            case displayName = "display_name"
            case departmentID = "department_id"
        }
    }

    @Sendable func create(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await decodeBody(NewUserBody.self, from: request, context: context)
        let username = body.username.trimmingCharacters(in: .whitespaces)
        guard username.count >= 2, username.count <= 64, username.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
            throw Problem.unprocessable("username", "must be 2–64 letters, digits or . _ - @", "须为 2–64 位字母、数字或 . _ - @")
        }
        let name = body.displayName.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count) else { throw Problem.unprocessable("display_name", "must have 1 to 100 characters", "须为 1 到 100 个字符") }
        try AuthController.checkStrength(body.password, username: username)
        let grants = (body.grants ?? []).map(\.grant)
        for grant in grants { try await checkGrantable(grant, by: principal) }
        let user = UserAccount(
            id: UUID().uuidString.lowercased(), username: username, displayName: name, phone: body.phone, departmentID: body.departmentID,
            mustChangePassword: true, grants: grants)
        try await access.store.createUser(user, passwordHash: await access.hashPassword(body.password), actor: access.actor(context, permission: .usersManage))
        guard let created = try await access.store.user(id: user.id) else { throw Problem.notFound("user", "用户") }
        var response = try UserDTO(created, showPhone: true).response(from: request, context: context)
        response.status = .created
        return response
    }

    struct UserChangesBody: Decodable {
        var displayName: String?
        var phone: String?
        var departmentID: String?
        var disabled: Bool?

        enum CodingKeys: String, CodingKey {
            case phone, disabled
            case displayName = "display_name"
            case departmentID = "department_id"
        }
    }

    @Sendable func update(_ request: Request, context: FinegrainRequestContext) async throws -> UserDTO {
        let user = try await visibleUser(request, context, for: .usersManage)
        let body = try await decodeBody(UserChangesBody.self, from: request, context: context)
        if let name = body.displayName, !(1...100).contains(name.trimmingCharacters(in: .whitespaces).count) {
            throw Problem.unprocessable("display_name", "must have 1 to 100 characters", "须为 1 到 100 个字符")
        }
        if body.disabled == true, user.id == context.principal?.userID {
            throw Problem.unprocessable("disabled", "you cannot disable your own account", "不能停用自己的账号")
        }
        let changes = UserChanges(
            displayName: body.displayName?.trimmingCharacters(in: .whitespaces), phone: body.phone.map { Optional($0) },
            departmentID: body.departmentID.map { $0.isEmpty ? nil : $0 }, disabled: body.disabled)
        try await access.store.updateUser(id: user.id, changes, actor: access.actor(context, permission: .usersManage))
        access.verifiedKeys.forgetAll()
        guard let updated = try await access.store.user(id: user.id) else { throw Problem.notFound("user", "用户") }
        return UserDTO(updated, showPhone: true)
    }

    @Sendable func addGrant(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let user = try await visibleUser(request, context, for: .usersManage)
        let grant = try await decodeBody(GrantDTO.self, from: request, context: context).grant
        try await checkGrantable(grant, by: principal)
        try await access.store.addGrant(grant, userID: user.id, actor: access.actor(context, permission: .usersManage))
        access.verifiedKeys.forgetAll()
        guard let updated = try await access.store.user(id: user.id) else { throw Problem.notFound("user", "用户") }
        var response = try UserDTO(updated, showPhone: true).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func removeGrant(_ request: Request, context: FinegrainRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let user = try await visibleUser(request, context, for: .usersManage)
        let grantID = try context.parameters.require("grantID")
        guard let grant = user.grants.first(where: { $0.id == grantID }) else { throw Problem.notFound("grant \(grantID)", "授权 \(grantID)") }
        try await checkGrantable(grant, by: principal)
        try await access.store.removeGrant(id: grantID, userID: user.id, actor: access.actor(context, permission: .usersManage))
        access.verifiedKeys.forgetAll()
        return .noContent
    }

    struct ResetBody: Decodable {
        var temporaryPassword: String

        enum CodingKeys: String, CodingKey { case temporaryPassword = "temporary_password" }
    }

    @Sendable func resetPassword(_ request: Request, context: FinegrainRequestContext) async throws -> HTTPResponse.Status {
        let user = try await visibleUser(request, context, for: .usersManage)
        let body = try await decodeBody(ResetBody.self, from: request, context: context)
        try AuthController.checkStrength(body.temporaryPassword, username: user.username)
        try await access.store.setPassword(
            userID: user.id, hash: await access.hashPassword(body.temporaryPassword), mustChange: true, isDefault: false,
            actor: access.actor(context, permission: .usersManage))
        access.verifiedKeys.forgetAll()
        return .noContent
    }

    /// The user named in the path, if the caller may reach them for `permission`; 404 otherwise.
    private func visibleUser(_ request: Request, _ context: FinegrainRequestContext, for permission: Permission) async throws -> UserAccount {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard let user = try await access.store.user(id: id), await access.canSee(user, principal, for: permission) else {
            throw Problem.notFound("user \(id)", "用户 \(id)")
        }
        return user
    }

    /// A caller may hand out (or take back) only grants inside their own reach.
    private func checkGrantable(_ grant: Grant, by principal: Principal) async throws {
        if await access.isCityWide(principal, for: .usersManage) { return }
        guard let region = grant.regionCode, await access.covers(principal, region: region, for: .usersManage) else {
            throw Problem(
                status: .forbidden, slug: "grant-out-of-scope", title: "Grant outside your scope",
                detail: "you can grant roles only within your own regions", detailZH: "只能在您管辖的区域内授权")
        }
    }
}

extension FinegrainRequestContext {
    /// The signed-in caller; the access middleware guarantees one on non-public routes.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw Problem.unauthenticated("sign in first", "请先登录") }
        return principal
    }
}
