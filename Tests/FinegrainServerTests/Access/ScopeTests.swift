import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Scope: a district's administrator reaches their district and nothing else")
struct ScopeTests {
    @Test("users outside the district are invisible (404), inside are manageable", arguments: TestDatabase.all)
    func users(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            let zd = try await signIn(client, "zd-admin")
            try await client.execute(uri: "/api/v1/users?per_page=500", method: .get, headers: zd.headers()) { (response) throws in
                let names = Set((try response.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String })
                #expect(names.isSuperset(of: ["zd-admin", "zd-handler", "inspector"]))
                #expect(names.isDisjoint(with: ["zc-handler", "admin", "zone-admin", "citizen"]))
            }
            for outside in ["id-zc-handler", "id-admin", "id-zone-admin"] {
                try await client.execute(uri: "/api/v1/users/\(outside)", method: .get, headers: zd.headers()) { (response) throws in
                    #expect(response.status == .notFound)
                }
                try await client.execute(
                    uri: "/api/v1/users/\(outside)", method: .patch, headers: zd.headers(), body: try jsonBody(["disabled": true])
                ) { (response) throws in
                    #expect(response.status == .notFound)
                }
            }
            try await client.execute(uri: "/api/v1/users/id-zd-handler", method: .get, headers: zd.headers()) { (response) throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("grants may be handed out only inside one's own district")
    func grants() async throws {
        try await withTestApp(.sqlite) { (client, store) async throws in
            let zd = try await signIn(client, "zd-admin")
            try await client.execute(
                uri: "/api/v1/users/id-zd-handler/grants", method: .post, headers: zd.headers(),
                body: try jsonBody(["role": "inspector", "region_code": "370302"])
            ) { (response) throws in
                #expect(response.status == .forbidden)
                #expect(try response.json()["type"] as? String == "/problems/grant-out-of-scope")
            }
            try await client.execute(
                uri: "/api/v1/users/id-zd-handler/grants", method: .post, headers: zd.headers(), body: try jsonBody(["role": "administrator"])
            ) { (response) throws in
                #expect(response.status == .forbidden)  // an unscoped grant reaches the whole city
            }
            try await client.execute(
                uri: "/api/v1/users/id-zd-handler/grants", method: .post, headers: zd.headers(),
                body: try jsonBody(["role": "inspector", "region_code": "370303001"])
            ) { (response) throws in
                #expect(response.status == .created)
            }
            #expect(try await store.user(id: "id-zd-handler")?.grants.count == 2)
        }
    }

    @Test("departments of other districts are invisible; city-wide work (import, audit) needs a city-wide grant")
    func departmentsAndCityWide() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            let zd = try await signIn(client, "zd-admin")
            try await client.execute(uri: "/api/v1/departments", method: .get, headers: zd.headers()) { (response) throws in
                let ids = (try response.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(ids == ["d-zd"])
            }
            try await client.execute(uri: "/api/v1/departments/d-zc", method: .get, headers: zd.headers()) { (response) throws in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/v1/departments", method: .post, headers: zd.headers(),
                body: try jsonBody(["name": "淄川新部门", "kind": "professional", "region_code": "370302"])
            ) { (response) throws in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/audit", method: .get, headers: zd.headers()) { (response) throws in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/regions/import", method: .post, headers: zd.headers(), body: ByteBuffer(string: "{}")) { (response) throws in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("a credit code with a wrong check character is refused with the field named")
    func creditCode() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            let admin = try await signIn(client, "admin")
            try await client.execute(
                uri: "/api/v1/departments", method: .post, headers: admin.headers(),
                body: try jsonBody(["name": "某部门", "kind": "professional", "credit_code": "9144030071526726XA"])
            ) { (response) throws in
                #expect(response.status == .unprocessableContent)
                #expect((try response.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "credit_code")
            }
        }
    }

    @Test("regions can be imported over the API by a city-wide administrator, all or nothing")
    func regionImport() async throws {
        try await withTestApp(.sqlite) { (client, store) async throws in
            let admin = try await signIn(client, "admin")
            func grid(_ code: String, _ lon: Double, closed: Bool = true) -> [String: Any] {
                var ring = [[lon, 36.70], [lon + 0.01, 36.70], [lon + 0.01, 36.71], [lon, 36.71], [lon, 36.70]]
                if !closed { ring.removeLast() }
                return ["type": "Feature", "properties": ["code": code, "name": code], "geometry": ["type": "Polygon", "coordinates": [ring]]]
            }
            let bad = try jsonBody(["type": "FeatureCollection", "features": [grid("370303001001004", 118.0), grid("370303001001005", 118.01, closed: false)]])
            try await client.execute(uri: "/api/v1/regions/import", method: .post, headers: admin.headers(), body: bad) { (response) throws in
                #expect(response.status == .unprocessableContent)
                let errors = try #require(try response.json()["errors"] as? [[String: Any]])
                #expect(errors.allSatisfy { $0["field"] as? String == "features[1]" })
            }
            #expect(try await store.regionCounts()[.grid] == 3)
            let good = try jsonBody(["type": "FeatureCollection", "features": [grid("370303001001004", 118.0)]])
            try await client.execute(uri: "/api/v1/regions/import", method: .post, headers: admin.headers(), body: good) { (response) throws in
                #expect(response.status == .ok)
                #expect((try response.json()["imported"] as? [String: Int])?["grid"] == 1)
            }
            try await client.execute(uri: "/api/v1/locate?lon=118.005&lat=36.705", method: .get) { (response) throws in
                #expect((try response.json()["grid"] as? [String: Any])?["code"] as? String == "370303001001004")
            }
        }
    }
}
