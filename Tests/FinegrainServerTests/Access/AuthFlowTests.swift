import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Sign-in, sessions, CSRF, API keys, throttling and the audit trail")
struct AuthFlowTests {
    @Test("sign in, use the session, sign out: the cookie is HttpOnly and SameSite, and dead after sign-out", arguments: TestDatabase.all)
    func sessionLifecycle(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            try await client.execute(uri: "/api/v1/auth/login", method: .post, body: try jsonBody(["username": "admin", "password": TestPeople.password])) { (response) throws in
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Max-Age=43200"))
            }
            let session = try await signIn(client, "admin")
            try await client.execute(uri: "/api/v1/me", method: .get, headers: session.headers()) { (response) throws in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect((json["user"] as? [String: Any])?["username"] as? String == "admin")
                #expect((json["permissions"] as? [String])?.contains("users.manage") == true)
            }
            try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: session.headers()) { (response) throws in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: session.headers()) { (response) throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("wrong passwords are refused alike for unknown users; after five failures the account is throttled", arguments: TestDatabase.all)
    func throttling(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            try await client.execute(uri: "/api/v1/auth/login", method: .post, body: try jsonBody(["username": "nobody", "password": "x"])) { (response) throws in
                #expect(response.status == .unauthorized)
            }
            for _ in 0..<5 {
                try await client.execute(uri: "/api/v1/auth/login", method: .post, body: try jsonBody(["username": "leader-x", "password": "wrong"])) { _ in }
                try await client.execute(uri: "/api/v1/auth/login", method: .post, body: try jsonBody(["username": "zd-admin", "password": "wrong"])) { (response) throws in
                    #expect(response.status == .unauthorized)
                }
            }
            try await client.execute(
                uri: "/api/v1/auth/login", method: .post, body: try jsonBody(["username": "zd-admin", "password": TestPeople.password])
            ) { (response) throws in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "900")
                #expect(try response.json()["type"] as? String == "/problems/too-many-attempts")
            }
            // Another account is not locked by zd-admin's failures (the address limit is higher).
            _ = try await signIn(client, "admin")
        }
    }

    @Test("a cookie session must echo its CSRF token on every change; GETs need none")
    func csrf() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            let session = try await signIn(client, "admin")
            let body = try jsonBody(["name": "新部门", "kind": "professional", "region_code": "370303"])
            try await client.execute(uri: "/api/v1/departments", method: .post, headers: session.headers(csrf: false), body: body) { (response) throws in
                #expect(response.status == .forbidden)
                #expect(try response.json()["type"] as? String == "/problems/csrf-token-invalid")
            }
            var wrong = session
            wrong.csrf = String(session.csrf.reversed())
            try await client.execute(uri: "/api/v1/departments", method: .post, headers: wrong.headers(), body: body) { (response) throws in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/departments", method: .post, headers: session.headers(), body: body) { (response) throws in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/api/v1/departments", method: .get, headers: session.headers(csrf: false)) { (response) throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("API keys: shown once, used as bearer tokens, narrowed by permissions, revocable; bad tokens get 401", arguments: TestDatabase.all)
    func apiKeys(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            let session = try await signIn(client, "admin")
            let token: String = try await client.execute(
                uri: "/api/v1/me/api-keys", method: .post, headers: session.headers(),
                body: try jsonBody(["name": "prometheus", "expires_in_days": 30, "permissions": ["operations.read"]])
            ) { (response) throws in
                #expect(response.status == .created)
                return try #require(try response.json()["token"] as? String)
            }
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            try await client.execute(uri: "/metrics", method: .get, headers: bearer) { (response) throws in #expect(response.status == .ok) }
            try await client.execute(uri: "/api/v1/users", method: .get, headers: bearer) { (response) throws in #expect(response.status == .forbidden) }
            try await client.execute(uri: "/api/v1/me/api-keys", method: .get, headers: session.headers()) { (response) throws in
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                #expect(items.count == 1 && items[0]["token"] == nil && items[0]["last_used_at"] != nil)
                let id = try #require(items[0]["id"] as? String)
                try await client.execute(uri: "/api/v1/me/api-keys/\(id)", method: .delete, headers: session.headers()) { (response) throws in
                    #expect(response.status == .noContent)
                }
            }
            try await client.execute(uri: "/metrics", method: .get, headers: bearer) { (response) throws in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/regions", method: .get, headers: [.authorization: "Bearer fgk_forged_secret"]) { (response) throws in
                #expect(response.status == .unauthorized)
            }
            // An expired key is refused.
            let expired = try await store.createAPIKey(
                userID: "id-admin", name: "old", permissions: nil, expiresAt: Date().addingTimeInterval(-1), actor: .system)
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(expired.token)"]) { (response) throws in
                #expect(response.status == .unauthorized)
            }
            // A key cannot ask for more than its owner has.
            let citizen = try await signIn(client, "citizen")
            try await client.execute(
                uri: "/api/v1/me/api-keys", method: .post, headers: citizen.headers(), body: try jsonBody(["name": "x", "permissions": ["users.read"]])
            ) { (response) throws in
                #expect(response.status == .unprocessableContent)
            }
        }
    }

    @Test("an idle session and a stolen-then-revoked session are refused", arguments: TestDatabase.all)
    func expiredSessions(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            let session = try await signIn(client, "admin")
            let old = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date().addingTimeInterval(-3 * 3600))
            try await store.database.withConnection { db in
                try await db.update("sessions").set("last_seen_at", to: SQLBind(old)).run()
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: session.headers()) { (response) throws in
                #expect(response.status == .unauthorized)
            }
            let fresh = try await signIn(client, "admin")
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: "fg_session=\(fresh.cookie)x"]) { (response) throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("disabling a user ends their sessions and keys at once", arguments: TestDatabase.all)
    func disable(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            let leader = try await signIn(client, "role-leader")
            let token: String = try await client.execute(
                uri: "/api/v1/me/api-keys", method: .post, headers: leader.headers(), body: try jsonBody(["name": "dashboard"])
            ) { (response) throws in try #require(try response.json()["token"] as? String) }
            let admin = try await signIn(client, "admin")
            try await client.execute(
                uri: "/api/v1/users/id-role-leader", method: .patch, headers: admin.headers(), body: try jsonBody(["disabled": true])
            ) { (response) throws in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: leader.headers()) { (response) throws in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { (response) throws in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(
                uri: "/api/v1/auth/login", method: .post, body: try jsonBody(["username": "role-leader", "password": TestPeople.password])
            ) { (response) throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("a new user must change the initial password before anything else; weak passwords are refused with reasons", arguments: TestDatabase.all)
    func initialPassword(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            let admin = try await signIn(client, "admin")
            try await client.execute(
                uri: "/api/v1/users", method: .post, headers: admin.headers(),
                body: try jsonBody([
                    "username": "new.leader", "display_name": "新领导", "password": "Initial-Pass-2026",
                    "grants": [["role": "leader", "region_code": "370300"]],
                ])
            ) { (response) throws in
                #expect(response.status == .created)
                #expect(try response.json()["must_change_password"] as? Bool == true)
            }
            let session = try await signIn(client, "new.leader", password: "Initial-Pass-2026")
            try await client.execute(uri: "/api/v1/users", method: .get, headers: session.headers()) { (response) throws in
                #expect(response.status == .forbidden)
                #expect(try response.json()["type"] as? String == "/problems/password-change-required")
            }
            try await client.execute(
                uri: "/api/v1/auth/password", method: .post, headers: session.headers(),
                body: try jsonBody(["current_password": "Initial-Pass-2026", "new_password": "short"])
            ) { (response) throws in
                #expect(response.status == .unprocessableContent)
                #expect((try response.json()["errors"] as? [[String: Any]])?.isEmpty == false)
            }
            try await client.execute(
                uri: "/api/v1/auth/password", method: .post, headers: session.headers(),
                body: try jsonBody(["current_password": "Initial-Pass-2026", "new_password": "Much-Better-2026!"])
            ) { (response) throws in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/users", method: .get, headers: session.headers()) { (response) throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("the audit trail names every change with actor, role, address and request id", arguments: TestDatabase.all)
    func audit(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            let admin = try await signIn(client, "admin")
            let requestID: String = try await client.execute(
                uri: "/api/v1/users/id-inspector/grants", method: .post, headers: admin.headers(),
                body: try jsonBody(["role": "road_chief", "region_code": "370303001"])
            ) { (response) throws in
                #expect(response.status == .created)
                return try #require(response.headers[.requestID])
            }
            try await client.execute(uri: "/api/v1/audit?action=grant.add&target=id-inspector", method: .get, headers: admin.headers()) { (response) throws in
                #expect(response.status == .ok)
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                let entry = try #require(items.first { $0["request_id"] as? String == requestID })
                #expect(entry["actor"] as? String == "admin")
                #expect(entry["role"] as? String == "administrator")
                #expect((entry["details"] as? [String: String])?["role"] == "road_chief")
            }
            try await client.execute(uri: "/api/v1/audit?action=login.", method: .get, headers: admin.headers()) { (response) throws in
                #expect((try response.json()["total"] as? Int ?? 0) >= 1)
            }
            try await client.execute(uri: "/api/v1/audit?from=yesterday", method: .get, headers: admin.headers()) { (response) throws in
                #expect(response.status == .badRequest)
            }
        }
    }
}
