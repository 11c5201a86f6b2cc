import Foundation
import Testing
@testable import FinegrainCore

@Suite("MultiPolygon area and centroid")
struct AreaTests {
    /// Area of the ellipsoidal quadrangle between two meridians and two parallels, in the closed
    /// form (b²/2)·Δλ·[F(φ2) − F(φ1)], F(φ) = sinφ/(1 − e²sin²φ) + 1/(2e)·ln((1 + e sinφ)/(1 − e sinφ)).
    static func bandArea(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f), e = e2.squareRoot(), b2 = a * a * (1 - e2)
        func big(_ latDegrees: Double) -> Double {
            let s = sin(latDegrees * .pi / 180)
            return s / (1 - e2 * s * s) + 1 / (2 * e) * log((1 + e * s) / (1 - e * s))
        }
        return b2 / 2 * ((lon2 - lon1) * .pi / 180) * (big(lat2) - big(lat1))
    }

    /// The same area by Simpson integration of M(φ)·N(φ)·cosφ — an independent check of the closed form.
    static func integratedBandArea(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f)
        func g(_ phi: Double) -> Double {
            let w = 1 - e2 * sin(phi) * sin(phi)
            return a * (1 - e2) / pow(w, 1.5) * a / w.squareRoot() * cos(phi)
        }
        let n = 1_000
        let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180, h = (p2 - p1) / Double(n)
        var sum = g(p1) + g(p2)
        for k in 1..<n { sum += g(p1 + Double(k) * h) * (k % 2 == 1 ? 4 : 2) }
        return sum * h / 3 * ((lon2 - lon1) * .pi / 180)
    }

    @Test(arguments: [(118.0, 36.8, 0.01), (118.0, 36.8, 1.0), (-70.0, -45.0, 0.5), (10.0, 0.0, 2.0), (0.0, 80.0, 3.0)])
    func cellAreaMatchesClosedForm(lon: Double, lat: Double, size: Double) {
        let cell = GeoFixtures.multi(GeoFixtures.rectangle(lon, lat, lon + size, lat + size))
        let reference = Self.bandArea(lon1: lon, lat1: lat, lon2: lon + size, lat2: lat + size)
        let integrated = Self.integratedBandArea(lon1: lon, lat1: lat, lon2: lon + size, lat2: lat + size)
        #expect(abs(integrated - reference) / reference < 1e-10)
        #expect(abs(cell.area - reference) / reference < 1e-9)
    }

    @Test func smallCellNearZiboIsAboutOneSquareKilometre() {
        // 0.01° × 0.01° at 36.8° N: about 892.3 m east–west × 1,109.7 m north–south.
        let cell = GeoFixtures.multi(GeoFixtures.rectangle(118.0, 36.8, 118.01, 36.81))
        #expect(abs(cell.area - 892.3 * 1_109.7) / cell.area < 5e-4)
    }

    @Test func holesAreSubtractedAndOrientationIgnored() {
        let outer = GeoFixtures.rectangle(118.0, 36.8, 118.02, 36.82)
        let hole = GeoFixtures.rectangle(118.005, 36.805, 118.015, 36.815)
        let withHole = GeoFixtures.multi(outer, holes: [hole])
        let expected = GeoFixtures.multi(outer).area - GeoFixtures.multi(hole).area
        #expect(abs(withHole.area - expected) < 1e-6)
        let clockwise = GeoFixtures.multi(outer.reversed(), holes: [hole.reversed()])
        #expect(abs(clockwise.area - expected) < 1e-6)
    }

    @Test func ziboDistrictAreasMatchGeodesicReference() throws {
        let reference: [String: Double] = [
            "370302": 958.9, "370303": 359.3, "370304": 697.3, "370305": 666.9,
            "370306": 307.5, "370321": 504.0, "370322": 835.3, "370323": 1636.2,
        ]
        let districts = try GeoFixtures.ziboDistricts()
        #expect(districts.count == 8)
        for district in districts {
            let expected = try #require(reference[district.code]) * 1e6
            let relative = abs(district.geometry.area - expected) / expected
            #expect(relative < 1e-3, "\(district.code) \(district.name): \(district.geometry.area / 1e6) km²")
        }
    }

    @Test func centroidOfRectangleAndLShape() {
        let square = GeoFixtures.multi(GeoFixtures.rectangle(118.0, 36.8, 118.02, 36.82))
        let c = square.centroid
        #expect(abs(c.lon - 118.01) < 1e-9 && abs(c.lat - 36.81) < 2e-6)
        // An L of three equal unit cells (metric-ish near the equator): centroid pulled to the corner.
        let l = GeoFixtures.multi(GeoFixtures.ring([(0, 0), (0.02, 0), (0.02, 0.01), (0.01, 0.01), (0.01, 0.02), (0, 0.02)]))
        let lc = l.centroid
        #expect(abs(lc.lon - 0.05 / 6) < 1e-6 && abs(lc.lat - 0.05 / 6) < 1e-6)
    }

    @Test func centroidWithHoleMovesAwayFromHole() {
        let outer = GeoFixtures.rectangle(0, 0, 0.04, 0.02)
        let hole = GeoFixtures.rectangle(0.025, 0.005, 0.035, 0.015)
        let c = GeoFixtures.multi(outer, holes: [hole]).centroid
        #expect(c.lon < 0.02)
        #expect(abs(c.lat - 0.01) < 1e-6)
    }

    @Test func ziboCentroidsLieInsideTheirBoxes() throws {
        for district in try GeoFixtures.ziboDistricts() {
            #expect(district.geometry.boundingBox.contains(district.geometry.centroid))
        }
    }

    @Test func emptyGeometry() {
        let empty = MultiPolygon(polygons: [])
        #expect(empty.area == 0)
        #expect(!empty.boundingBox.contains(Coordinate(lon: 0, lat: 0)))
        #expect(!empty.contains(Coordinate(lon: 0, lat: 0)))
        #expect(empty.distanceToBoundary(Coordinate(lon: 0, lat: 0)) == .infinity)
    }
}
