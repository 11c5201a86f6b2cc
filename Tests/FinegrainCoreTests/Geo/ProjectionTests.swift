import Foundation
import Testing
@testable import FinegrainCore

@Suite("GCJ-02 and LocalProjection")
struct ProjectionTests {
    @Test func gcj02KnownPair() {
        let wgs = Coordinate(lon: 118.05, lat: 36.81)
        let gcj = GCJ02.fromWGS84(wgs)
        // Pinned output of the standard forward formula.
        #expect(abs(gcj.lon - 118.056070608) < 1e-9)
        #expect(abs(gcj.lat - 36.810512045) < 1e-9)
        let shift = gcj.lon - wgs.lon
        #expect(shift > 0.0056 && shift < 0.0062)
    }

    @Test func gcj02RoundTripAcrossChina() {
        var rng = SeededGenerator(seed: 2)
        var worst = 0.0
        for _ in 0..<2_000 {
            let wgs = Coordinate(lon: Double.random(in: 73...135, using: &rng), lat: Double.random(in: 18...53, using: &rng))
            let back = GCJ02.toWGS84(GCJ02.fromWGS84(wgs))
            worst = max(worst, abs(back.lon - wgs.lon), abs(back.lat - wgs.lat))
        }
        #expect(worst < 1e-9)
    }

    @Test func gcj02LeavesPointsOutsideChinaUnchanged() {
        let paris = Coordinate(lon: 2.35, lat: 48.85)
        #expect(GCJ02.fromWGS84(paris) == paris)
        #expect(GCJ02.toWGS84(paris) == paris)
    }

    @Test func localProjectionRoundTripAndScale() {
        let origin = Coordinate(lon: 118.05, lat: 36.81)
        let plane = LocalProjection(origin: origin)
        #expect(plane.project(origin) == PlanarPoint(x: 0, y: 0))
        // One degree of latitude at 36.81° N is 110,974.1 m; of longitude 89,232.7 m (M and N·cosφ).
        #expect(abs(plane.metresPerDegreeLat - 110_974.08) < 0.01)
        #expect(abs(plane.metresPerDegreeLon - 89_232.66) < 0.01)
        let c = Coordinate(lon: 118.13, lat: 36.74)
        let back = plane.unproject(plane.project(c))
        #expect(abs(back.lon - c.lon) < 1e-12 && abs(back.lat - c.lat) < 1e-12)
    }

    @Test func localProjectionWrapsTheAntimeridian() {
        let plane = LocalProjection(origin: Coordinate(lon: 179.99, lat: 0))
        let p = plane.project(Coordinate(lon: -179.99, lat: 0))
        #expect(p.x > 0 && p.x < 2_300)
        let back = plane.unproject(p)
        #expect(abs(back.lon - -179.99) < 1e-9)
    }
}
