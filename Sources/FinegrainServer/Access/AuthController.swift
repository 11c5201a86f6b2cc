import FinegrainCore
import FinegrainStore
import Foundation
import Logging
import Hummingbird

/// Signing in and out, one's own password, profile and API keys:
///
/// - `POST /api/v1/auth/login` (public) `{"username","password"}` → session cookie + CSRF token;
///   throttled per account and per address;
/// - `POST /api/v1/auth/logout`, `POST /api/v1/auth/password` `{"current_password","new_password"}`;
/// - `GET /api/v1/me` — who am I, my grants and permissions;
/// - `GET|POST /api/v1/me/api-keys`, `DELETE /api/v1/me/api-keys/{id}`.
public struct AuthController: Sendable {
    let access: AccessControl

    public init(access: AccessControl) { self.access = access }

    public func addRoutes(to routes: SecuredRoutes) {
        routes.post("auth/login", .public, use: login)
        routes.post("auth/logout", .authenticated, use: logout)
        routes.post("auth/password", .authenticated, use: changePassword)
        routes.get("me", .authenticated, use: me)
        routes.get("me/api-keys", .authenticated, use: listKeys)
        routes.post("me/api-keys", .authenticated, use: createKey)
        routes.delete("me/api-keys/{id}", .authenticated, use: revokeKey)
    }

    struct LoginBody: Decodable {
        var username: String
        var password: String
    }

    struct SessionDTO: ResponseEncodable {
        var user: UserDTO
        var csrfToken: String
        var expiresAt: Date
        var mustChangePassword: Bool

        enum CodingKeys: String, CodingKey {
            case user
            case csrfToken = "csrf_token"
            case expiresAt = "expires_at"
            case mustChangePassword = "must_change_password"
        }
    }

