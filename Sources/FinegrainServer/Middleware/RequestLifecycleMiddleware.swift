import Foundation
public import Hummingbird
import HTTPTypes
import Logging

/// The outermost middleware: gives each request an id (the caller's `X-Request-Id` when it is
/// well-formed, else a new one), renders any thrown error as problem details, returns the id in the
/// response, and writes exactly one structured log line per request.
public struct RequestLifecycleMiddleware: RouterMiddleware {
    public typealias Context = FinegrainRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let start = ContinuousClock.now
        let id = Self.acceptableID(request.headers[.requestID]) ?? context.id
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response: Response
        var failure: (any Error)?
        do {
            response = try await next(request, context)
        } catch {
            failure = error
            let problem = Problem.from(error)
            if request.uri.path.hasPrefix("/console") {
                response = ConsoleErrorPage.response(problem, language: ConsoleLanguage(request), requestID: id)
            } else {
                response = try problem.render(instance: request.uri.path, requestID: id)
            }
        }
        response.headers[.requestID] = id
        let elapsed = ContinuousClock.now - start
        // Hundredths of a millisecond, written without `String(format:)` (a Foundation formatter
        // call per request: 0.9 % of filing a case).
        let hundredths = elapsed.components.seconds * 100_000 + elapsed.components.attoseconds / 10_000_000_000_000
        let fraction = hundredths % 100
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string("\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"),
        ]
        if let route = context.endpointPath { metadata["route"] = .string(route) }
        if let failure {
            let problem = Problem.from(failure)
            metadata["problem"] = .string(problem.slug)
            metadata["error"] = .string(problem.status.code >= 500 ? String(reflecting: failure) : problem.detail)
            context.logger.log(level: response.status.code >= 500 ? .error : .info, "request", metadata: metadata)
        } else {
            context.logger.info("request", metadata: metadata)
        }
        return response
    }

    /// A caller-supplied id is reused only if it is short and plain, so logs cannot be forged.
    static func acceptableID(_ value: String?) -> String? {
        guard let value, (1...64).contains(value.count),
            value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        else { return nil }
        return value
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    public static let requestID = HTTPField.Name("X-Request-Id")!
}
