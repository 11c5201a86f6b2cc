import Foundation
import Testing
@testable import FinegrainCore

@Suite("Coordinate and BoundingBox")
struct CoordinateTests {
    @Test func coordinateEncodesAsGeoJSONPosition() throws {
        let data = try JSONEncoder().encode(Coordinate(lon: 118.05, lat: 36.81))
        #expect(String(decoding: data, as: UTF8.self) == "[118.05,36.81]")
        let back = try JSONDecoder().decode(Coordinate.self, from: data)
        #expect(back == Coordinate(lon: 118.05, lat: 36.81))
    }

    @Test func coordinateDecodingAcceptsAltitudeAndRejectsBadShapes() throws {
        let withAltitude = try JSONDecoder().decode(Coordinate.self, from: Data("[1.5, 2.5, 100]".utf8))
        #expect(withAltitude == Coordinate(lon: 1.5, lat: 2.5))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Coordinate.self, from: Data(#"{"lon":1,"lat":2}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Coordinate.self, from: Data("[1]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Coordinate.self, from: Data("[]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Coordinate.self, from: Data(#"["1", 2]"#.utf8)) }
    }

    @Test func coordinateValidity() {
        #expect(Coordinate(lon: 180, lat: -90).isValid)
        #expect(!Coordinate(lon: 180.1, lat: 0).isValid)
        #expect(!Coordinate(lon: 0, lat: .nan).isValid)
        #expect(!Coordinate(lon: .infinity, lat: 0).isValid)
    }

    @Test func boundingBoxFromCoordinates() throws {
        #expect(BoundingBox([Coordinate]()) == nil)
        let box = try #require(
            BoundingBox([Coordinate(lon: 118, lat: 36.9), Coordinate(lon: 118.2, lat: 36.5), Coordinate(lon: 118.1, lat: 36.7)]))
        #expect(box == BoundingBox(minLon: 118, minLat: 36.5, maxLon: 118.2, maxLat: 36.9))
        #expect(box.center == Coordinate(lon: 118.1, lat: 36.7))
    }

    @Test func boundingBoxContainsIsInclusive() {
        let box = BoundingBox(minLon: 0, minLat: 0, maxLon: 1, maxLat: 1)
        #expect(box.contains(Coordinate(lon: 0, lat: 0)))
        #expect(box.contains(Coordinate(lon: 1, lat: 1)))
        #expect(box.contains(Coordinate(lon: 0.5, lat: 1)))
        #expect(!box.contains(Coordinate(lon: 1.000001, lat: 0.5)))
        #expect(!box.contains(Coordinate(lon: 0.5, lat: -0.000001)))
    }

    @Test func boundingBoxIntersectsAndUnion() {
        let a = BoundingBox(minLon: 0, minLat: 0, maxLon: 1, maxLat: 1)
        let touching = BoundingBox(minLon: 1, minLat: 1, maxLon: 2, maxLat: 2)
        let apart = BoundingBox(minLon: 1.5, minLat: 0, maxLon: 2, maxLat: 1)
        #expect(a.intersects(touching))
        #expect(touching.intersects(a))
        #expect(!a.intersects(apart))
        #expect(a.union(apart) == BoundingBox(minLon: 0, minLat: 0, maxLon: 2, maxLat: 1))
    }

    @Test func boundingBoxCodableAsGeoJSONBBox() throws {
        let box = BoundingBox(minLon: 1, minLat: 2, maxLon: 3, maxLat: 4)
        let data = try JSONEncoder().encode(box)
        #expect(String(decoding: data, as: UTF8.self) == "[1,2,3,4]")
        #expect(try JSONDecoder().decode(BoundingBox.self, from: data) == box)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(BoundingBox.self, from: Data("[1,2,3]".utf8)) }
    }
}
