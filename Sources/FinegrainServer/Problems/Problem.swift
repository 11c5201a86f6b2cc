import FinegrainStore
import Foundation
public import Hummingbird

/// An error the API reports as RFC 9457 problem details (`application/problem+json`), with a
/// stable ``type`` URI, the HTTP status, and a message in English and Chinese.
///
/// Handlers throw problems; ``RequestLifecycleMiddleware`` renders any error as one, so a client
/// never sees anything but problem details on failure.
///
/// ```swift
/// throw Problem.invalidParameter("lat", "must be a number between -90 and 90", "必须是 -90 到 90 之间的数字")
/// ```
public struct Problem: Error, HTTPResponseError, Sendable {
    /// A field-level error inside a problem, e.g. one bad query parameter or one bad feature.
    public struct FieldError: Codable, Sendable, Hashable {
        public var field: String
        public var detail: String
        public var detailZH: String

        public init(field: String, detail: String, detailZH: String) {
            self.field = field
            self.detail = detail
            self.detailZH = detailZH
        }

        enum CodingKeys: String, CodingKey {
            case field, detail
            case detailZH = "detail_zh"
        }
    }

    public var status: HTTPResponse.Status
    /// The stable slug; the `type` member is `/problems/<slug>`.
    public var slug: String
    public var title: String
    public var detail: String
    public var detailZH: String
    public var errors: [FieldError]
    /// Extra response headers, e.g. `WWW-Authenticate` on 401 or `Retry-After` on 429.
    public var headers: HTTPFields

    public init(
        status: HTTPResponse.Status, slug: String, title: String, detail: String, detailZH: String, errors: [FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.detailZH = detailZH
        self.errors = errors
        self.headers = headers
    }

    /// The problem's `type` URI reference.
    public var type: String { "/problems/\(slug)" }

    /// A query or path parameter that is missing or malformed (400).
    public static func invalidParameter(_ name: String, _ detail: String, _ detailZH: String) -> Problem {
        Problem(
            status: .badRequest, slug: "invalid-parameter", title: "Invalid parameter",
            detail: "parameter \"\(name)\" \(detail)", detailZH: "参数 \(name) \(detailZH)",
            errors: [FieldError(field: name, detail: detail, detailZH: detailZH)])
    }

    /// A resource that does not exist — or that the caller may not know exists (404).
    public static func notFound(_ what: String, _ whatZH: String) -> Problem {
        Problem(status: .notFound, slug: "not-found", title: "Not found", detail: "\(what) was not found", detailZH: "未找到\(whatZH)")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try render(instance: request.uri.path, requestID: nil)
    }

    /// Renders the problem as a response.
    func render(instance: String, requestID: String?) throws -> Response {
        let body = ProblemBody(
            type: type, title: title, status: Int(status.code), detail: detail, detailZH: detailZH, instance: instance,
            requestID: requestID, errors: errors.isEmpty ? nil : errors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = self.headers
        headers[.contentType] = "application/problem+json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }
}

/// The JSON shape of problem details.
struct ProblemBody: Codable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var detailZH: String
    var instance: String
    var requestID: String?
    var errors: [Problem.FieldError]?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, errors
        case detailZH = "detail_zh"
        case requestID = "request_id"
    }
}

extension Problem {
    /// Any error as a problem: problems as they are, Hummingbird's HTTP errors by their status,
    /// anything else as an opaque 500 (its text is logged, never sent).
    static func from(_ error: any Error) -> Problem {
        if let problem = error as? Problem { return problem }
        if let conflict = error as? StoreConflict {
            switch conflict.kind {
            case .duplicate:
                return Problem(status: .conflict, slug: "conflict", title: "Conflict", detail: conflict.description, detailZH: conflict.descriptionZH)
            case .frozen:
                return Problem(status: .conflict, slug: "frozen", title: "Published and frozen", detail: conflict.description, detailZH: conflict.descriptionZH)
            case .missingReference, .invalid:
                return Problem(
                    status: .unprocessableContent, slug: "validation-failed", title: "Validation failed", detail: conflict.description,
                    detailZH: conflict.descriptionZH)
            case .notFound:
                return Problem(status: .notFound, slug: "not-found", title: "Not found", detail: conflict.description, detailZH: conflict.descriptionZH)
            }
        }
        if let http = error as? HTTPError {
            switch http.status {
            case .notFound:
                return Problem(status: .notFound, slug: "not-found", title: "Not found", detail: "no such resource", detailZH: "资源不存在")
            case .methodNotAllowed:
                return Problem(status: .methodNotAllowed, slug: "method-not-allowed", title: "Method not allowed",
                    detail: "this resource does not accept that method", detailZH: "该资源不支持此请求方法")
            case .contentTooLarge:
                return Problem(status: .contentTooLarge, slug: "too-large", title: "Content too large",
                    detail: "the request body is too large", detailZH: "请求体过大")
            default:
                return Problem(status: http.status, slug: "http-\(http.status.code)", title: http.status.reasonPhrase,
                    detail: http.body ?? http.status.reasonPhrase, detailZH: http.body ?? http.status.reasonPhrase)
            }
        }
        if let response = error as? any HTTPResponseError, response.status.code < 500 {
            return Problem(status: response.status, slug: "http-\(response.status.code)", title: response.status.reasonPhrase,
                detail: response.status.reasonPhrase, detailZH: response.status.reasonPhrase)
        }
        return Problem(status: .internalServerError, slug: "internal", title: "Internal server error",
            detail: "the server failed; the request id identifies the log entry", detailZH: "服务器内部错误，请凭请求编号查询日志")
    }
}
