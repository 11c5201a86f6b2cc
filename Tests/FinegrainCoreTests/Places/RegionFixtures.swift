import Foundation

@testable import FinegrainCore

/// Small hand-made region trees for the Places tests: a square city around (118.1, 36.8) with
/// one district, one subdistrict, one community and a 2×2 block of grids.
enum RegionFixtures {
    /// A closed square ring as GeoJSON coordinates.
    static func square(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> [[Double]] {
        [[minLon, minLat], [maxLon, minLat], [maxLon, maxLat], [minLon, maxLat], [minLon, minLat]]
    }

    static func feature(_ properties: [String: Any], rings: [[[Double]]]) -> [String: Any] {
        ["type": "Feature", "properties": properties, "geometry": ["type": "Polygon", "coordinates": rings]]
    }

    static func collection(_ features: [[String: Any]]) -> Data {
        // Options are ignored for valid JSON objects; force-try is fine in a fixture.
        try! JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features])
    }

    static var cityFeature: [String: Any] { feature(["code": "370300", "name": "淄博市"], rings: [square(118.0, 36.7, 118.2, 36.9)]) }
    static var districtFeature: [String: Any] { feature(["code": "370303", "name": "张店区"], rings: [square(118.0, 36.7, 118.1, 36.8)]) }
    static var townFeature: [String: Any] { feature(["code": "370303001", "name": "车站街道"], rings: [square(118.0, 36.7, 118.05, 36.75)]) }
    static var communityFeature: [String: Any] { feature(["code": "370303001001", "name": "第一社区"], rings: [square(118.0, 36.7, 118.02, 36.72)]) }

    /// Four grids covering the community, numbered north-west first.
    static var gridFeatures: [[String: Any]] { [
        feature(["code": "370303001001001", "name": "网格1"], rings: [square(118.0, 36.71, 118.01, 36.72)]),
        feature(["code": "370303001001002", "name": "网格2"], rings: [square(118.01, 36.71, 118.02, 36.72)]),
        feature(["code": "370303001001003", "name": "网格3"], rings: [square(118.0, 36.7, 118.01, 36.71)]),
        feature(["code": "370303001001004", "name": "网格4"], rings: [square(118.01, 36.7, 118.02, 36.71)]),
    ] }

    static var allFeatures: [[String: Any]] { [cityFeature, districtFeature, townFeature, communityFeature] + gridFeatures }

    /// Parses and validates `features` with no existing regions; the regions or the failure.
    static func importing(_ features: [[String: Any]], existing: [String: Region] = [:], crs: CoordinateSystem = .wgs84)
        -> Result<[Region], RegionImportFailure>
    {
        let options = RegionImport.Options(crs: crs, toleranceMeters: 20)
        let parsed = RegionImport.parse(collection(features), options: options)
        return RegionImport.validate(parsed, existing: existing, options: options)
    }
}
