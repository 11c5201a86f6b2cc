import FinegrainCore
@testable import FinegrainServer
import Foundation
import Testing

@Suite("VerifiedKeyCache — a verified key is remembered for seconds, never past its expiry, forgotten on change")
struct VerifiedKeyCacheTests {
    static let principal = Principal(
        userID: "u", username: "u", displayName: "U", grants: [], mustChangePassword: false, credential: .apiKey(id: "k", permissions: nil))

    @Test("lifetime, the key's own expiry, and forgetting")
    func lifetime() {
        let cache = VerifiedKeyCache(lifetime: 5)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        cache.remember(Self.principal, for: "fgk_a_secret", keyExpiresAt: now.addingTimeInterval(3600), now: now)
        #expect(cache.principal(for: "fgk_a_secret", now: now.addingTimeInterval(4))?.userID == "u")
        #expect(cache.principal(for: "fgk_a_secret", now: now.addingTimeInterval(5)) == nil)
        #expect(cache.principal(for: "fgk_a_other", now: now) == nil)

        cache.remember(Self.principal, for: "fgk_b_secret", keyExpiresAt: now.addingTimeInterval(2), now: now)
        #expect(cache.principal(for: "fgk_b_secret", now: now.addingTimeInterval(1)) != nil)
        #expect(cache.principal(for: "fgk_b_secret", now: now.addingTimeInterval(2)) == nil)

        cache.remember(Self.principal, for: "fgk_c_secret", keyExpiresAt: now.addingTimeInterval(3600), now: now)
        cache.forgetAll()
        #expect(cache.principal(for: "fgk_c_secret", now: now) == nil)
    }
}
