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

    @Test("a case about a registered component: the class must match, and the owner's rule names the department")
    func componentCase() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            let admin = try await signIn(client, "admin")
            let componentID: String = try await client.execute(
                uri: "/api/v1/components", method: .post, headers: admin.headers(),
                body: try jsonBody([
                    "name": "燃气井盖", "class_code": "01011", "authority_code": "9144030071526726XG", "authority_name": "淄博市城管局",
                    "owner_code": "91370303MA3C4XUL52", "owner_name": "淄博燃气公司", "geometry": ["type": "Point", "coordinates": [118.005, 36.715]],
                ])
            ) { (response) throws in
                #expect(response.status == .created, "\(response.text)")
                return try #require(try response.json()["id"] as? String)
            }
            try await client.execute(
                uri: "/api/v1/responsibility-rules", method: .post, headers: admin.headers(),
                body: try jsonBody(["class_kind": "component", "code_prefix": "01", "component_party_code": "91370303MA3C4XUL52", "department_id": "d-zc"])
            ) { (response) throws in #expect(response.status == .created, "\(response.text)") }
            let inspector = try await signIn(client, "inspector")
            try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: inspector.headers(),
                body: try jsonBody(["source": "inspector", "class_kind": "component", "class_code": "01001", "description": "井盖破损", "lon": 118.005, "lat": 36.715, "component_id": componentID])
            ) { (response) throws in #expect(response.status == .unprocessableContent) }
            let caseID: String = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: inspector.headers(),
                body: try jsonBody(["source": "inspector", "class_kind": "component", "class_code": "01011", "description": "燃气井盖破损", "lon": 118.005, "lat": 36.715, "component_id": componentID])
            ) { (response) throws in
                #expect(response.status == .created, "\(response.text)")
                #expect(try response.json()["component_id"] as? String == componentID)
                return try #require(try response.json()["id"] as? String)
            }
            let dispatcher = try await signIn(client, "role-dispatcher")
            try await client.execute(uri: "/api/v1/cases/\(caseID)/suggested-department", method: .get, headers: dispatcher.headers()) { (response) throws in
                #expect(try response.json()["department_id"] as? String == "d-zc")
            }
        }
    }
}
