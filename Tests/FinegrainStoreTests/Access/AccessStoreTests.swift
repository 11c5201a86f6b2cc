import FinegrainCore
import FinegrainStore
import FinegrainTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Store — people, credentials and the audit trail, on every test database")
struct AccessStoreTests {
    static let actor = AuditActor(userID: nil, name: "test", role: .administrator, address: "127.0.0.1", requestID: "req-1")

    static func seed(_ store: Store) async throws -> UserAccount {
        try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
        try await store.createDepartment(
            Department(id: "d1", name: "张店区环卫", kind: .disposalUnit, creditCode: "9144030071526726XG", parentID: nil, regionCode: "370303"),
            actor: actor)
        let user = UserAccount(
            id: "u1", username: "li.na", displayName: "李娜", phone: "13800000000", departmentID: "d1",
            grants: [Grant(role: .departmentHandler, regionCode: "370303", departmentID: "d1")])
        try await store.createUser(user, passwordHash: "hash", actor: actor)
        return user
    }

    @Test("users, grants and departments round-trip; duplicates and dangling references are refused", arguments: TestDatabase.all)
    func people(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let user = try await Self.seed(store)
            let stored = try #require(try await store.user(id: user.id))
            #expect(stored.username == "li.na" && stored.grants.count == 1 && stored.grants[0].departmentID == "d1")
            #expect(try await store.userCredentials(username: "li.na")?.passwordHash == "hash")
            await #expect(throws: StoreConflict.self) { try await store.createUser(user, passwordHash: "x", actor: Self.actor) }
            var other = user
            other.id = "u2"
            other.username = "other"
            other.grants = [Grant(role: .inspector, regionCode: "999999")]
            await #expect(throws: StoreConflict.self) { try await store.createUser(other, passwordHash: "x", actor: Self.actor) }
            #expect(try await store.user(id: "u2") == nil)  // the failed create left nothing
            let twin = Department(id: "d2", name: "重复", kind: .professional, creditCode: "9144030071526726XG", parentID: nil, regionCode: nil)
            await #expect(throws: StoreConflict.self) { try await store.createDepartment(twin, actor: Self.actor) }
            try await store.addGrant(Grant(role: .inspector, regionCode: "370303001"), userID: user.id, actor: Self.actor)
            #expect(try await store.users(UserFilter(role: .inspector)).map(\.id) == ["u1"])
            #expect(try await store.users(UserFilter(text: "李")).count == 1)
        }
    }

    @Test("disabling a user revokes every session and API key in the same transaction", arguments: TestDatabase.all)
    func disableRevokes(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let user = try await Self.seed(store)
            let (token, _) = try await store.createSession(userID: user.id, lifetime: .seconds(3600), address: "1.2.3.4", userAgent: "test")
            let key = try await store.createAPIKey(userID: user.id, name: "k", permissions: nil, expiresAt: Date().addingTimeInterval(3600), actor: Self.actor)
            #expect(try await store.session(token: token)?.revoked == false)
            #expect(try await store.apiKey(token: key.token)?.revokedAt == nil)
            try await store.updateUser(id: user.id, UserChanges(disabled: true), actor: Self.actor)
            #expect(try await store.session(token: token)?.revoked == true)
            #expect(try await store.apiKey(token: key.token)?.revokedAt != nil)
            #expect(try await store.user(id: user.id)?.disabled == true)
        }
    }

    @Test("API keys are stored hashed; a wrong secret or malformed key finds nothing", arguments: TestDatabase.all)
    func apiKeys(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let user = try await Self.seed(store)
            let created = try await store.createAPIKey(
                userID: user.id, name: "integration", permissions: [.operationsRead], expiresAt: Date().addingTimeInterval(86_400), actor: Self.actor)
            #expect(created.token.hasPrefix("fgk_\(created.key.id)_"))
            #expect(try await store.apiKey(token: created.token)?.permissions == [.operationsRead])
            #expect(try await store.apiKey(token: created.token + "x") == nil)
            #expect(try await store.apiKey(token: "garbage") == nil)
            let secret = String(created.token.split(separator: "_", maxSplits: 2)[2])
            let stored = try await store.database.withConnection { db in
                try await db.select().column("secret_hash").from("api_keys").first()?.decode(column: "secret_hash", as: String.self)
            }
            #expect(stored != nil && stored != secret && stored?.count == 64)
            try await store.revokeAPIKey(id: created.key.id, userID: user.id, actor: Self.actor)
            #expect(try await store.apiKey(token: created.token)?.revokedAt != nil)
        }
    }

    @Test("failed sign-ins are counted per account and per address within the window", arguments: TestDatabase.all)
    func loginFailures(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let now = Date()
            for i in 0..<3 {
                try await store.recordLoginAttempt(username: "a", address: "1.1.1.1", success: false, actor: Self.actor, now: now.addingTimeInterval(Double(-i)))
            }
            try await store.recordLoginAttempt(username: "b", address: "1.1.1.1", success: false, actor: Self.actor, now: now)
            try await store.recordLoginAttempt(username: "a", address: "2.2.2.2", success: true, actor: Self.actor, now: now)
            try await store.recordLoginAttempt(username: "a", address: "1.1.1.1", success: false, actor: Self.actor, now: now.addingTimeInterval(-3600))
            let counts = try await store.recentLoginFailures(username: "a", address: "1.1.1.1", since: now.addingTimeInterval(-900))
            #expect(counts.account == 3 && counts.address == 4)
        }
    }

    @Test("the audit trail records every change with its actor, and the database refuses to alter it", arguments: TestDatabase.all)
    func auditAppendOnly(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            _ = try await Self.seed(store)
            let page = try await store.auditEntries(AuditQuery(action: "user."))
            #expect(page.items.map(\.action) == ["user.create"])
            let all = try await store.auditEntries(AuditQuery())
            #expect(Set(all.items.map(\.action)).isSuperset(of: ["regions.import", "department.create", "user.create", "grant.add"]))
            let created = try #require(all.items.first { $0.action == "department.create" })
            #expect(created.actor.name == "test" && created.actor.requestID == "req-1" && created.actor.address == "127.0.0.1")
            await #expect(throws: (any Error).self) {
                try await store.database.withConnection { db in try await db.raw("UPDATE audit_log SET action = 'forged'").run() }
            }
            await #expect(throws: (any Error).self) {
                try await store.database.withConnection { db in try await db.raw("DELETE FROM audit_log").run() }
            }
            #expect(try await store.auditEntries(AuditQuery()).total == all.total)
        }
    }
}
