import Foundation
import Testing
@testable import FinegrainCore

@Suite("MultiPolygon containment, distance and isWithin")
struct ContainsTests {
    /// An n × n partition of squares of side `step` starting at (118, 36).
    static func grid(_ n: Int, step: Double) -> [MultiPolygon] {
        var cells: [MultiPolygon] = []
        for i in 0..<n {
            for j in 0..<n {
                let x = 118 + Double(i) * step, y = 36 + Double(j) * step
                cells.append(GeoFixtures.multi(GeoFixtures.rectangle(x, y, x + step, y + step)))
            }
        }
        return cells
    }

    /// Checks that each probe lies in exactly one cell, or in none on the outer east/north boundary.
    static func expectPartition(_ cells: [MultiPolygon], probes: [Coordinate], maxLon: Double, maxLat: Double) {
        for p in probes {
            let count = cells.filter { $0.contains(p) }.count
            let outerEastOrNorth = p.lon == maxLon || p.lat == maxLat
            #expect(count == (outerEastOrNorth ? 0 : 1), "probe \(p) lies in \(count) cells")
        }
    }

    @Test(arguments: [2, 3])
    func squarePartitionAssignsEveryPointOnce(n: Int) {
        let step = 0.25
        let cells = Self.grid(n, step: step)
        var probes: [Coordinate] = []
        let k = 4 * n  // every vertex, edge midpoint, quarter point and cell interior point
        for i in 0...k {
            for j in 0...k {
                probes.append(Coordinate(lon: 118 + Double(i) * step / 4, lat: 36 + Double(j) * step / 4))
            }
        }
        Self.expectPartition(cells, probes: probes, maxLon: 118 + Double(n) * step, maxLat: 36 + Double(n) * step)
    }

    @Test func sharedEdgesGoEastAndNorth() {
        let cells = Self.grid(2, step: 0.25)  // 0: SW, 1: NW, 2: SE, 3: NE
        // On the vertical edge between SW and SE: SE (east).
        #expect(cells[2].contains(Coordinate(lon: 118.25, lat: 36.1)))
        #expect(!cells[0].contains(Coordinate(lon: 118.25, lat: 36.1)))
        // On the horizontal edge between SW and NW: NW (north).
        #expect(cells[1].contains(Coordinate(lon: 118.1, lat: 36.25)))
        #expect(!cells[0].contains(Coordinate(lon: 118.1, lat: 36.25)))
        // The shared centre vertex: NE.
        #expect(cells[3].contains(Coordinate(lon: 118.25, lat: 36.25)))
    }

