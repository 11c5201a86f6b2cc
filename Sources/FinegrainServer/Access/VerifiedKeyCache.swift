import FinegrainCore
import FinegrainStore
import Foundation
import Synchronization

/// Remembers, for a few seconds, the principal an API key was verified as — so that a client
/// filing hundreds of cases a second (a 12345 hotline bridge, a sensor gateway) does not cost
/// two database reads and a hash comparison on every request.
///
/// Why it is safe: an entry lives at most ``lifetime`` (5 s) and never past the key's own expiry;
/// revoking a key, changing a user (disable, grants) or a password on this server forgets every
/// entry at once, so here revocation is immediate and on another server of the same database it
/// takes effect within ``lifetime``. Entries are keyed by the SHA-256 of the token, never the
/// token itself.
///
/// ```swift
/// if let principal = cache.principal(for: token) { … }           // verified a moment ago
/// cache.remember(principal, for: token, keyExpiresAt: key.expiresAt)
/// cache.forgetAll()                                             // after a revocation
/// ```
final class VerifiedKeyCache: Sendable {
    private struct Entry {
        let principal: Principal
        let until: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval = 5, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The principal `token` was verified as, if that was less than ``lifetime`` ago.
    func principal(for token: String, now: Date = Date()) -> Principal? {
        let key = Secrets.hash(token)
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.until > now else {
                entries[key] = nil
                return nil
            }
            return entry.principal
        }
    }

    func remember(_ principal: Principal, for token: String, keyExpiresAt: Date, now: Date = Date()) {
        let entry = Entry(principal: principal, until: min(now.addingTimeInterval(lifetime), keyExpiresAt))
        let key = Secrets.hash(token)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }

    /// Forgets every verification (a key was revoked, a user or a password changed).
    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }
}
