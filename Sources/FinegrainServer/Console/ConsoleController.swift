import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// The console's frame: sign-in and sign-out, password change, language switch and the static
/// files (one stylesheet, one small script).
///
/// - `GET|POST /console/login` — the form; a good sign-in sets the session cookie and goes to `next`;
/// - `POST /console/logout`; `GET|POST /console/password`; `GET /console/lang?to=en&next=…`;
/// - `GET /console/static/{file}` — `console.css`, `console.js`, long-cached.
struct ConsoleController: Sendable {
    let access: AccessControl
    let pages: ConsolePage

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("console/login", .public, use: loginForm)
        routes.post("console/login", .public, use: login)
        routes.post("console/logout", .authenticated, use: logout)
        routes.get("console/password", .authenticated, use: passwordForm)
        routes.post("console/password", .authenticated, use: changePassword)
        routes.get("console/lang", .public, use: language)
        routes.get("console/static/{file}", .public, use: staticFile)
    }

    @Sendable func loginForm(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        if context.principal != nil { return ConsolePage.redirect(ConsolePage.safeNext(request.uri.queryParameters["next"].map(String.init))) }
        return await loginPage(request, context, error: nil, username: "")
    }

    func loginPage(_ request: Request, _ context: FinegrainRequestContext, error: String?, username: String, status: HTTPResponse.Status = .ok) async -> Response {
        let language = ConsoleLanguage(request)
        return await pages.render(
            "console-login", title: language.strings["sign_in"] ?? "",
            model: ["error": error as Any, "username": username, "next": ConsolePage.safeNext(request.uri.queryParameters["next"].map(String.init))],
            request: request, context: context, status: status)
    }

    @Sendable func login(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let form = try await ConsoleForm.read(request, context: context)
        let username = form.string("username") ?? ""
        let language = ConsoleLanguage(request)
        do {
            let (user, token, _) = try await access.signIn(
                username: username, password: form.fields["password"]?.first ?? "", address: context.clientAddress ?? "unknown",
                userAgent: request.headers[.userAgent], requestID: context.requestID, logger: context.logger)
            let next = user.mustChangePassword ? "/console/password" : ConsolePage.safeNext(form.string("next"))
            var response = ConsolePage.redirect(next)
            response.setCookie(access.sessionCookie(token, request))
            return response
        } catch let problem as Problem {
            // The form again with the reason; 429 stays (with Retry-After), a refused password is a page, not a 401 challenge.
            let status: HTTPResponse.Status = problem.status == .tooManyRequests ? .tooManyRequests : .ok
            var response = await loginPage(request, context, error: language.message(for: problem), username: username, status: status)
            if let retry = problem.headers[.retryAfter] { response.headers[.retryAfter] = retry }
            return response
        }
    }

    @Sendable func logout(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        _ = try await ConsoleForm.read(request, context: context)
        if case .session(let id, _)? = context.principal?.credential {
            try await access.store.revokeSession(tokenHash: id, actor: access.actor(context))
        }
        var response = ConsolePage.redirect("/console/login")
        response.setCookie(access.sessionCookie(nil, request))
        return response
    }

    @Sendable func passwordForm(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        await passwordPage(request, context, error: nil)
    }

    func passwordPage(_ request: Request, _ context: FinegrainRequestContext, error: String?, status: HTTPResponse.Status = .ok) async -> Response {
        let language = ConsoleLanguage(request)
        return await pages.render(
            "console-password", title: language.strings["change_password"] ?? "",
            model: ["error": error as Any, "mustChange": context.principal?.mustChangePassword ?? false], request: request, context: context, status: status)
    }

    @Sendable func changePassword(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let form = try await ConsoleForm.read(request, context: context)
        let language = ConsoleLanguage(request)
        guard let principal = context.principal else { return ConsolePage.redirect("/console/login") }
        let new = form.fields["new_password"]?.first ?? ""
        guard new == form.fields["repeat_password"]?.first ?? "" else {
            return await passwordPage(request, context, error: language.pick("两次输入的新密码不一致。", "The new passwords differ."), status: .unprocessableContent)
        }
        do {
            try await access.changePassword(principal, current: form.fields["current_password"]?.first ?? "", new: new, actor: access.actor(context))
        } catch let problem as Problem {
            return await passwordPage(request, context, error: language.message(for: problem), status: problem.status)
        }
        return ConsolePage.redirect("/console?notice=" + ConsolePage.escapeQuery(language.pick("密码已修改。", "Password changed.")))
    }

    @Sendable func language(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let to = request.uri.queryParameters["to"].flatMap { ConsoleLanguage(rawValue: String($0)) } ?? .zh
        var response = ConsolePage.redirect(ConsolePage.safeNext(request.uri.queryParameters["next"].map(String.init)))
        response.setCookie(Cookie(name: ConsoleLanguage.cookie, value: to.rawValue, maxAge: 365 * 86_400, path: "/", secure: access.secureCookies(request), httpOnly: true, sameSite: .lax))
        return response
    }

    static let staticFiles: [String: (type: String, data: Data)] = {
        var files: [String: (String, Data)] = [:]
        for (name, type) in [("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8")] {
            if let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "static"), let data = try? Data(contentsOf: url) {
                files[name] = (type, data)
            }
        }
        return files
    }()

    @Sendable func staticFile(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        guard let file = Self.staticFiles[try context.parameters.require("file")] else { throw Problem.notFound("file", "文件") }
        return Response(
            status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}
