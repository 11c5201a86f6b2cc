import Foundation
import Testing
@testable import FinegrainCore

@Suite("PlanarPolygon clipping and splitting")
struct PlanarPolygonTests {
    static func polygon(_ pairs: [(Double, Double)]) -> PlanarPolygon {
        PlanarPolygon(points: pairs.map { PlanarPoint(x: $0.0, y: $0.1) })
    }

    /// A U: 10 × 10 with a 4 × 7 notch from the top.
    static let u = polygon([(0, 0), (10, 0), (10, 10), (7, 10), (7, 3), (3, 3), (3, 10), (0, 10)])

    /// A comb: base 9 × 1 with five 1 × 2 teeth pointing up (x in [0,1], [2,3], … [8,9]).
    static let comb: PlanarPolygon = {
        var pairs: [(Double, Double)] = [(0, 0), (9, 0)]
        for tooth in stride(from: 8.0, through: 0, by: -2) {
            pairs += [(tooth + 1, 3), (tooth, 3)]
            if tooth > 0 { pairs += [(tooth, 1), (tooth - 1, 1)] }
        }
        return polygon(pairs)
    }()

    static let up = PlanarPoint(x: 0, y: 1)
    static let down = PlanarPoint(x: 0, y: -1)

    /// The clipped area by Sutherland–Hodgman: one polygon with bridges, but the right area.
    static func referenceClippedArea(_ p: PlanarPolygon, _ n: PlanarPoint, _ c: Double) -> Double {
        var out: [PlanarPoint] = []
        let pts = p.points
        for i in pts.indices {
            let a = pts[i], b = pts[(i + 1) % pts.count]
            let da = n.dot(a) - c, db = n.dot(b) - c
            if da <= 0 { out.append(a) }
            if (da < 0 && db > 0) || (da > 0 && db < 0) {
                let t = da / (da - db)
                out.append(PlanarPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
            }
        }
        return PlanarPolygon(points: out).area
    }

    @Test func basicMeasures() {
        let square = Self.polygon([(0, 0), (10, 0), (10, 10), (0, 10)])
        #expect(square.area == 100 && square.signedArea == 100)
        #expect(PlanarPolygon(points: square.points.reversed()).signedArea == -100)
        #expect(square.centroid == PlanarPoint(x: 5, y: 5))
        #expect(square.bounds.min == PlanarPoint(x: 0, y: 0) && square.bounds.max == PlanarPoint(x: 10, y: 10))
        #expect(Self.u.area == 72)
        #expect(Self.comb.area == 19)
        #expect(Self.polygon([(0, 0), (1, 1)]).area == 0)
    }

    @Test func convexClip() {
        let square = Self.polygon([(0, 0), (10, 0), (10, 10), (0, 10)])
        let strip = square.clipped(toHalfPlane: PlanarPoint(x: 1, y: 0), offset: 4)
        #expect(strip.count == 1 && strip[0].area == 40)
        #expect(square.clipped(toHalfPlane: PlanarPoint(x: 1, y: 0), offset: 20) == [square])
        #expect(square.clipped(toHalfPlane: PlanarPoint(x: 1, y: 0), offset: -1).isEmpty)
        #expect(square.clipped(toHalfPlane: PlanarPoint(x: 1, y: 0), offset: 0).isEmpty)  // touches the line only
    }

    @Test func uCutAcrossBothArmsGivesTwoPieces() {
        let tips = Self.u.clipped(toHalfPlane: Self.down, offset: -5)  // y ≥ 5
        #expect(tips.count == 2)
        #expect(tips.map(\.area).sorted() == [15, 15])
        let base = Self.u.clipped(toHalfPlane: Self.up, offset: 5)  // y ≤ 5
        #expect(base.count == 1 && abs(base[0].area - 42) < 1e-12)
        #expect(abs(tips.reduce(0) { $0 + $1.area } + base[0].area - Self.u.area) < 1e-12)
    }

    @Test func combWithFiveTeethGivesFivePieces() {
        let teeth = Self.comb.clipped(toHalfPlane: Self.down, offset: -2)  // y ≥ 2
        #expect(teeth.count == 5)
        #expect(teeth.allSatisfy { abs($0.area - 1) < 1e-12 })
        let rest = Self.comb.clipped(toHalfPlane: Self.up, offset: 2)
        #expect(rest.count == 1 && abs(rest[0].area - 14) < 1e-12)
    }

    @Test func cutExactlyAlongEdgesHasNoBridges() {
        // The line y = 1 runs along the comb's edges between the teeth.
        let teeth = Self.comb.clipped(toHalfPlane: Self.down, offset: -1)
        #expect(teeth.count == 5)
        #expect(teeth.allSatisfy { abs($0.area - 2) < 1e-12 })
        let base = Self.comb.clipped(toHalfPlane: Self.up, offset: 1)
        #expect(base.count == 1 && abs(base[0].area - 9) < 1e-12)
        // The line y = 3 touches the teeth tips only.
        #expect(Self.comb.clipped(toHalfPlane: Self.down, offset: -3).isEmpty)
        // A line through the reflex corners of the U.
        let sides = Self.u.clipped(toHalfPlane: Self.down, offset: -3)
        #expect(sides.count == 2 && sides.allSatisfy { abs($0.area - 21) < 1e-12 })
    }

    @Test func lineThroughReflexVertexSplitsTouchingSectors() {
        // A "W"-like polygon whose middle reflex vertex touches the line y = 0 from above.
        let w = Self.polygon([(0, -2), (4, -2), (4, 2), (2, 0), (0, 2)])
        let top = w.clipped(toHalfPlane: Self.down, offset: 0)  // y ≥ 0: two triangles touching nothing
        #expect(top.count == 2)
        #expect(top.allSatisfy { abs($0.area - 2) < 1e-12 })
        let inverted = Self.polygon([(0, 2), (0, -2), (2, 0), (4, -2), (4, 2)])  // reflex vertex touches from below
        let lower = inverted.clipped(toHalfPlane: Self.up, offset: 0)  // y ≤ 0: two sectors meeting at (2, 0)
        #expect(lower.count == 2)
        #expect(lower.allSatisfy { abs($0.area - 2) < 1e-12 })
    }

    @Test func randomStarsConserveArea() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<300 {
            let n = Int.random(in: 5...60, using: &rng)
            var points: [PlanarPoint] = []
            for k in 0..<n {
                let angle = Double(k) / Double(n) * 2 * .pi
                let r = Double.random(in: 0.2...1, using: &rng)
                points.append(PlanarPoint(x: 1000 + r * 500 * cos(angle), y: -2000 + r * 500 * sin(angle)))
            }
            let star = PlanarPolygon(points: Bool.random(using: &rng) ? points : points.reversed())
            let angle = Double.random(in: 0..<(2 * .pi), using: &rng)
            let normal = PlanarPoint(x: cos(angle), y: sin(angle))
            // Half the lines pass exactly through a vertex.
            let offset =
                Bool.random(using: &rng)
                ? normal.dot(points[Int.random(in: 0..<n, using: &rng)])
                : normal.dot(PlanarPoint(x: 1000, y: -2000)) + Double.random(in: -400...400, using: &rng)
            let kept = star.clipped(toHalfPlane: normal, offset: offset)
            let rest = star.clipped(toHalfPlane: PlanarPoint(x: -normal.x, y: -normal.y), offset: -offset)
            let keptArea = kept.reduce(0) { $0 + $1.area }
            let restArea = rest.reduce(0) { $0 + $1.area }
            #expect(abs(keptArea + restArea - star.area) <= 1e-9 * star.area)
            #expect(abs(keptArea - Self.referenceClippedArea(star, normal, offset)) <= 1e-9 * star.area)
            for piece in kept {
                #expect(piece.points.allSatisfy { normal.dot($0) - offset <= 1e-9 * 500 })
                #expect((piece.signedArea > 0) == (star.signedArea > 0))
            }
        }
    }

