import FinegrainCore
import Foundation

/// Splits a planar shape into parts whose areas are in proportion to given weights, by recursive
/// bisection: the items are halved by weight, the shape is cut across its longer side by a line
/// placed (by bisection search) so that the areas match the weights, and each side recurses.
///
/// With a `seat` point, the first items are kept on the seat's side at every cut, so that listing
/// urban subdistricts first clusters them around the district's seat, as in a real city.
///
/// ```swift
/// let parts = AreaPartition.split(pieces, weights: [1, 1, 2.5], seat: seat)   // 3 arrays of pieces
/// ```
enum AreaPartition {
    static func split(_ pieces: [PlanarPolygon], weights: [Double], seat: PlanarPoint?) -> [[PlanarPolygon]] {
        guard weights.count > 1 else { return [pieces] }
        let total = weights.reduce(0, +)
        var cumulative = 0.0
        var k = 1
        for (i, w) in weights.enumerated().dropLast() {
            cumulative += w
            k = i + 1
            if cumulative >= total / 2 { break }
        }
        let firstWeight = weights[..<k].reduce(0, +)
        let bounds = boundsOf(pieces)
        var normal = (bounds.maxX - bounds.minX) >= (bounds.maxY - bounds.minY) ? PlanarPoint(x: 1, y: 0) : PlanarPoint(x: 0, y: 1)
        if let seat {
            let mid = normal.x == 1 ? (bounds.minX + bounds.maxX) / 2 : (bounds.minY + bounds.maxY) / 2
            let seatValue = normal.x == 1 ? seat.x : seat.y
            if seatValue > mid { normal = PlanarPoint(x: -normal.x, y: -normal.y) }
        }
        let (first, second) = PlanarPolygon.split(pieces, alongAxisAngle: atan2(normal.y, normal.x), fraction: firstWeight / total)
        return split(first, weights: Array(weights[..<k]), seat: seat)
            + split(second, weights: Array(weights[k...]), seat: nil)
    }

    static func area(_ pieces: [PlanarPolygon]) -> Double { pieces.reduce(0) { $0 + $1.area } }

    static func boundsOf(_ pieces: [PlanarPolygon]) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var b = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for p in pieces.lazy.flatMap(\.points) {
            b = (min(b.minX, p.x), min(b.minY, p.y), max(b.maxX, p.x), max(b.maxY, p.y))
        }
        return b
    }

    static func centroid(_ pieces: [PlanarPolygon]) -> PlanarPoint {
        var sx = 0.0, sy = 0.0, sa = 0.0
        for piece in pieces {
            let a = piece.area
            let c = piece.centroid
            sx += c.x * a
            sy += c.y * a
            sa += a
        }
        return sa > 0 ? PlanarPoint(x: sx / sa, y: sy / sa) : PlanarPoint(x: 0, y: 0)
    }
}
