import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Region and locate routes")
struct RegionRoutesTests {
    @Test("locate answers the chain from grid to city", arguments: TestDatabase.all)
    func locate(_ database: TestDatabase) async throws {
        try await withTestApp(database) { client, _ in
            try await client.execute(uri: "/api/v1/locate?lon=118.015&lat=36.715", method: .get) { (response) throws in
                #expect(response.status == .ok)
                let json = try response.json()
                let chain = try #require(json["chain"] as? [[String: Any]])
                #expect(chain.compactMap { $0["code"] as? String } == ["370303001001002", "370303001001", "370303001", "370303", "370300"])
                #expect((json["grid"] as? [String: Any])?["code"] as? String == "370303001001002")
                #expect((json["district"] as? [String: Any])?["code"] as? String == "370303")
                #expect((json["grid"] as? [String: Any])?["synthetic"] as? Bool == true)
            }
        }
    }

    @Test("a subdistrict managed by a zone reports both the zone and its official district", arguments: TestDatabase.all)
    func zoneChain(_ database: TestDatabase) async throws {
        try await withTestApp(database) { client, _ in
            try await client.execute(uri: "/api/v1/locate?lon=118.07&lat=36.77", method: .get) { (response) throws in
                let json = try response.json()
                #expect((json["subdistrict"] as? [String: Any])?["code"] as? String == "370303008")
                #expect((json["zone"] as? [String: Any])?["code"] as? String == "370371")
                #expect((json["district"] as? [String: Any])?["code"] as? String == "370303")
            }
        }
    }

    @Test("the same point in GCJ-02 gives the same chain", arguments: TestDatabase.all)
    func gcj02(_ database: TestDatabase) async throws {
        let gcj = GCJ02.fromWGS84(Coordinate(lon: 118.015, lat: 36.715))
        try await withTestApp(database) { client, _ in
            try await client.execute(uri: "/api/v1/locate?lon=\(gcj.lon)&lat=\(gcj.lat)&crs=gcj02", method: .get) { (response) throws in
                let json = try response.json()
                #expect((json["grid"] as? [String: Any])?["code"] as? String == "370303001001002")
                let wgs = try #require(json["wgs84"] as? [Double])
                #expect(abs(wgs[0] - 118.015) < 1e-9 && abs(wgs[1] - 36.715) < 1e-9)
            }
        }
    }

    @Test(
        "bad locate input is a 400 problem naming the parameter",
        arguments: [
            ("/api/v1/locate?lat=36.7", "lon"), ("/api/v1/locate?lon=abc&lat=36.7", "lon"),
            ("/api/v1/locate?lon=118&lat=91", "lat"), ("/api/v1/locate?lon=118&lat=36.7&crs=bd09", "crs"),
            ("/api/v1/locate?lon=118&lat=", "lat"), ("/api/v1/locate?lon=nan&lat=36.7", "lon"),
        ])
    func badLocate(uri: String, parameter: String) async throws {
        try await withTestApp(.sqlite) { client, _ in
            try await client.execute(uri: uri, method: .get) { (response) throws in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                let json = try response.json()
                #expect(json["type"] as? String == "/problems/invalid-parameter")
                #expect(json["status"] as? Int == 400)
                #expect((json["errors"] as? [[String: Any]])?.first?["field"] as? String == parameter)
                #expect((json["detail_zh"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("a point outside every region is a 404 problem", arguments: TestDatabase.all)
    func outside(_ database: TestDatabase) async throws {
        try await withTestApp(database) { client, _ in
            try await client.execute(uri: "/api/v1/locate?lon=100&lat=30", method: .get) { (response) throws in
                #expect(response.status == .notFound)
                #expect(try response.json()["type"] as? String == "/problems/outside-service-area")
            }
        }
    }

    @Test("regions list with filters and pages", arguments: TestDatabase.all)
    func list(_ database: TestDatabase) async throws {
        try await withTestApp(database) { client, _ in
            try await client.execute(uri: "/api/v1/regions?level=grid&per_page=2&page=2", method: .get) { (response) throws in
                let json = try response.json()
                #expect(json["total"] as? Int == 3)
                #expect(json["page_count"] as? Int == 2)
                #expect((json["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["370303001001003"])
            }
            try await client.execute(uri: "/api/v1/regions?q=%E5%9B%9B%E5%AE%9D%E5%B1%B1", method: .get) { (response) throws in
                #expect((try response.json()["items"] as? [[String: Any]])?.first?["code"] as? String == "370303008")
            }
            try await client.execute(uri: "/api/v1/regions?level=province", method: .get) { (response) throws in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/regions?per_page=501", method: .get) { (response) throws in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("one region with its ancestors, children and geometry", arguments: TestDatabase.all)
    func show(_ database: TestDatabase) async throws {
        try await withTestApp(database) { client, _ in
            try await client.execute(uri: "/api/v1/regions/370303001001?include=ancestors,children,geometry", method: .get) { (response) throws in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect((json["region"] as? [String: Any])?["name"] as? String == "第一社区")
                #expect((json["ancestors"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["370303001", "370303", "370300"])
                #expect((json["children"] as? [String: Any])?["total"] as? Int == 3)
                let geometry = try #require(json["geometry"] as? [String: Any])
                #expect(geometry["type"] as? String == "MultiPolygon")
            }
            try await client.execute(uri: "/api/v1/regions/370303001001", method: .get) { (response) throws in
                let json = try response.json()
                #expect(json["geometry"] == nil && json["children"] == nil)
            }
            try await client.execute(uri: "/api/v1/regions/370303001001/children?per_page=1", method: .get) { (response) throws in
                #expect(try response.json()["total"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/regions/370303999", method: .get) { (response) throws in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            }
            try await client.execute(uri: "/api/v1/regions/370303999/children", method: .get) { (response) throws in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/regions/370300?include=everything", method: .get) { (response) throws in
                #expect(response.status == .badRequest)
            }
        }
    }
}

@Suite("Regions as GeoJSON")
struct RegionGeoJSONTests {
    @Test("format=geojson gives a FeatureCollection whose polygons contain the located points", arguments: TestDatabase.all)
    func featureCollection(_ database: TestDatabase) async throws {
        try await withTestApp(database) { client, _ in
            try await client.execute(uri: "/api/v1/regions?level=grid&format=geojson", method: .get) { (response) throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/geo+json") == true)
                let json = try response.json()
                #expect(json["type"] as? String == "FeatureCollection")
                let features = try #require(json["features"] as? [[String: Any]])
                #expect(features.count == 3)
                let first = try #require(features.first)
                #expect((first["properties"] as? [String: Any])?["code"] as? String == "370303001001001")
                let geometry = try MultiPolygon(geoJSON: try #require(first["geometry"]))
                #expect(geometry.contains(Coordinate(lon: 118.005, lat: 36.715)))
                #expect((json["page"] as? [String: Any])?["total"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/regions?format=kml", method: .get) { (response) throws in
                #expect(response.status == .badRequest)
            }
        }
    }
}
