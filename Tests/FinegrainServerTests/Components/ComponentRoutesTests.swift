import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The component register over HTTP")
struct ComponentRoutesTests {
    static let authority = "9144030071526726XG"

    static func feature(_ id: String, lon: Double, authority: String = authority) -> [String: Any] {
        [
            "type": "Feature",
            "properties": ["GLBJBSM": id, "GLBJMC": "供水井盖", "ZGBMDM": authority, "ZGBMMC": "淄博市供水公司", "GLBJZT": "完好", "CSRQ": "20260301"],
            "geometry": ["type": "Point", "coordinates": [lon, 36.715]],
        ]
    }

    @Test("create with a generated id and a resolved grid; edit with history; import all or nothing; list by box, region and as GeoJSON", arguments: TestDatabase.all)
    func register(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            let admin = try await signIn(client, "admin")
            let id: String = try await client.execute(
                uri: "/api/v1/components", method: .post, headers: admin.headers(),
                body: try jsonBody([
                    "name": "供水井盖", "class_code": "01001", "authority_code": Self.authority, "authority_name": "淄博市供水公司",
                    "geometry": ["type": "Point", "coordinates": [118.005, 36.715]],
                ])
            ) { (response) throws in
                #expect(response.status == .created, "\(response.text)")
                let json = try response.json()
                #expect(json["grid_code"] as? String == "370303001001001")
                #expect(json["subdistrict_code"] as? String == "370303001")
                return try #require(json["id"] as? String)
            }
            #expect(id == "37030301001000001")
            try await client.execute(
                uri: "/api/v1/components/\(id)", method: .patch, headers: admin.headers(), body: try jsonBody(["status": "damaged", "note": "井盖破裂"])
            ) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
                #expect(try response.json()["status"] as? String == "damaged")
            }
            try await client.execute(uri: "/api/v1/components/\(id)/history", method: .get, headers: admin.headers()) { (response) throws in
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                #expect(items.map { $0["kind"] as? String } == ["create", "update"])
                let changes = try #require(items[1]["changes"] as? [[String: Any]])
                #expect(changes.contains { $0["field"] as? String == "status" && $0["new"] as? String == "damaged" })
            }
            // A census file with one bad credit code among good features: refused whole.
            let bad = try jsonBody(["type": "FeatureCollection", "features": [
                Self.feature("37030301001000002", lon: 118.006), Self.feature("37030301001000003", lon: 118.007, authority: "9144030071526726XA"),
            ]])
            try await client.execute(uri: "/api/v1/components/import?format=geojson", method: .post, headers: admin.headers(), body: bad) { (response) throws in
                #expect(response.status == .unprocessableContent)
                let errors = try #require(try response.json()["errors"] as? [[String: Any]])
                #expect(errors.allSatisfy { ($0["field"] as? String)?.hasPrefix("features[1]") == true })
            }
            #expect(try await store.components(ComponentQuery()).total == 1)
            let good = try jsonBody(["type": "FeatureCollection", "features": [
                Self.feature("37030301001000002", lon: 118.006), Self.feature("37030301001000003", lon: 118.025),
            ]])
            try await client.execute(uri: "/api/v1/components/import?format=geojson", method: .post, headers: admin.headers(), body: good) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
                #expect(try response.json()["imported"] as? Int == 2)
            }
            let inspector = try await signIn(client, "inspector")
            try await client.execute(uri: "/api/v1/components?bbox=118.0,36.71,118.01,36.72", method: .get, headers: inspector.headers()) { (response) throws in
                #expect(try response.json()["total"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/components?region=370303001001003&format=geojson", method: .get, headers: inspector.headers()) { (response) throws in
                let json = try response.json()
                #expect(json["type"] as? String == "FeatureCollection")
                #expect((json["features"] as? [[String: Any]])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/components?status=damaged", method: .get, headers: inspector.headers()) { (response) throws in
                #expect(try response.json()["total"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/components", method: .post, headers: inspector.headers(), body: try jsonBody([:])) { (response) throws in
                #expect(response.status == .forbidden)
            }
        }
    }
}