    @Test func fanPartitionWithDiagonalEdgesAndSharedCentre() {
        // A square split into four triangles around an off-centre vertex: every shared edge is diagonal.
        let c = (1.25, 1.75)
        let corners = [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0)]
        let cells = (0..<4).map { k in GeoFixtures.multi(GeoFixtures.ring([c, corners[k], corners[(k + 1) % 4]])) }
        var probes: [Coordinate] = []
        for i in 0...24 {
            for j in 0...24 { probes.append(Coordinate(lon: Double(i) * 0.125, lat: Double(j) * 0.125)) }
        }
        for corner in corners {
            for k in 0...16 {
                let t = Double(k) / 16
                probes.append(Coordinate(lon: c.0 + t * (corner.0 - c.0), lat: c.1 + t * (corner.1 - c.1)))
            }
        }
        probes.append(Coordinate(lon: c.0, lat: c.1))
        Self.expectPartition(cells, probes: probes, maxLon: 3, maxLat: 3)
    }

    @Test func diagonalSplitOfSquare() {
        let lower = GeoFixtures.multi(GeoFixtures.ring([(0, 0), (2, 0), (2, 2)]))
        let upper = GeoFixtures.multi(GeoFixtures.ring([(0, 0), (2, 2), (0, 2)]))
        var probes: [Coordinate] = []
        for i in 0...16 {
            for j in 0...16 { probes.append(Coordinate(lon: Double(i) / 8, lat: Double(j) / 8)) }
        }
        Self.expectPartition([lower, upper], probes: probes, maxLon: 2, maxLat: 2)
        // A point on the diagonal belongs to the polygon east of it.
        #expect(lower.contains(Coordinate(lon: 1, lat: 1)))
        #expect(!upper.contains(Coordinate(lon: 1, lat: 1)))
    }

    @Test func holesAreOutside() {
        let withHole = GeoFixtures.multi(GeoFixtures.rectangle(0, 0, 4, 4), holes: [GeoFixtures.rectangle(1, 1, 3, 3)])
        #expect(!withHole.contains(Coordinate(lon: 2, lat: 2)))
        #expect(withHole.contains(Coordinate(lon: 0.5, lat: 2)))
        // The polygon with the hole and an island filling the hole partition the square: hole edges go to exactly one.
        let island = GeoFixtures.multi(GeoFixtures.rectangle(1, 1, 3, 3))
        for p in [Coordinate(lon: 1, lat: 2), Coordinate(lon: 3, lat: 2), Coordinate(lon: 2, lat: 1), Coordinate(lon: 2, lat: 3)] {
            #expect(withHole.contains(p) != island.contains(p), "\(p)")
        }
    }

    @Test func ziboPointIsInZhangdianOnly() throws {
        let point = Coordinate(lon: 118.05, lat: 36.81)
        let containing = try GeoFixtures.ziboDistricts().filter { $0.geometry.contains(point) }.map(\.code)
        #expect(containing == ["370303"])
    }

    @Test func ziboDistrictsFormAPartition() throws {
        let districts = try GeoFixtures.ziboDistricts()
        var rng = SeededGenerator(seed: 7)
        let box = districts.map(\.geometry.boundingBox).reduce(districts[0].geometry.boundingBox) { $0.union($1) }
        var inside = 0
        let boxes = districts.map(\.geometry.boundingBox)
        for _ in 0..<2_000 {
            let p = Coordinate(
                lon: Double.random(in: box.minLon...box.maxLon, using: &rng), lat: Double.random(in: box.minLat...box.maxLat, using: &rng))
            let count = districts.indices.filter { boxes[$0].contains(p) && districts[$0].geometry.contains(p) }.count
            #expect(count <= 1)
            inside += count
        }
        #expect(inside > 500)
        // Vertices on shared boundaries belong to at most one district.
        for district in districts {
            for v in district.geometry.polygons[0].exterior.coordinates {
                let count = districts.indices.filter { boxes[$0].contains(v) && districts[$0].geometry.contains(v) }.count
                #expect(count <= 1, "\(district.code) vertex \(v)")
            }
        }
    }

    @Test func distanceToBoundaryInMetres() {
        // A 0.02° square near Zibo; the centre is 0.01° of latitude (≈ 1,109.7 m) from the north and
        // south edges and 0.01° of longitude (≈ 892.3 m) from the east and west ones.
        let square = GeoFixtures.multi(GeoFixtures.rectangle(118.0, 36.8, 118.02, 36.82))
        let d = square.distanceToBoundary(Coordinate(lon: 118.01, lat: 36.81))
        #expect(abs(d - 892.3) < 0.1)
        #expect(square.distanceToBoundary(Coordinate(lon: 118.0, lat: 36.81)) < 1e-6)
        let outside = square.distanceToBoundary(Coordinate(lon: 118.01, lat: 36.83))
        #expect(abs(outside - 1_109.7) < 0.1)
    }

    @Test func isWithinIsVertexBasedWithTolerance() {
        let parent = GeoFixtures.multi(GeoFixtures.rectangle(118.0, 36.8, 118.02, 36.82))
        let child = GeoFixtures.multi(GeoFixtures.rectangle(118.005, 36.805, 118.015, 36.815))
        #expect(child.isWithin(parent, toleranceMeters: 0))
        // Sticking out 0.0001° (≈ 9 m) east: rejected at 5 m, accepted at 20 m.
        let bulging = GeoFixtures.multi(GeoFixtures.rectangle(118.005, 36.805, 118.0201, 36.815))
        #expect(!bulging.isWithin(parent, toleranceMeters: 5))
        #expect(bulging.isWithin(parent, toleranceMeters: 20))
        // A child sharing the parent's north-east boundary is accepted with a tiny tolerance.
        #expect(parent.isWithin(parent, toleranceMeters: 0.001))
        let far = GeoFixtures.multi(GeoFixtures.rectangle(119, 37, 119.01, 37.01))
        #expect(!far.isWithin(parent, toleranceMeters: 1_000))
    }

    @Test func ziboDistrictsAreWithinTheirUnionBox() throws {
        let districts = try GeoFixtures.ziboDistricts()
        let zhangdian = try #require(districts.first { $0.code == "370303" })
        #expect(zhangdian.geometry.isWithin(zhangdian.geometry, toleranceMeters: 1))
        let zichuan = try #require(districts.first { $0.code == "370302" })
        #expect(!zichuan.geometry.isWithin(zhangdian.geometry, toleranceMeters: 20))
    }
}
