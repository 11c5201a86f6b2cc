import FinegrainCore
public import FinegrainStore
import Foundation
import HummingbirdBcrypt
import Hummingbird
import NIOCore

/// Authentication and scope decisions shared by the middleware and the controllers: resolving a
/// principal from credentials, hashing and checking passwords, and answering "may this caller
/// see that record?" with the region tree.
public struct AccessControl: Sendable {
    public let store: Store
    public let settings: AccessSettings
    let index: RegionIndex
    /// API keys verified a moment ago (forgotten on any revocation or user change here).
    let verifiedKeys = VerifiedKeyCache()

    public init(store: Store, settings: AccessSettings, index: RegionIndex) {
        self.store = store
        self.settings = settings
        self.index = index
    }

    var policy: AccessPolicy { settings.policy }

    // MARK: Passwords

    /// A bcrypt hash of `password`, computed off the event loop.
    public func hashPassword(_ password: String) async -> String {
        let cost = settings.bcryptCost
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    /// Checks `password` against `hash` off the event loop. With no hash (unknown user) it still
    /// spends the time of a check, so response times do not reveal which usernames exist.
    func verifyPassword(_ password: String, hash: String?) async -> Bool {
        let target = hash ?? Self.dummyHash
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: target) && hash != nil) }
        }
    }

    private static let dummyHash = Bcrypt.hash("finegrain-no-such-user", cost: 12)

    // MARK: Credentials → principal

    /// The principal an API key token names, or `nil` if the key is unknown, revoked, expired or its user disabled.
    func principal(apiKeyToken token: String, now: Date = Date()) async throws -> Principal? {
        if let known = verifiedKeys.principal(for: token, now: now) { return known }
        guard let key = try await store.apiKey(token: token), key.revokedAt == nil, key.expiresAt > now,
            let user = try await store.user(id: key.userID), !user.disabled
        else { return nil }
        if (key.lastUsedAt.map { now.timeIntervalSince($0) > 60 }) ?? true {
            try await store.touchAPIKey(id: key.id, now: now)
        }
        let principal = Principal(
            userID: user.id, username: user.username, displayName: user.displayName, grants: user.grants,
            mustChangePassword: user.mustChangePassword, credential: .apiKey(id: key.id, permissions: key.permissions))
        verifiedKeys.remember(principal, for: token, keyExpiresAt: key.expiresAt, now: now)
        return principal
    }

    /// The principal a session cookie names, or `nil` if the session is unknown, revoked, expired,
    /// idle too long, or its user disabled.
    func principal(sessionToken token: String, now: Date = Date()) async throws -> Principal? {
        guard let session = try await store.session(token: token), !session.revoked, session.expiresAt > now,
            now.timeIntervalSince(session.lastSeenAt) < Double(settings.sessionIdleTimeout.components.seconds),
            let user = try await store.user(id: session.userID), !user.disabled
        else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            try await store.touchSession(tokenHash: session.tokenHash, now: now)
        }
        return Principal(
            userID: user.id, username: user.username, displayName: user.displayName, grants: user.grants,
            mustChangePassword: user.mustChangePassword, credential: .session(id: session.tokenHash, csrfToken: session.csrfToken))
    }

    // MARK: Scope

    /// Whether the caller's grants holding `permission` reach `region`.
    func covers(_ principal: Principal, region: String, for permission: Permission) async -> Bool {
        principal.covers(region: region, for: permission, policy: policy, hierarchy: await index.locator)
    }

    /// Whether the caller holds `permission` over the whole city.
    func isCityWide(_ principal: Principal, for permission: Permission) async -> Bool {
        principal.isCityWide(for: permission, policy: policy, hierarchy: await index.locator)
    }

    /// Whether a user record is within the caller's reach for `permission`: city-wide callers see
    /// everyone; others see users all of whose grants lie inside their regions.
    func canSee(_ user: UserAccount, _ principal: Principal, for permission: Permission) async -> Bool {
        if user.id == principal.userID { return true }
        let locator = await index.locator
        if principal.isCityWide(for: permission, policy: policy, hierarchy: locator) { return true }
        guard !user.grants.isEmpty else { return false }
        return user.grants.allSatisfy { grant in
            guard let region = grant.regionCode else { return false }
            return principal.covers(region: region, for: permission, policy: policy, hierarchy: locator)
        }
    }

    /// Whether a department is within the caller's reach.
    func canSee(_ department: Department, _ principal: Principal, for permission: Permission) async -> Bool {
        let locator = await index.locator
        if principal.isCityWide(for: permission, policy: policy, hierarchy: locator) { return true }
        guard let region = department.regionCode else { return false }
        return principal.covers(region: region, for: permission, policy: policy, hierarchy: locator)
    }

    /// The audit actor for a request: the caller, acting in the first role that holds `permission`.
    func actor(_ context: FinegrainRequestContext, permission: Permission? = nil) -> AuditActor {
        let principal = context.principal
        let role = permission.flatMap { p in principal?.grants.first { policy.permissions(of: $0.role).contains(p) }?.role }
            ?? principal?.grants.first?.role
        return AuditActor(
            userID: principal?.userID, name: principal?.username ?? "anonymous", role: role, address: context.clientAddress,
            requestID: context.requestID)
    }
}
