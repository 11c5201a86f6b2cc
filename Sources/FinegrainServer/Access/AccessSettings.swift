public import FinegrainCore

/// The knobs of authentication, with defaults for a city deployment.
///
/// ```swift
/// var settings = AccessSettings()
/// settings.bcryptCost = 4      // tests only: fast, and weak
/// ```
public struct AccessSettings: Sendable {
    /// bcrypt work factor for new password hashes (12 ≈ a quarter second on a 2-core server).
    public var bcryptCost: UInt8 = 12
    /// A session ends after this long without a request.
    public var sessionIdleTimeout: Duration = .seconds(30 * 60)
    /// A session ends this long after sign-in, whatever happens.
    public var sessionLifetime: Duration = .seconds(12 * 3600)
    /// Default and longest lifetime of an API key.
    public var apiKeyDefaultLifetime: Duration = .seconds(90 * 86_400)
    public var apiKeyMaximumLifetime: Duration = .seconds(366 * 86_400)
    /// Sign-in throttling: failures counted over this window …
    public var throttleWindow: Duration = .seconds(15 * 60)
    /// … refuse an account after this many failures in the window …
    public var maxFailuresPerAccount = 5
    /// … and an address after this many.
    public var maxFailuresPerAddress = 20
    /// Mark cookies `Secure` (serve behind TLS). When `nil`, `Secure` is set when the request came
    /// over HTTPS according to `X-Forwarded-Proto`.
    public var secureCookies: Bool?
    /// Believe `X-Forwarded-For` / `X-Forwarded-Proto` (only behind a trusted reverse proxy).
    public var trustForwardedHeaders = false
    /// The role → permission table.
    public var policy: AccessPolicy = .standard

    public init() {}
}
