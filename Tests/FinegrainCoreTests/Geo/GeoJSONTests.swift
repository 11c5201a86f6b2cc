import Foundation
import Testing
@testable import FinegrainCore

@Suite("GeoJSON reading and writing")
struct GeoJSONTests {
    static func object(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func polygonBecomesOnePolygonMultiPolygon() throws {
        let geometry = try MultiPolygon(
            geoJSON: Self.object(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.2,0.4],[0.4,0.4],[0.2,0.2]]]}"#))
        #expect(geometry.polygons.count == 1)
        #expect(geometry.polygons[0].exterior == GeoFixtures.rectangle(0, 0, 1, 1))
        #expect(geometry.polygons[0].holes.count == 1)
        #expect(geometry.polygons[0].holes[0].coordinates[1] == Coordinate(lon: 0.2, lat: 0.4))
    }

    @Test func multiPolygonWithAltitudesAndNativeArrays() throws {
        let geometry = try MultiPolygon(
            geoJSON: Self.object(#"{"type":"MultiPolygon","coordinates":[[[[0,0,5],[1,0,5],[1,1,5],[0,0,5]]],[[[2,2],[3,2],[3,3],[2,2]]]]}"#))
        #expect(geometry.polygons.count == 2)
        #expect(geometry.polygons[0].exterior.coordinates[1] == Coordinate(lon: 1, lat: 0))
        let native: [String: Any] = ["type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]]
        #expect(try MultiPolygon(geoJSON: native).polygons[0].exterior.coordinates.count == 4)
    }

    @Test func errorsSayWhatAndWhere() throws {
        func error(_ text: String) throws -> GeoJSONError? {
            let object = try Self.object(text)
            do {
                _ = try MultiPolygon(geoJSON: object)
                return nil
            } catch {
                return error
            }
        }
        #expect(try error("[1, 2]") == .notAnObject)
        #expect(try error(#"{"coordinates":[]}"#) == .missingMember("type"))
        #expect(try error(#"{"type":7,"coordinates":[]}"#) == .typeNotAString)
        #expect(try error(#"{"type":"Point","coordinates":[1,2]}"#) == .unsupportedType("Point"))
        #expect(try error(#"{"type":"Polygon"}"#) == .missingMember("coordinates"))
        #expect(try error(#"{"type":"Polygon","coordinates":5}"#) == .notAnArray(path: "coordinates"))
        #expect(try error(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0],[0,0]]]}"#) == .notAPosition(path: "coordinates[0][3]"))
        #expect(try error(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"x"],[0,0]]]}"#) == .notAPosition(path: "coordinates[0][2]"))
        #expect(
            try error(#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],{},[0,0]]]]}"#)
                == .notAPosition(path: "coordinates[1][0][2]"))
        #expect(try error(#"{"type":"MultiPolygon","coordinates":[[5]]}"#) == .notAnArray(path: "coordinates[0][0]"))
        #expect(try error(#"{"type":"MultiPolygon","coordinates":[[]]}"#) == .noRings(path: "coordinates[0]"))
        #expect(try error(#"{"type":"Polygon","coordinates":[[[0,0],[1,true],[1,1],[0,0]]]}"#) == .notAPosition(path: "coordinates[0][1]"))
        #expect(GeoJSONError.notAPosition(path: "coordinates[0][3]").description == "coordinates[0][3] is not a [lon, lat] pair of numbers")
    }

    @Test func compactStableText() {
        let square = GeoFixtures.multi(GeoFixtures.rectangle(0, 0, 1, 1))
        #expect(square.geoJSONString() == #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]]]}"#)
        let precise = GeoFixtures.multi(GeoFixtures.ring([(118.12345678, -36.00000004), (-0.5, 0.1), (1e-8, 90)]))
        #expect(
            precise.geoJSONString()
                == #"{"type":"MultiPolygon","coordinates":[[[[118.1234568,-36],[-0.5,0.1],[0,90],[118.1234568,-36]]]]}"#)
    }

    @Test func textRoundTripsThroughFastParserAndObject() throws {
        let districts = try GeoFixtures.ziboDistricts()
        for district in districts {
            let text = district.geometry.geoJSONString()
            let back = try MultiPolygon(geoJSONString: text)
            #expect(back == district.geometry, "\(district.code)")  // 6-decimal input survives exactly
            #expect(back.geoJSONString() == text)
            let viaObject = try MultiPolygon(geoJSON: district.geometry.geoJSONObject)
            #expect(viaObject == district.geometry)
        }
    }

    @Test func otherFormsFallBackToJSONSerialization() throws {
        let reordered = #"{ "coordinates" : [[[0,0],[1,0],[1,1],[0,0]]], "type" : "Polygon", "bbox": [0,0,1,1] }"#
        let geometry = try MultiPolygon(geoJSONString: reordered)
        #expect(geometry.polygons[0].exterior.coordinates.count == 4)
        let spaced = "{\n \"type\": \"Polygon\",\n \"coordinates\": [ [ [0, 0], [1e0, 0], [1, 1.5E0], [0, 0] ] ]\n}"
        #expect(try MultiPolygon(geoJSONString: spaced).polygons[0].exterior.coordinates[2] == Coordinate(lon: 1, lat: 1.5))
        #expect(throws: GeoJSONError.self) { try MultiPolygon(geoJSONString: "{\"type\":\"Polygon\",") }
        #expect(throws: GeoJSONError.notAPosition(path: "coordinates[0][1]")) {
            try MultiPolygon(geoJSONString: #"{"type":"Polygon","coordinates":[[[0,0],[1],[1,1],[0,0]]]}"#)
        }
    }

    @Test func fastParserReadsNumbersExactly() throws {
        var rng = SeededGenerator(seed: 11)
        var pairs: [(Double, Double)] = []
        for _ in 0..<2_000 { pairs.append((Double.random(in: -180...180, using: &rng), Double.random(in: -90...90, using: &rng))) }
        let geometry = GeoFixtures.multi(GeoFixtures.ring(pairs))
        let text = geometry.geoJSONString()
        let fast = try MultiPolygon(geoJSONString: text)
        let slow = try MultiPolygon(geoJSON: try JSONSerialization.jsonObject(with: Data(text.utf8)))
        #expect(fast == slow)
    }

    @Test func manySmallPolygonsLoadQuickly() throws {
        var texts: [String] = []
        for i in 0..<4_000 {
            let x = 118 + Double(i % 100) * 0.003, y = 36.5 + Double(i / 100) * 0.003
            texts.append(GeoFixtures.multi(GeoFixtures.rectangle(x, y, x + 0.003, y + 0.003)).geoJSONString())
        }
        let clock = ContinuousClock()
        var loaded: [MultiPolygon] = []
        let elapsed = try clock.measure { loaded = try texts.map { try MultiPolygon(geoJSONString: $0) } }
        #expect(loaded.count == 4_000)
        #expect(elapsed < .seconds(2))  // debug build; release loads 40,000 in far less (see GeoBench)
    }
}
