import FinegrainCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders console pages: every page template is a child of `console-layout` (Mustache
/// inheritance) and gets the same frame — language, words, the signed-in person, the menu their
/// permissions open, the CSRF token for forms, and a one-time notice.
struct ConsolePage: Sendable {
    let access: AccessControl

    static var library: MustacheLibrary { Templates.library }

    struct MenuItem {
        var key: String
        var path: String
        var permission: Permission
    }

    static let menu: [MenuItem] = [
        MenuItem(key: "queue", path: "/console", permission: .casesRead),
        MenuItem(key: "all_cases", path: "/console/cases", permission: .casesRead),
        MenuItem(key: "report", path: "/console/report", permission: .casesReport),
        MenuItem(key: "map", path: "/console/map", permission: .casesRead),
        MenuItem(key: "dashboard", path: "/console/dashboard", permission: .casesRead),
        MenuItem(key: "evaluation", path: "/console/evaluation", permission: .evaluationRead),
        MenuItem(key: "admin", path: "/console/admin/regions", permission: .usersRead),
    ]

    /// A full page: `template` with `model` inside the layout.
    func render(_ template: String, title: String, model: [String: Any], request: Request, context: FinegrainRequestContext, status: HTTPResponse.Status = .ok) async -> Response {
        let language = ConsoleLanguage(request)
        // `nil` wrapped in `Any` would render as "nil": absent values are left out instead.
        var page = model.filter { !Self.isNil($0.value) }
        var t = language.strings
        t["title"] = title
        page["t"] = t
        page["lang"] = language.htmlLang
        page["title"] = title
        page["switchLang"] = ["label": language.switchLabel, "href": "/console/lang?to=\(language.other.rawValue)&next=\(Self.escapeQuery(request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")))"]
        page["path"] = request.uri.path
        if let principal = context.principal {
            let policy = access.settings.policy
            page["user"] = ["name": principal.displayName, "username": principal.username, "roles": principal.grants.map { language.pick($0.role.nameZH, $0.role.nameEN) }.joined(separator: " · ")]
            page["menu"] = Self.menu.filter { principal.has($0.permission, policy: policy) }.map {
                ["label": t[$0.key] ?? $0.key, "href": $0.path, "current": $0.path == request.uri.path]
            }
            if case .session(_, let csrf) = principal.credential { page["csrf"] = csrf }
        }
        if let notice = request.uri.queryParameters["notice"] { page["notice"] = String(notice) }
        let html = Self.library.render(page, withTemplate: template) ?? "<!DOCTYPE html><title>\(template)</title><p>template \(template) missing</p>"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }

    /// Previous/next links that keep the page's other query parameters (not a one-time notice).
    static func pager(_ request: Request, page: Int, pages: Int, text: String) -> [String: Any] {
        func link(_ n: Int) -> String {
            var items = request.uri.queryParameters.filter { $0.key != "page" && $0.key != "notice" }.map { "\($0.key)=\(escapeQuery(String($0.value)))" }
            items.append("page=\(n)")
            return request.uri.path + "?" + items.joined(separator: "&")
        }
        var links: [String: Any] = ["text": text]
        if page > 1 { links["previous"] = link(page - 1) }
        if page < pages { links["next"] = link(page + 1) }
        return links
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func escapeQuery(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? text
    }

    /// A local path to go back to after signing in (never another site).
    static func safeNext(_ value: String?) -> String {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.contains("\\") else { return "/console" }
        return value
    }
}
