import Foundation
@testable import FinegrainCore

/// Shapes and fixtures shared by the geometry tests.
enum GeoFixtures {
    /// A closed axis-aligned rectangle ring, counter-clockwise.
    static func rectangle(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> Ring {
        ring([(minLon, minLat), (maxLon, minLat), (maxLon, maxLat), (minLon, maxLat)])
    }

    /// A closed ring through the given (lon, lat) pairs.
    static func ring(_ pairs: [(Double, Double)]) -> Ring {
        var coordinates = pairs.map { Coordinate(lon: $0.0, lat: $0.1) }
        if let first = coordinates.first { coordinates.append(first) }
        return Ring(coordinates: coordinates)
    }

    /// A one-polygon MultiPolygon.
    static func multi(_ exterior: Ring, holes: [Ring] = []) -> MultiPolygon {
        MultiPolygon(polygons: [Polygon(exterior: exterior, holes: holes)])
    }

    /// One Zibo district from the demo resources.
    struct District {
        var code: String
        var name: String
        var geometry: MultiPolygon
    }

    /// The 8 Zibo districts, loaded from `Sources/FinegrainDemo/Resources/zibo/zibo_districts.geojson`.
    static func ziboDistricts(filePath: String = #filePath) throws -> [District] {
        let directory = (filePath as NSString).deletingLastPathComponent
        let path = directory + "/../../../Sources/FinegrainDemo/Resources/zibo/zibo_districts.geojson"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else { throw FixtureError.badFile }
        return try features.map { feature in
            guard let properties = feature["properties"] as? [String: Any], let code = properties["code"] as? String,
                let name = properties["name"] as? String, let geometry = feature["geometry"]
            else { throw FixtureError.badFile }
            return District(code: code, name: name, geometry: try MultiPolygon(geoJSON: geometry))
        }
    }

    enum FixtureError: Error { case badFile }
}
