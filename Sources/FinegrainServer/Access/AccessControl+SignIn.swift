import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird
import Logging

extension AccessControl {
    /// Signs a person in — the one path of the API and the console: throttling (per account and per
    /// address), an equal-time check for unknown users, the attempt and its outcome audited, and a
    /// new session. Throws 429 or 401 problem details.
    func signIn(
        username: String, password: String, address: String, userAgent: String?, requestID: String?, logger: Logger
    ) async throws -> (user: UserAccount, token: String, session: SessionRecord) {
        let now = Date()
        let failures = try await store.recentLoginFailures(
            username: username, address: address, since: now.addingTimeInterval(-Double(settings.throttleWindow.components.seconds)))
        var actor = AuditActor(userID: nil, name: username, role: nil, address: address, requestID: requestID)
        if failures.account >= settings.maxFailuresPerAccount || failures.address >= settings.maxFailuresPerAddress {
            try await store.recordAudit(actor: actor, action: "login.throttled", targetType: "user", targetID: nil, details: ["username": username])
            throw Problem(
                status: .tooManyRequests, slug: "too-many-attempts", title: "Too many failed sign-ins",
                detail: "too many failed sign-ins; try again in \(settings.throttleWindow.components.seconds / 60) minutes",
                detailZH: "登录失败次数过多，请 \(settings.throttleWindow.components.seconds / 60) 分钟后再试",
                headers: [.retryAfter: String(settings.throttleWindow.components.seconds)])
        }
        let found = try await store.userCredentials(username: username)
        let valid = await verifyPassword(password, hash: found?.passwordHash)
        guard valid, let user = found?.user, !user.disabled else {
            actor.userID = found?.user.id
            try await store.recordLoginAttempt(username: username, address: address, success: false, actor: actor, now: now)
            logger.notice("sign-in failed", metadata: ["username": "\(username)", "address": "\(address)"])
            throw Problem.unauthenticated("wrong username or password, or the account is disabled", "用户名或密码错误，或账号已停用")
        }
        actor.userID = user.id
        try await store.recordLoginAttempt(username: username, address: address, success: true, actor: actor, now: now)
        try await store.recordLogin(userID: user.id)
        let (token, session) = try await store.createSession(
            userID: user.id, lifetime: settings.sessionLifetime, address: address, userAgent: userAgent, now: now)
        return (user, token, session)
    }

    /// Changes the caller's own password after checking the current one and the policy; other
    /// sessions and keys of the user end, the current session stays.
    func changePassword(_ principal: Principal, current: String, new: String, actor: AuditActor) async throws {
        guard let stored = try await store.userCredentials(username: principal.username) else {
            throw Problem.unauthenticated("sign in first", "请先登录")
        }
        guard await verifyPassword(current, hash: stored.passwordHash) else {
            throw Problem.unprocessable("current_password", "is wrong", "不正确")
        }
        if new == current {
            throw Problem.unprocessable("new_password", "must differ from the current password", "不能与当前密码相同")
        }
        try AuthController.checkStrength(new, username: principal.username)
        var keep: String?
        if case .session(let id, _) = principal.credential { keep = id }
        try await store.setPassword(userID: principal.userID, hash: await hashPassword(new), mustChange: false, isDefault: false, keepingSession: keep, actor: actor)
        verifiedKeys.forgetAll()
    }

    /// The session cookie for `token` (HttpOnly, SameSite=Lax, for the session's lifetime), or,
    /// with `nil`, the cookie that clears it on sign-out.
    func sessionCookie(_ token: String?, _ request: Request) -> Cookie {
        Cookie(
            name: AccessMiddleware.sessionCookie, value: token ?? "", maxAge: token == nil ? 0 : Int(settings.sessionLifetime.components.seconds), path: "/",
            secure: secureCookies(request), httpOnly: true, sameSite: .lax)
    }

    /// Whether cookies must be `Secure`: as configured, else when a trusted proxy reports HTTPS.
    func secureCookies(_ request: Request) -> Bool {
        if let configured = settings.secureCookies { return configured }
        return settings.trustForwardedHeaders && request.headers[.xForwardedProto]?.lowercased() == "https"
    }
}
