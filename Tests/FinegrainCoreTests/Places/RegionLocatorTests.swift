import Testing

@testable import FinegrainCore

@Suite("RegionLocator — point to grid to city")
struct RegionLocatorTests {
    let locator: RegionLocator

    init() throws {
        locator = RegionLocator(regions: try RegionFixtures.importing(RegionFixtures.allFeatures).get())
    }

    @Test("a point inside a grid gets the whole chain, finest first")
    func chain() {
        let chain = locator.locate(Coordinate(lon: 118.005, lat: 36.715))
        #expect(chain.map(\.code) == ["370303001001001", "370303001001", "370303001", "370303", "370300"])
    }

    @Test("where no grid covers the point, the chain starts higher up")
    func coarser() {
        #expect(locator.locate(Coordinate(lon: 118.04, lat: 36.74)).first?.code == "370303001")
        #expect(locator.locate(Coordinate(lon: 118.15, lat: 36.85)).first?.code == "370300")
        #expect(locator.locate(Coordinate(lon: 119, lat: 36.85)).isEmpty)
    }

    @Test("points on shared edges and the shared vertex belong to exactly one grid: east, then north")
    func sharedBoundaries() {
        // Shared vertical edge x = 118.01 between grid 1 (west) and grid 2 (east): goes east.
        #expect(locator.finest(containing: Coordinate(lon: 118.01, lat: 36.715))?.code == "370303001001002")
        // Shared horizontal edge y = 36.71 between grid 3 (south) and grid 1 (north): goes north.
        #expect(locator.finest(containing: Coordinate(lon: 118.005, lat: 36.71))?.code == "370303001001001")
        // The vertex shared by all four grids: north-east.
        #expect(locator.finest(containing: Coordinate(lon: 118.01, lat: 36.71))?.code == "370303001001002")
    }

    @Test("the index answers exactly as a linear scan on random points")
    func matchesScan() {
        var random = SeededGenerator(seed: 42)
        let box = BoundingBox(minLon: 117.95, minLat: 36.65, maxLon: 118.25, maxLat: 36.95)
        for _ in 0..<2_000 {
            let p = random.coordinate(in: box)
            #expect(locator.finest(containing: p)?.code == locator.finestByScan(containing: p)?.code)
        }
    }
}

@Suite("MultiPolygon.dissolvedPartition — union of a clean partition")
struct DissolveTests {
    static func square(_ x: Double, _ y: Double, _ s: Double) -> Polygon {
        Polygon(exterior: Ring(coordinates: [
            Coordinate(lon: x, lat: y), Coordinate(lon: x + s, lat: y), Coordinate(lon: x + s, lat: y + s),
            Coordinate(lon: x, lat: y + s), Coordinate(lon: x, lat: y),
        ]))
    }

    @Test("four squares dissolve into one square of the same area")
    func fourSquares() throws {
        let parts = MultiPolygon(polygons: [
            Self.square(0, 0, 1), Self.square(1, 0, 1), Self.square(0, 1, 1), Self.square(1, 1, 1),
        ])
        let union = try #require(parts.dissolvedPartition())
        #expect(union.polygons.count == 1)
        #expect(union.polygons[0].holes.isEmpty)
        #expect(abs(union.area - parts.area) / parts.area < 1e-12)
    }

    @Test("a ring of eight squares leaves a hole")
    func ringWithHole() throws {
        var squares: [Polygon] = []
        for x in 0..<3 { for y in 0..<3 where !(x == 1 && y == 1) { squares.append(Self.square(Double(x), Double(y), 1)) } }
        let union = try #require(MultiPolygon(polygons: squares).dissolvedPartition())
        #expect(union.polygons.count == 1)
        #expect(union.polygons[0].holes.count == 1)
        #expect(!union.contains(Coordinate(lon: 1.5, lat: 1.5)))
        #expect(union.contains(Coordinate(lon: 0.5, lat: 1.5)))
    }

    @Test("parts that do not share vertices are not a clean partition")
    func unclean() {
        // The right square's shared edge has an extra vertex: a T-junction.
        let left = Self.square(0, 0, 1)
        let right = Polygon(exterior: Ring(coordinates: [
            Coordinate(lon: 1, lat: 0), Coordinate(lon: 2, lat: 0), Coordinate(lon: 2, lat: 1), Coordinate(lon: 1, lat: 1),
            Coordinate(lon: 1, lat: 0.5), Coordinate(lon: 1, lat: 0),
        ]))
        #expect(MultiPolygon(polygons: [left, right]).dissolvedPartition() == nil)
    }
}
