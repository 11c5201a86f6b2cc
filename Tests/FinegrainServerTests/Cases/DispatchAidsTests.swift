import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Dispatch aids: the responsibility list's suggestion, duplicate suggestions and merging")
struct DispatchAidsTests {
    static func report(_ client: some TestClientProtocol, _ session: TestSession, lon: Double, code: String = "06001") async throws -> String {
        try await client.execute(
            uri: "/api/v1/cases", method: .post, headers: session.headers(),
            body: try jsonBody(["source": "inspector", "class_kind": "matter", "class_code": code, "description": "问题", "lon": lon, "lat": 36.715])
        ) { (response) throws in try #require(try response.json()["id"] as? String) }
    }

    @Test("a rule suggests the department; near reports of the same class are suggested as duplicates and can be merged", arguments: TestDatabase.all)
    func aids(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            let admin = try await signIn(client, "admin")
            try await client.execute(
                uri: "/api/v1/responsibility-rules", method: .post, headers: admin.headers(),
                body: try jsonBody(["class_kind": "matter", "code_prefix": "06", "region_code": "370303", "department_id": "d-zd", "priority": 1])
            ) { (response) throws in #expect(response.status == .created) }
            try await client.execute(
                uri: "/api/v1/responsibility-rules", method: .post, headers: admin.headers(),
                body: try jsonBody(["code_prefix": "06", "department_id": "no-such"])
            ) { (response) throws in #expect(response.status == .unprocessableContent) }
            let inspector = try await signIn(client, "inspector")
            let first = try await Self.report(client, inspector, lon: 118.0050)
            let near = try await Self.report(client, inspector, lon: 118.0053)  // about 27 m east
            _ = try await Self.report(client, inspector, lon: 118.0090)  // about 360 m away
            _ = try await Self.report(client, inspector, lon: 118.0051, code: "06002")  // another class
            let dispatcher = try await signIn(client, "role-dispatcher")
            try await client.execute(uri: "/api/v1/cases/\(first)/suggested-department", method: .get, headers: dispatcher.headers()) { (response) throws in
                let json = try response.json()
                #expect(json["department_id"] as? String == "d-zd")
                #expect(json["department_name"] as? String == "张店区环卫")
            }
            let operatorSession = try await signIn(client, "role-operator")
            try await client.execute(uri: "/api/v1/cases/\(first)/duplicates", method: .get, headers: operatorSession.headers()) { (response) throws in
                let ids = (try response.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(ids == [near])
            }
            try await client.execute(uri: "/api/v1/cases/\(first)/duplicates?related=true&radius=100", method: .get, headers: operatorSession.headers()) { (response) throws in
                #expect(try response.json()["total"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/cases/\(near)/merge", method: .post, headers: operatorSession.headers(), body: try jsonBody(["into": first])) { (response) throws in
                #expect(response.status == .ok)
                #expect(try response.json()["duplicates"] as? [String] == [near])
            }
            try await client.execute(uri: "/api/v1/cases/\(near)", method: .get, headers: operatorSession.headers()) { (response) throws in
                let json = try response.json()
                #expect(json["status"] as? String == "merged")
                #expect(json["merged_into"] as? String == first)
            }
            try await client.execute(uri: "/api/v1/responsibility-rules/coverage", method: .get, headers: admin.headers()) { (response) throws in
                let json = try response.json()
                #expect((json["missing"] as? Int ?? 0) > 0)
            }
        }
    }
}
