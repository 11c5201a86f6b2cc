import Foundation
import Testing

@testable import FinegrainCore

@Suite("ComponentStatus")
struct ComponentStatusTests {
    @Test("the five Chinese words of the standard")
    func chineseWords() {
        #expect(ComponentStatus.allCases.map(\.nameZH) == ["完好", "破损", "丢失", "废弃", "移除"])
        for status in ComponentStatus.allCases {
            #expect(ComponentStatus(chinese: status.nameZH) == status)
            #expect(ComponentStatus(name: status.nameZH) == status)
            #expect(ComponentStatus(name: status.rawValue.uppercased()) == status)
        }
        #expect(ComponentStatus(chinese: " 破损 ") == .damaged)
        #expect(ComponentStatus(chinese: "damaged") == nil)
        #expect(ComponentStatus(chinese: "好") == nil)
        #expect(ComponentStatus(name: "broken") == nil)
    }
}

@Suite("ComponentGeometry")
struct ComponentGeometryTests {
    func parse(_ json: String) throws -> ComponentGeometry {
        try ComponentGeometry(geoJSON: try JSONSerialization.jsonObject(with: Data(json.utf8)))
    }

    @Test("Point, LineString, Polygon and MultiPolygon parse")
    func eachType() throws {
        #expect(try parse(#"{"type":"Point","coordinates":[118.05,36.81,12]}"#) == .point(Coordinate(lon: 118.05, lat: 36.81)))
        let line = try parse(#"{"type":"LineString","coordinates":[[118,36.8],[118.001,36.8]]}"#)
        #expect(line == .line([Coordinate(lon: 118, lat: 36.8), Coordinate(lon: 118.001, lat: 36.8)]))
        let square = #"[[[118,36.8],[118.001,36.8],[118.001,36.801],[118,36.801],[118,36.8]]]"#
        guard case .polygon(let one) = try parse(#"{"type":"Polygon","coordinates":\#(square)}"#) else {
            Issue.record("not a polygon")
            return
        }
        #expect(one.polygons.count == 1)
        guard case .polygon(let multi) = try parse(#"{"type":"MultiPolygon","coordinates":[\#(square)]}"#) else {
            Issue.record("not a polygon")
            return
        }
        #expect(multi == one)
        #expect(ComponentGeometry.polygon(one).validate().isEmpty)
    }

    @Test("bad input is refused with the reason", arguments: [
        (#"[1,2]"#, ComponentGeometryError.notAnObject),
        (#"{"coordinates":[1,2]}"#, .missingMember("type")),
        (#"{"type":"Point"}"#, .missingMember("coordinates")),
        (#"{"type":"Circle","coordinates":[1,2]}"#, .unsupportedType("Circle")),
        (#"{"type":"MultiPoint","coordinates":[[1,2]]}"#, .unsupportedType("MultiPoint")),
        (#"{"type":"Point","coordinates":[1]}"#, .notAPosition(path: "coordinates")),
        (#"{"type":"Point","coordinates":["1","2"]}"#, .notAPosition(path: "coordinates")),
        (#"{"type":"Point","coordinates":[true,false]}"#, .notAPosition(path: "coordinates")),
        (#"{"type":"LineString","coordinates":[[1,2]]}"#, .tooFewLinePositions(count: 1)),
        (#"{"type":"LineString","coordinates":[[1,2],[3]]}"#, .notAPosition(path: "coordinates[1]")),
        (#"{"type":"LineString","coordinates":5}"#, .notAnArray(path: "coordinates")),
        (#"{"type":"Polygon","coordinates":[]}"#, .polygon(.noRings(path: "coordinates"))),
    ])
    func badInput(json: String, expected: ComponentGeometryError) {
        #expect(throws: expected) { try parse(json) }
        #expect(!expected.descriptionZH.isEmpty)
    }

    @Test("text that is not JSON")
    func notJSON() {
        #expect(throws: ComponentGeometryError.self) { try ComponentGeometry(geoJSONString: "POINT(1 2)") }
    }

    @Test("validation: ranges, short and zero-length lines, polygon topology")
    func validation() {
        #expect(ComponentGeometry.point(Coordinate(lon: 118, lat: 36)).validate().isEmpty)
        #expect(ComponentGeometry.point(Coordinate(lon: 190, lat: 36)).validate().count == 1)
        #expect(ComponentGeometry.point(Coordinate(lon: .nan, lat: 36)).validate().count == 1)
        #expect(ComponentGeometry.line([Coordinate(lon: 1, lat: 1)]).validate().count == 1)
        #expect(ComponentGeometry.line([Coordinate(lon: 1, lat: 1), Coordinate(lon: 1, lat: 1)]).validate().count == 1)
        #expect(ComponentGeometry.line([Coordinate(lon: 1, lat: 1), Coordinate(lon: 1, lat: 95)]).validate().count == 1)
        let bowTie = MultiPolygon(Polygon(exterior: Ring(coordinates: [
            Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 1), Coordinate(lon: 1, lat: 0), Coordinate(lon: 0, lat: 1),
            Coordinate(lon: 0, lat: 0),
        ])))
        let problems = ComponentGeometry.polygon(bowTie).validate()
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.field == "geometry" && !$0.messageZH.isEmpty })
    }

    @Test("representative point of a point and a line")
    func pointAndLine() {
        let p = Coordinate(lon: 118.05, lat: 36.81)
        #expect(ComponentGeometry.point(p).representativePoint == p)
        let line = ComponentGeometry.line([
            Coordinate(lon: 118.0, lat: 36.8), Coordinate(lon: 118.001, lat: 36.8), Coordinate(lon: 118.003, lat: 36.8),
        ])
        let mid = line.representativePoint
        #expect(abs(mid.lon - 118.0015) < 1e-9)
        #expect(mid.lat == 36.8)
        let still = ComponentGeometry.line([p, p]).representativePoint
        #expect(still == p)
    }

    @Test("representative point lies inside an L-shaped polygon whose centroid does not")
    func lShape() {
        let shape = ComponentFixtures.lShape
        #expect(!shape.contains(shape.centroid))
        let point = ComponentGeometry.polygon(shape).representativePoint
        #expect(shape.contains(point))
        #expect(shape.distanceToBoundary(point) > 1)  // metres: well inside, not on an edge
    }

    @Test("representative point avoids the hole of a ring-shaped polygon")
    func ringWithHole() {
        func square(_ lo: Double, _ hi: Double) -> Ring {
            Ring(coordinates: [
                Coordinate(lon: 118 + lo, lat: 36 + lo), Coordinate(lon: 118 + hi, lat: 36 + lo), Coordinate(lon: 118 + hi, lat: 36 + hi),
                Coordinate(lon: 118 + lo, lat: 36 + hi), Coordinate(lon: 118 + lo, lat: 36 + lo),
            ])
        }
        let shape = MultiPolygon(Polygon(exterior: square(0, 0.003), holes: [square(0.001, 0.002).reversed()]))
        #expect(shape.validate().isEmpty)
        #expect(!shape.contains(shape.centroid))
        #expect(shape.contains(ComponentGeometry.polygon(shape).representativePoint))
        // A convex polygon keeps its centroid.
        let plain = MultiPolygon(Polygon(exterior: square(0, 0.003)))
        #expect(ComponentGeometry.polygon(plain).representativePoint == plain.centroid)
    }

    @Test("bounding box, GeoJSON text and Codable round trip")
    func textAndCodable() throws {
        let line = ComponentGeometry.line([Coordinate(lon: 118.0, lat: 36.8), Coordinate(lon: 118.25, lat: 36.75)])
        #expect(line.boundingBox == BoundingBox(minLon: 118.0, minLat: 36.75, maxLon: 118.25, maxLat: 36.8))
        #expect(line.geoJSONString() == #"{"type":"LineString","coordinates":[[118,36.8],[118.25,36.75]]}"#)
        #expect(ComponentGeometry.point(Coordinate(lon: 118.05, lat: 36.81)).geoJSONString() == #"{"type":"Point","coordinates":[118.05,36.81]}"#)
        for geometry in [line, .point(Coordinate(lon: 118.05, lat: 36.81)), .polygon(ComponentFixtures.lShape)] {
            let data = try JSONEncoder().encode(geometry)
            #expect(try JSONDecoder().decode(ComponentGeometry.self, from: data) == geometry)
            #expect(try ComponentGeometry(geoJSONString: geometry.geoJSONString()).geoJSONString() == geometry.geoJSONString())
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ComponentGeometry.self, from: Data(#"{"type":"LineString","coordinates":[[1,2]]}"#.utf8))
        }
    }

    @Test("GCJ-02 conversion moves every position")
    func conversion() {
        let gcj = Coordinate(lon: 118.0556, lat: 36.8117)
        let converted = ComponentGeometry.point(gcj).mapCoordinates(CoordinateSystem.gcj02.toWGS84)
        #expect(converted == .point(GCJ02.toWGS84(gcj)))
        #expect(converted != .point(gcj))
    }
}
