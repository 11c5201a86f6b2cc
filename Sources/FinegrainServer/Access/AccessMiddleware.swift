import FinegrainCore
import Foundation
import Logging
public import Hummingbird
public import HTTPTypes

/// Authentication and authorization, in one place, for every route:
///
/// 1. **Who**: a `Authorization: Bearer fgk_…` API key, else the `fg_session` cookie. A bearer
///    token that does not check out is refused at once (401); a stale cookie just means anonymous.
/// 2. **May they**: the route's declared ``Permission`` from ``RoutePermissions``. An undeclared
///    route is refused (500, fail closed). Anonymous callers of non-public routes get 401;
///    callers without the permission 403; callers who must change their initial password get 403
///    everywhere but their own account routes.
/// 3. **Forgery**: requests that change something under a cookie session must echo the session's
///    CSRF token in `X-CSRF-Token`. (API keys are not sent by browsers on their own, so they need none.)
///    Console forms (`/console/…`) send it as the `csrf_token` field instead; ``ConsoleForm`` checks it
///    before any console handler can read a body. Signed-out console visitors are sent to the sign-in page.
///
/// Record-level scope (a district's user may not see another district's records) is decided by
/// the handlers with ``AccessControl``, answering 404 so that nothing is revealed.
public struct AccessMiddleware: RouterMiddleware {
    public typealias Context = FinegrainRequestContext

    let access: AccessControl
    let permissions: RoutePermissions

    public init(access: AccessControl, permissions: RoutePermissions) {
        self.access = access
        self.permissions = permissions
    }

    public static let sessionCookie = "fg_session"

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if access.settings.trustForwardedHeaders, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").first {
            context.clientAddress = forwarded.trimmed()
        }
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer "),
                let principal = try await access.principal(apiKeyToken: authorization.dropFirst(7).trimmed())
            else {
                throw Problem.unauthenticated("the API key is not valid, has expired or was revoked", "API 密钥无效、已过期或已吊销")
            }
            context.principal = principal
        } else if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
            context.principal = try await access.principal(sessionToken: token)
        }

        guard let endpoint = context.endpointPath else {
            // No route: 405 when the path exists with other methods, else the router's 404.
            let allowed = permissions.methods(matching: request.uri.path)
            if !allowed.isEmpty {
                throw Problem(
                    status: .methodNotAllowed, slug: "method-not-allowed", title: "Method not allowed",
                    detail: "this resource accepts \(allowed.joined(separator: ", "))", detailZH: "该资源只接受 \(allowed.joined(separator: "、"))",
                    headers: [.allow: allowed.joined(separator: ", ")])
            }
            return try await next(request, context)
        }
        guard let permission = permissions.permission(request.method, endpoint) else {
            context.logger.error("route without a declared permission", metadata: ["route": "\(request.method) \(endpoint)"])
            throw Problem(
                status: .internalServerError, slug: "undeclared-route", title: "Route without permission",
                detail: "this route declares no permission and is refused", detailZH: "该路由未声明权限，已拒绝")
        }
        if permission == .public { return try await next(request, context) }
        let console = endpoint.hasPrefix("/console")
        guard let principal = context.principal else {
            if console {
                // A person in a browser: to the sign-in page, and back here afterwards.
                let here = request.uri.path + (request.method == .get ? (request.uri.query.map { "?" + $0 } ?? "") : "")
                return Response(status: .seeOther, headers: [.location: "/console/login?next=" + ConsolePage.escapeQuery(here), .cacheControl: "no-store"])
            }
            throw Problem.unauthenticated("sign in or present an API key", "请先登录或提供 API 密钥")
        }
        if console && principal.mustChangePassword && permission != .authenticated {
            return Response(status: .seeOther, headers: [.location: "/console/password", .cacheControl: "no-store"])
        }
        if principal.mustChangePassword && permission != .authenticated {
            throw Problem(
                status: .forbidden, slug: "password-change-required", title: "Password change required",
                detail: "change the initial password first (POST /api/v1/auth/password)", detailZH: "请先修改初始密码")
        }
        guard principal.has(permission, policy: access.settings.policy) else {
            throw Problem(
                status: .forbidden, slug: "forbidden", title: "Forbidden",
                detail: "your roles do not allow this (needs \(permission.rawValue))", detailZH: "您的角色无此权限（需要 \(permission.rawValue)）")
        }
        // Console forms carry the token in a field, checked by ``ConsoleForm`` before a body is read.
        if !console, case .session(_, let csrf) = principal.credential, ![.get, .head, .options].contains(request.method) {
            let presented = request.headers[.csrfToken] ?? ""
            guard !presented.isEmpty, constantTimeEquals(presented, csrf) else {
                throw Problem(
                    status: .forbidden, slug: "csrf-token-invalid", title: "Missing or wrong CSRF token",
                    detail: "send the session's CSRF token in the X-CSRF-Token header", detailZH: "请在 X-CSRF-Token 头中提供会话的 CSRF 令牌")
            }
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    /// `X-CSRF-Token`.
    public static let csrfToken = HTTPField.Name("X-CSRF-Token")!
    /// `X-Forwarded-For`.
    public static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    /// `X-Forwarded-Proto`.
    public static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}

extension Problem {
    /// 401: no or bad credentials.
    static func unauthenticated(_ detail: String, _ detailZH: String) -> Problem {
        Problem(
            status: .unauthorized, slug: "authentication-required", title: "Authentication required", detail: detail, detailZH: detailZH,
            headers: [.wwwAuthenticate: "Bearer realm=\"finegrain\""])
    }
}