    @Test func splitByFraction() {
        for (angle, fraction) in [(0.0, 0.3), (.pi / 2, 0.5), (1.0, 0.77), (2.5, 0.05)] {
            let (first, second) = [Self.u, Self.comb].split(alongAxisAngle: angle, fraction: fraction)
            let total = Self.u.area + Self.comb.area
            let a = first.reduce(0) { $0 + $1.area }, b = second.reduce(0) { $0 + $1.area }
            #expect(abs(a / total - fraction) < 1e-6)
            #expect(abs(a + b - total) < 1e-9 * total)
        }
        let (none, all) = PlanarPolygon.split([Self.u], alongAxisAngle: 0, fraction: 0)
        #expect(none.isEmpty && all == [Self.u])
        let (whole, nothing) = PlanarPolygon.split([Self.u], alongAxisAngle: 0, fraction: 1)
        #expect(whole == [Self.u] && nothing.isEmpty)
    }

    @Test func splitUAcrossArmsKeepsPiecesSeparate() {
        // Splitting horizontally at 80 % leaves the two arm tips as two pieces on the north side.
        let (south, north) = [Self.u].split(alongAxisAngle: .pi / 2, fraction: 0.8)
        #expect(south.count == 1)
        #expect(north.count == 2)
    }

    @Test func ringOnProjection() {
        let plane = LocalProjection(origin: Coordinate(lon: 118.05, lat: 36.81))
        let clockwise = PlanarPolygon(points: Self.u.points.reversed())
        let ring = clockwise.ring(on: plane)
        #expect(ring.isClosed)
        #expect(ring.coordinates.count == 9)
        #expect(ring.signedAreaDegrees > 0)
        #expect(abs(GeoFixtures.multi(ring).area - 72) < 0.01)
    }
}
