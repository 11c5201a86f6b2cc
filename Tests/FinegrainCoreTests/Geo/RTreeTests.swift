import Foundation
import Testing
@testable import FinegrainCore

@Suite("RTree")
struct RTreeTests {
    static func randomBox(_ rng: inout SeededGenerator, maxSize: Double) -> BoundingBox {
        let x = Double.random(in: 117.5...118.5, using: &rng), y = Double.random(in: 36...37, using: &rng)
        return BoundingBox(
            minLon: x, minLat: y, maxLon: x + Double.random(in: 0...maxSize, using: &rng), maxLat: y + Double.random(in: 0...maxSize, using: &rng))
    }

    /// Brute force over flat arrays, fast enough in a debug build.
    struct BruteForce {
        let minLon: [Double], minLat: [Double], maxLon: [Double], maxLat: [Double]

        init(_ boxes: [BoundingBox]) {
            minLon = boxes.map(\.minLon)
            minLat = boxes.map(\.minLat)
            maxLon = boxes.map(\.maxLon)
            maxLat = boxes.map(\.maxLat)
        }

        func containing(_ p: Coordinate) -> [Int] {
            scan { x0, y0, x1, y1 in p.lon >= x0 && p.lon <= x1 && p.lat >= y0 && p.lat <= y1 }
        }

        func intersecting(_ q: BoundingBox) -> [Int] {
            scan { x0, y0, x1, y1 in x0 <= q.maxLon && x1 >= q.minLon && y0 <= q.maxLat && y1 >= q.minLat }
        }

        private func scan(_ hit: (Double, Double, Double, Double) -> Bool) -> [Int] {
            var out: [Int] = []
            minLon.withUnsafeBufferPointer { x0 in
                minLat.withUnsafeBufferPointer { y0 in
                    maxLon.withUnsafeBufferPointer { x1 in
                        maxLat.withUnsafeBufferPointer { y1 in
                            var i = 0
                            while i < x0.count {
                                if hit(x0[i], y0[i], x1[i], y1[i]) { out.append(i) }
                                i += 1
                            }
                        }
                    }
                }
            }
            return out
        }
    }

    @Test(arguments: [(16, 10_000), (4, 2_000)])
    func matchesBruteForce(nodeCapacity: Int, n: Int) {
        var rng = SeededGenerator(seed: UInt64(nodeCapacity))
        let boxes = (0..<n).map { _ in Self.randomBox(&rng, maxSize: 0.02) }
        let brute = BruteForce(boxes)
        let tree = RTree(boxes.enumerated().map { (box: $0.element, payload: $0.offset) }, nodeCapacity: nodeCapacity)
        #expect(tree.count == n)
        #expect(tree.height >= 3)
        var hits = 0
        for _ in 0..<n {
            let p = Coordinate(lon: Double.random(in: 117.5...118.5, using: &rng), lat: Double.random(in: 36...37, using: &rng))
            let expected = brute.containing(p)
            hits += expected.count
            #expect(tree.search(containing: p).sorted() == expected)
        }
        #expect(hits > n / 100)
        for _ in 0..<n {
            let q = Self.randomBox(&rng, maxSize: 0.05)
            #expect(tree.search(intersecting: q).sorted() == brute.intersecting(q))
        }
    }

    @Test func boxCornersAndEdgesAreFound() {
        let boxes: [BoundingBox] = (0..<100).map { (i: Int) -> BoundingBox in
            let x = Double(i % 10), y = Double(i / 10)
            return BoundingBox(minLon: x, minLat: y, maxLon: x + 1, maxLat: y + 1)
        }
        let tree = RTree(boxes.enumerated().map { (box: $0.element, payload: $0.offset) }, nodeCapacity: 4)
        #expect(tree.search(containing: Coordinate(lon: 5, lat: 5)).sorted() == [44, 45, 54, 55])
        #expect(tree.search(containing: Coordinate(lon: 10, lat: 10)) == [99])
        #expect(tree.search(containing: Coordinate(lon: 10.001, lat: 10)).isEmpty)
    }

    @Test func emptyAndSingle() {
        let empty = RTree<String>([])
        #expect(empty.count == 0 && empty.height == 0)
        #expect(empty.search(containing: Coordinate(lon: 0, lat: 0)).isEmpty)
        #expect(empty.search(intersecting: BoundingBox(minLon: -180, minLat: -90, maxLon: 180, maxLat: 90)).isEmpty)
        let box = BoundingBox(minLon: 1, minLat: 1, maxLon: 2, maxLat: 2)
        let single = RTree([(box: box, payload: "a")])
        #expect(single.count == 1 && single.height == 1)
        #expect(single.search(containing: Coordinate(lon: 1.5, lat: 2)) == ["a"])
        #expect(single.search(containing: Coordinate(lon: 0.5, lat: 2)).isEmpty)
        #expect(single.search(intersecting: BoundingBox(minLon: 2, minLat: 0, maxLon: 3, maxLat: 1)) == ["a"])
    }

    @Test func duplicatesAndDegenerateBoxes() {
        let point = BoundingBox(minLon: 118, minLat: 36, maxLon: 118, maxLat: 36)
        let tree = RTree((0..<50).map { (box: point, payload: $0) }, nodeCapacity: 4)
        #expect(tree.search(containing: Coordinate(lon: 118, lat: 36)).sorted() == Array(0..<50))
    }

    @Test func memoryIsCompact() {
        var rng = SeededGenerator(seed: 3)
        let tree = RTree((0..<40_000).map { (box: Self.randomBox(&rng, maxSize: 0.003), payload: $0) })
        // 32 bytes of box and 8 of payload per entry, plus about 1/15 of that for the nodes.
        #expect(tree.approximateMemoryBytes < 40_000 * 48)
        #expect(tree.height == 4)
    }
}