    @Sendable func login(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let body = try await decodeBody(LoginBody.self, from: request, context: context)
        let username = body.username.trimmingCharacters(in: .whitespaces)
        let address = context.clientAddress ?? "unknown"
        let settings = access.settings
        let now = Date()
        let failures = try await access.store.recentLoginFailures(
            username: username, address: address, since: now.addingTimeInterval(-Double(settings.throttleWindow.components.seconds)))
        var actor = AuditActor(userID: nil, name: username, role: nil, address: address, requestID: context.requestID)
        if failures.account >= settings.maxFailuresPerAccount || failures.address >= settings.maxFailuresPerAddress {
            try await access.store.recordAudit(actor: actor, action: "login.throttled", targetType: "user", targetID: nil, details: ["username": username])
            throw Problem(
                status: .tooManyRequests, slug: "too-many-attempts", title: "Too many failed sign-ins",
                detail: "too many failed sign-ins; try again in \(settings.throttleWindow.components.seconds / 60) minutes",
                detailZH: "登录失败次数过多，请 \(settings.throttleWindow.components.seconds / 60) 分钟后再试",
                headers: [.retryAfter: String(settings.throttleWindow.components.seconds)])
        }
        let found = try await access.store.userCredentials(username: username)
        let valid = await access.verifyPassword(body.password, hash: found?.passwordHash)
        guard valid, let user = found?.user, !user.disabled else {
            actor.userID = found?.user.id
            try await access.store.recordLoginAttempt(username: username, address: address, success: false, actor: actor, now: now)
            context.logger.notice("sign-in failed", metadata: ["username": "\(username)", "address": "\(address)"])
            throw Problem.unauthenticated("wrong username or password, or the account is disabled", "用户名或密码错误，或账号已停用")
        }
        actor.userID = user.id
        try await access.store.recordLoginAttempt(username: username, address: address, success: true, actor: actor, now: now)
        try await access.store.recordLogin(userID: user.id)
        let (token, session) = try await access.store.createSession(
            userID: user.id, lifetime: settings.sessionLifetime, address: address, userAgent: request.headers[.userAgent], now: now)
        context.logger.info("signed in", metadata: ["username": "\(username)"])
        var response = try SessionDTO(
            user: UserDTO(user, showPhone: true), csrfToken: session.csrfToken, expiresAt: session.expiresAt,
            mustChangePassword: user.mustChangePassword
        ).response(from: request, context: context)
        response.setCookie(
            Cookie(
                name: AccessMiddleware.sessionCookie, value: token, maxAge: Int(settings.sessionLifetime.components.seconds), path: "/",
                secure: secureCookies(request), httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func logout(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        if case .session(let id, _)? = context.principal?.credential {
            try await access.store.revokeSession(tokenHash: id, actor: access.actor(context))
        }
        var response = Response(status: .noContent)
        response.setCookie(Cookie(name: AccessMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: secureCookies(request), httpOnly: true, sameSite: .lax))
        return response
    }

    struct PasswordBody: Decodable {
        var currentPassword: String
        var newPassword: String

        enum CodingKeys: String, CodingKey {
            case currentPassword = "current_password"
            case newPassword = "new_password"
        }
    }

    @Sendable func changePassword(_ request: Request, context: FinegrainRequestContext) async throws -> HTTPResponse.Status {
        let body = try await decodeBody(PasswordBody.self, from: request, context: context)
        guard let principal = context.principal, let current = try await access.store.userCredentials(username: principal.username) else {
            throw Problem.unauthenticated("sign in first", "请先登录")
        }
        guard await access.verifyPassword(body.currentPassword, hash: current.passwordHash) else {
            throw Problem.unprocessable("current_password", "is wrong", "不正确")
        }
        if body.newPassword == body.currentPassword {
            throw Problem.unprocessable("new_password", "must differ from the current password", "不能与当前密码相同")
        }
        try Self.checkStrength(body.newPassword, username: principal.username)
        var keep: String?
        if case .session(let id, _) = principal.credential { keep = id }
        try await access.store.setPassword(
            userID: principal.userID, hash: await access.hashPassword(body.newPassword), mustChange: false, isDefault: false,
            keepingSession: keep, actor: access.actor(context))
        return .noContent
    }

    /// Refuses a weak password with every reason, as a 422 problem (shared by every route that sets one).
    static func checkStrength(_ password: String, username: String) throws {
        let problems = PasswordPolicy.standard.problems(in: password, username: username)
        guard problems.isEmpty else {
            throw Problem(
                status: .unprocessableContent, slug: "weak-password", title: "Password too weak",
                detail: "the password " + problems.map(\.en).joined(separator: "; "), detailZH: "密码" + problems.map(\.zh).joined(separator: "；"),
                errors: problems.map { Problem.FieldError(field: "new_password", detail: $0.en, detailZH: $0.zh) })
        }
    }

    struct MeDTO: ResponseEncodable {
        var user: UserDTO
        var permissions: [String]
        var csrfToken: String?
        var credential: String

        enum CodingKeys: String, CodingKey {
            case user, permissions, credential
            case csrfToken = "csrf_token"
        }
    }

    @Sendable func me(_ request: Request, context: FinegrainRequestContext) async throws -> MeDTO {
        guard let principal = context.principal, let user = try await access.store.user(id: principal.userID) else {
            throw Problem.unauthenticated("sign in first", "请先登录")
        }
        let permissions = Permission.allCases.filter { principal.has($0, policy: access.settings.policy) }.map { $0.rawValue }
        var csrf: String?
        var credential = "api_key"
        if case .session(_, let token) = principal.credential {
            csrf = token
            credential = "session"
        }
        return MeDTO(user: UserDTO(user, showPhone: true), permissions: permissions, csrfToken: csrf, credential: credential)
    }

    @Sendable func listKeys(_ request: Request, context: FinegrainRequestContext) async throws -> ListDTO<APIKeyDTO> {
        guard let principal = context.principal else { throw Problem.unauthenticated("sign in first", "请先登录") }
        let keys = try await access.store.apiKeys(userID: principal.userID).map(APIKeyDTO.init)
        return ListDTO(items: keys, total: keys.count)
    }

    struct NewKeyBody: Decodable {
        var name: String
        var expiresInDays: Int?
        var permissions: [Permission]?

        enum CodingKeys: String, CodingKey {
            case name, permissions
            case expiresInDays = "expires_in_days"
        }
    }

    @Sendable func createKey(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw Problem.unauthenticated("sign in first", "请先登录") }
        let body = try await decodeBody(NewKeyBody.self, from: request, context: context)
        let name = body.name.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count) else { throw Problem.unprocessable("name", "must have 1 to 100 characters", "须为 1 到 100 个字符") }
        let maxDays = Int(access.settings.apiKeyMaximumLifetime.components.seconds / 86_400)
        let days = body.expiresInDays ?? Int(access.settings.apiKeyDefaultLifetime.components.seconds / 86_400)
        guard (1...maxDays).contains(days) else {
            throw Problem.unprocessable("expires_in_days", "must be between 1 and \(maxDays)", "须在 1 到 \(maxDays) 之间")
        }
        if let wanted = body.permissions {
            let missing = wanted.filter { !principal.has($0, policy: access.settings.policy) }
            guard missing.isEmpty else {
                throw Problem.unprocessable("permissions", "exceed your own: \(missing.map(\.rawValue).joined(separator: ", "))", "超出您自己的权限")
            }
        }
        if case .apiKey = principal.credential {
            throw Problem(
                status: .forbidden, slug: "forbidden", title: "Forbidden", detail: "an API key cannot create API keys; sign in",
                detailZH: "API 密钥不能创建新的密钥，请登录后操作")
        }
        let created = try await access.store.createAPIKey(
            userID: principal.userID, name: name, permissions: body.permissions.map(Set.init),
            expiresAt: Date().addingTimeInterval(Double(days) * 86_400), actor: access.actor(context))
        var response = try CreatedAPIKeyDTO(key: APIKeyDTO(created.key), token: created.token).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func revokeKey(_ request: Request, context: FinegrainRequestContext) async throws -> HTTPResponse.Status {
        guard let principal = context.principal else { throw Problem.unauthenticated("sign in first", "请先登录") }
        try await access.store.revokeAPIKey(id: try context.parameters.require("id"), userID: principal.userID, actor: access.actor(context))
        return .noContent
    }

    func secureCookies(_ request: Request) -> Bool {
        if let configured = access.settings.secureCookies { return configured }
        return access.settings.trustForwardedHeaders && request.headers[.xForwardedProto]?.lowercased() == "https"
    }
}
