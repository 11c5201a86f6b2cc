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
        let settings = access.settings
        let (user, token, session) = try await access.signIn(
            username: username, password: body.password, address: context.clientAddress ?? "unknown", userAgent: request.headers[.userAgent],
            requestID: context.requestID, logger: context.logger)
        context.logger.info("signed in", metadata: ["username": "\(username)"])
        var response = try SessionDTO(
            user: UserDTO(user, showPhone: true), csrfToken: session.csrfToken, expiresAt: session.expiresAt,
            mustChangePassword: user.mustChangePassword
        ).response(from: request, context: context)
        response.setCookie(access.sessionCookie(token, request))
        return response
    }

    @Sendable func logout(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        if case .session(let id, _)? = context.principal?.credential {
            try await access.store.revokeSession(tokenHash: id, actor: access.actor(context))
        }
        var response = Response(status: .noContent)
        response.setCookie(access.sessionCookie(nil, request))
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
        guard let principal = context.principal else { throw Problem.unauthenticated("sign in first", "请先登录") }
        try await access.changePassword(principal, current: body.currentPassword, new: body.newPassword, actor: access.actor(context))
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
        access.verifiedKeys.forgetAll()
        return .noContent
    }

}
