import Foundation
import Hummingbird

/// Decodes a JSON request body into `T`, turning every decoding failure into a 400 problem that
/// names the field (`body.username`), instead of an opaque error.
func decodeBody<T: Decodable>(
    _ type: T.Type, from request: Request, context: FinegrainRequestContext, dates: JSONDecoder.DateDecodingStrategy = .deferredToDate
) async throws -> T {
    let buffer = try await request.body.collect(upTo: 64 * 1024)
    let data = Data(buffer.readableBytesView)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = dates
    do {
        return try decoder.decode(T.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
        let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        throw Problem.invalidBody(path, "is required", "为必填项")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        throw Problem.invalidBody(path, "has the wrong type", "类型错误")
    } catch let DecodingError.dataCorrupted(context) {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        throw Problem.invalidBody(path.isEmpty ? "(body)" : path, "is not valid: \(context.debugDescription)", "无效")
    } catch {
        throw Problem.invalidBody("(body)", "is not a JSON object", "不是 JSON 对象")
    }
}

extension Problem {
    /// 400: the request body is malformed; `field` names the part.
    static func invalidBody(_ field: String, _ detail: String, _ detailZH: String) -> Problem {
        Problem(
            status: .badRequest, slug: "invalid-body", title: "Invalid request body", detail: "\(field) \(detail)",
            detailZH: "\(field) \(detailZH)", errors: [FieldError(field: field, detail: detail, detailZH: detailZH)])
    }

    /// 422: the request is well-formed but breaks a rule (weak password, taken username, …).
    static func unprocessable(_ field: String, _ detail: String, _ detailZH: String) -> Problem {
        Problem(
            status: .unprocessableContent, slug: "validation-failed", title: "Validation failed", detail: "\(field) \(detail)",
            detailZH: "\(field) \(detailZH)", errors: [FieldError(field: field, detail: detail, detailZH: detailZH)])
    }
}
