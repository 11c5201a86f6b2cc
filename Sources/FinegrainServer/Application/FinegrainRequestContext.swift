public import Foundation
public import FinegrainCore
public import Hummingbird

/// The request context of every route: Hummingbird's core storage plus the request id that is
/// logged with every line and returned in the `X-Request-Id` header.
public struct FinegrainRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``RequestLifecycleMiddleware``.
    public var requestID: String
    /// The caller, once ``AccessMiddleware`` has resolved their credentials; `nil` if anonymous.
    public var principal: Principal?
    /// The client's IP address (the peer, or `X-Forwarded-For` behind a trusted proxy).
    public var clientAddress: String?

    /// JSON responses with sorted keys and unescaped slashes: stable, diffable output.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
