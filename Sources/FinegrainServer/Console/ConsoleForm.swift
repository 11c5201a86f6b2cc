import FinegrainCore
import Foundation
import Hummingbird

/// A console form post: its fields (form-urlencoded or multipart) and files, read only after the
/// session's CSRF token in the `csrf_token` field has been checked. This is the one way a console
/// handler reads a body, so no console form can skip the check (the middleware leaves the header
/// check to it for `/console` routes).
struct ConsoleForm {
    var fields: [String: [String]]
    var files: [MultipartForm.File]

    static let maxBytes = 12 * 1024 * 1024

    static func read(_ request: Request, context: FinegrainRequestContext) async throws -> ConsoleForm {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: maxBytes) } catch {
            throw Problem(status: .contentTooLarge, slug: "too-large", title: "Content too large", detail: "the form is too large", detailZH: "提交内容过大")
        }
        let data = Data(buffer.readableBytesView)
        let contentType = request.headers[.contentType] ?? ""
        var form: ConsoleForm
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            do {
                let parsed = try MultipartForm(body: data, contentType: contentType)
                form = ConsoleForm(fields: parsed.fields, files: parsed.files.filter { !$0.data.isEmpty })
            } catch {
                throw Problem.invalidBody("(body)", error.description, "表单格式错误")
            }
        } else {
            form = ConsoleForm(fields: Open311Parameters(query: nil, body: String(decoding: data, as: UTF8.self)).values, files: [])
        }
        guard case .session(_, let csrf)? = context.principal?.credential else { return form }
        let presented = form.string("csrf_token") ?? request.headers[.csrfToken] ?? ""
        guard !presented.isEmpty, constantTimeEquals(presented, csrf) else {
            throw Problem(
                status: .forbidden, slug: "csrf-token-invalid", title: "Missing or wrong CSRF token",
                detail: "the form is stale; reload the page and try again", detailZH: "页面已过期，请刷新后重试")
        }
        return form
    }

    /// The first non-empty value of a field, trimmed.
    func string(_ name: String) -> String? {
        fields[name]?.lazy.map { $0.trimmed() }.first { !$0.isEmpty }
    }

    func double(_ name: String) -> Double? { string(name).flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } }
    func int(_ name: String) -> Int? { string(name).flatMap(Int.init) }
    func bool(_ name: String) -> Bool? { string(name).map { ["true", "1", "yes", "on"].contains($0.lowercased()) } }
}
