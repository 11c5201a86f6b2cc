import Foundation
import Testing
@testable import FinegrainCore

@Suite("MultiPolygon.validate")
struct ValidateTests {
    typealias F = GeoFixtures

    @Test func validShapesHaveNoProblems() {
        #expect(F.multi(F.rectangle(0, 0, 1, 1)).validate().isEmpty)
        #expect(F.multi(F.rectangle(0, 0, 4, 4), holes: [F.rectangle(1, 1, 2, 2), F.rectangle(2.5, 2.5, 3, 3)]).validate().isEmpty)
        // Adjacent polygons sharing an edge, and an island inside another polygon's hole.
        let adjacent = MultiPolygon(polygons: [
            Polygon(exterior: F.rectangle(0, 0, 1, 1)), Polygon(exterior: F.rectangle(1, 0, 2, 1)),
            Polygon(exterior: F.rectangle(10, 10, 14, 14), holes: [F.rectangle(11, 11, 13, 13)]),
            Polygon(exterior: F.rectangle(11.5, 11.5, 12.5, 12.5)),
        ])
        #expect(adjacent.validate().isEmpty)
    }

    @Test func consecutiveDuplicatesAreNotAProblem() {
        let ring = Ring(coordinates: [
            Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 1, lat: 1),
            Coordinate(lon: 0, lat: 1), Coordinate(lon: 0, lat: 0), Coordinate(lon: 0, lat: 0),
        ])
        #expect(F.multi(ring).validate().isEmpty)
    }

    @Test func ziboDistrictsAreValid() throws {
        for district in try GeoFixtures.ziboDistricts() {
            #expect(district.geometry.validate().isEmpty, "\(district.code)")
            #expect(district.geometry.normalized().validate().isEmpty, "\(district.code)")
        }
    }

    @Test func emptyGeometry() {
        #expect(MultiPolygon(polygons: []).validate() == [.empty])
    }

    @Test func tooFewPositionsAndNotClosed() {
        let short = Ring(coordinates: [Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 0, lat: 0)])
        #expect(F.multi(short).validate().contains(.tooFewPositions(polygon: 0, ring: 0, count: 3)))
        let open = Ring(coordinates: [
            Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 1, lat: 1), Coordinate(lon: 0, lat: 1),
        ])
        #expect(
            F.multi(open).validate()
                == [.notClosed(polygon: 0, ring: 0, first: Coordinate(lon: 0, lat: 0), last: Coordinate(lon: 0, lat: 1))])
    }

    @Test func coordinatesOutOfRangeAreEachReported() {
        var ring = F.rectangle(179, 0, 181, 1)
        ring.coordinates[3] = Coordinate(lon: 179, lat: .nan)
        let problems = F.multi(ring).validate()
        #expect(problems.contains(.coordinateOutOfRange(polygon: 0, ring: 0, position: 1, coordinate: Coordinate(lon: 181, lat: 0))))
        #expect(problems.contains(.coordinateOutOfRange(polygon: 0, ring: 0, position: 2, coordinate: Coordinate(lon: 181, lat: 1))))
        #expect(problems.contains { if case .coordinateOutOfRange(0, 0, 3, _) = $0 { true } else { false } })
    }

    @Test func bowTieIntersectsItself() {
        let bowTie = F.multi(F.ring([(0, 0), (2, 2), (2, 0), (0, 2)]))
        #expect(bowTie.validate() == [.selfIntersection(polygon: 0, ring: 0, position: 0, otherPosition: 2, at: Coordinate(lon: 1, lat: 1))])
    }

    @Test func figureEightIsARepeatedVertex() {
        let eight = F.multi(F.ring([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 1)]))
        #expect(
            eight.validate()
                == [.repeatedVertex(polygon: 0, ring: 0, position: 2, otherPosition: 5, coordinate: Coordinate(lon: 1, lat: 1))])
    }

    @Test func touchingAndFoldingBackAreSelfIntersections() {
        // A vertex touching a non-adjacent edge.
        let touching = F.multi(F.ring([(0, 0), (4, 0), (4, 4), (2, 0.0 + 0), (0, 4)]))
        #expect(touching.validate().contains { if case .selfIntersection = $0 { true } else { false } })
        // A spike that turns back along itself.
        let spike = F.multi(F.ring([(0, 0), (4, 0), (4, 4), (2, 4), (2, 6), (2, 5), (1, 4), (0, 4)]))
        #expect(spike.validate().contains { if case .selfIntersection(0, 0, _, _, Coordinate(lon: 2, lat: 6)) = $0 { true } else { false } })
    }

    @Test func holeProblems() {
        let outer = F.rectangle(0, 0, 4, 4)
        let crossing = F.multi(outer, holes: [F.rectangle(3, 1, 5, 2)])
        let problems = crossing.validate()
        #expect(problems.contains { if case .ringsCross(0, 0, 1, _) = $0 { true } else { false } })
        #expect(problems.contains(.holeOutsideExterior(polygon: 0, ring: 1)))
        let outside = F.multi(outer, holes: [F.rectangle(5, 5, 6, 6)])
        #expect(outside.validate() == [.holeOutsideExterior(polygon: 0, ring: 1)])
        let nested = F.multi(outer, holes: [F.rectangle(1, 1, 3, 3), F.rectangle(1.5, 1.5, 2.5, 2.5)])
        #expect(nested.validate() == [.nestedHoles(polygon: 0, ring: 2, otherRing: 1)])
        let holesCross = F.multi(outer, holes: [F.rectangle(1, 1, 2, 2), F.rectangle(1.5, 1.5, 2.5, 2.5)])
        #expect(holesCross.validate().contains { if case .ringsCross(0, 1, 2, _) = $0 { true } else { false } })
    }

    @Test func overlappingPolygons() {
        let crossing = MultiPolygon(polygons: [Polygon(exterior: F.rectangle(0, 0, 2, 2)), Polygon(exterior: F.rectangle(1, 1, 3, 3))])
        #expect(crossing.validate().contains { if case .polygonsOverlap(0, 1, _) = $0 { true } else { false } })
        #expect(crossing.validate().count == 1)
        let inside = MultiPolygon(polygons: [Polygon(exterior: F.rectangle(0, 0, 4, 4)), Polygon(exterior: F.rectangle(1, 1, 2, 2))])
        #expect(inside.validate() == [.polygonsOverlap(polygon: 0, otherPolygon: 1, at: Coordinate(lon: 1, lat: 1))])
        let duplicate = MultiPolygon(polygons: [Polygon(exterior: F.rectangle(0, 0, 1, 1)), Polygon(exterior: F.rectangle(0, 0, 1, 1))])
        #expect(duplicate.validate().contains { if case .polygonsOverlap(0, 1, _) = $0 { true } else { false } })
    }

    @Test func zeroAreaRings() {
        let flat = F.multi(F.ring([(0, 0), (1, 1), (2, 2)]))
        #expect(flat.validate() == [.zeroAreaRing(polygon: 0, ring: 0)])
        let collapsed = F.multi(Ring(coordinates: Array(repeating: Coordinate(lon: 1, lat: 1), count: 5)))
        #expect(collapsed.validate() == [.zeroAreaRing(polygon: 0, ring: 0)])
    }

    @Test func everyProblemIsListed() {
        var broken = F.rectangle(0, 0, 1, 1)
        broken.coordinates[1] = Coordinate(lon: 200, lat: 0)
        let geometry = MultiPolygon(polygons: [
            Polygon(exterior: broken),
            Polygon(exterior: F.ring([(10, 10), (12, 12), (12, 10), (10, 12)])),
            Polygon(exterior: Ring(coordinates: [Coordinate(lon: 20, lat: 20)])),
        ])
        let problems = geometry.validate()
        #expect(problems.count == 3)
        #expect(problems.contains { if case .coordinateOutOfRange(0, 0, 1, _) = $0 { true } else { false } })
        #expect(problems.contains { if case .selfIntersection(1, 0, _, _, _) = $0 { true } else { false } })
        #expect(problems.contains(.tooFewPositions(polygon: 2, ring: 0, count: 1)))
    }

    @Test func descriptionsInBothLanguages() {
        let c = Coordinate(lon: 1, lat: 2)
        let all: [GeometryProblem] = [
            .empty, .tooFewPositions(polygon: 0, ring: 1, count: 2), .notClosed(polygon: 0, ring: 0, first: c, last: c),
            .coordinateOutOfRange(polygon: 0, ring: 0, position: 3, coordinate: c),
            .selfIntersection(polygon: 0, ring: 0, position: 1, otherPosition: 4, at: c),
            .repeatedVertex(polygon: 0, ring: 0, position: 1, otherPosition: 4, coordinate: c),
            .ringsCross(polygon: 0, ring: 0, otherRing: 1, at: c), .holeOutsideExterior(polygon: 0, ring: 1),
            .nestedHoles(polygon: 0, ring: 2, otherRing: 1), .polygonsOverlap(polygon: 0, otherPolygon: 1, at: c),
            .zeroAreaRing(polygon: 0, ring: 0), .nonPositiveArea(polygon: 0, area: 0),
        ]
        for problem in all {
            #expect(!problem.description.isEmpty)
            #expect(problem.descriptionZH.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
        }
        #expect(GeometryProblem.coordinateOutOfRange(polygon: 0, ring: 0, position: 3, coordinate: c).description.contains("position 3"))
    }

    @Test func normalizedOrientsAndDropsDuplicates() {
        let clockwise = Ring(coordinates: F.rectangle(0, 0, 4, 4).coordinates.reversed() + [])
        let hole = F.rectangle(1, 1, 2, 2)  // counter-clockwise, should become clockwise
        var exterior = clockwise
        exterior.coordinates.insert(exterior.coordinates[1], at: 1)
        let normalized = F.multi(exterior, holes: [hole]).normalized()
        #expect(normalized.polygons[0].exterior.signedAreaDegrees > 0)
        #expect(normalized.polygons[0].holes[0].signedAreaDegrees < 0)
        #expect(normalized.polygons[0].exterior.coordinates.count == 5)
    }

    @Test func largeRingValidatesQuickly() {
        // A 2,000-vertex star: valid, and many edges overlap in longitude.
        var pairs: [(Double, Double)] = []
        for k in 0..<2_000 {
            let angle = Double(k) / 2_000 * 2 * .pi
            let r = k % 2 == 0 ? 0.1 : 0.07
            pairs.append((118 + r * cos(angle), 36.8 + r * sin(angle)))
        }
        let star = F.multi(F.ring(pairs))
        let clock = ContinuousClock()
        var problems: [GeometryProblem] = []
        let elapsed = clock.measure { problems = star.validate() }
        #expect(problems.isEmpty)
        #expect(elapsed < .milliseconds(500))  // debug build; release is far faster (see GeoBench)
    }
}
