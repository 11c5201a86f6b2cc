import Foundation

/// A simple polygon on a metric plane (no holes), the working shape of the demo-city generator.
///
/// The generator carves districts into towns and towns into grid cells in metres, on a
/// ``LocalProjection``, then maps the result back to coordinates. The ring is implicitly closed:
/// the first point is *not* repeated at the end (a repeated closing point is tolerated and ignored
/// by the algorithms). Either orientation is accepted; ``area`` is absolute and ``signedArea``
/// tells the orientation.
///
/// ```swift
/// let square = PlanarPolygon(points: [.init(x: 0, y: 0), .init(x: 10, y: 0), .init(x: 10, y: 10), .init(x: 0, y: 10)])
/// square.area                                                       // 100
/// square.clipped(toHalfPlane: PlanarPoint(x: 1, y: 0), offset: 4)   // the 4 × 10 strip x ≤ 4
/// ```
public struct PlanarPolygon: Hashable, Sendable {
    /// The vertices in order, without a closing repeat.
    public var points: [PlanarPoint]

    /// Creates a polygon from its vertices.
    public init(points: [PlanarPoint]) {
        self.points = points
    }

    /// Shoelace area, positive when the points run counter-clockwise.
    public var signedArea: Double {
        guard points.count >= 3 else { return 0 }
        let o = points[0]
        var sum = 0.0
        var px = 0.0, py = 0.0
        for p in points.dropFirst() {
            let x = p.x - o.x, y = p.y - o.y
            sum += px * y - x * py
            px = x
            py = y
        }
        return sum / 2
    }

    /// The enclosed area (absolute value of ``signedArea``).
    public var area: Double { abs(signedArea) }

    /// The area centroid; the mean of the points for a polygon of zero area.
    public var centroid: PlanarPoint {
        guard points.count >= 3 else { return mean }
        let o = points[0]
        var a = 0.0, mx = 0.0, my = 0.0
        var prev = PlanarPoint(x: 0, y: 0)
        for p in points.dropFirst() {
            let cur = PlanarPoint(x: p.x - o.x, y: p.y - o.y)
            let cross = prev.x * cur.y - cur.x * prev.y
            a += cross
            mx += (prev.x + cur.x) * cross
            my += (prev.y + cur.y) * cross
            prev = cur
        }
        guard a != 0 else { return mean }
        return PlanarPoint(x: o.x + mx / (3 * a), y: o.y + my / (3 * a))
    }

    private var mean: PlanarPoint {
        guard !points.isEmpty else { return PlanarPoint(x: .nan, y: .nan) }
        let n = Double(points.count)
        return PlanarPoint(x: points.reduce(0) { $0 + $1.x } / n, y: points.reduce(0) { $0 + $1.y } / n)
    }

    /// The axis-aligned bounds; (+∞, +∞)…(−∞, −∞) for a polygon without points.
    public var bounds: (min: PlanarPoint, max: PlanarPoint) {
        var lo = PlanarPoint(x: .infinity, y: .infinity)
        var hi = PlanarPoint(x: -.infinity, y: -.infinity)
        for p in points {
            lo.x = Swift.min(lo.x, p.x)
            lo.y = Swift.min(lo.y, p.y)
            hi.x = Swift.max(hi.x, p.x)
            hi.y = Swift.max(hi.y, p.y)
        }
        return (lo, hi)
    }

    /// Whether `p` is inside (odd crossing number; boundary points may go either way).
    public func contains(_ p: PlanarPoint) -> Bool {
        guard let last = points.last else { return false }
        var inside = false
        var a = last
        for b in points {
            if (a.y > p.y) != (b.y > p.y) {
                let xint = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if p.x < xint { inside.toggle() }
            }
            a = b
        }
        return inside
    }

    /// The polygon on `projection`'s plane as a WGS84 ring: closed and counter-clockwise.
    public func ring(on projection: LocalProjection) -> Ring {
        var pts = points
        if pts.count > 1, pts.first == pts.last { pts.removeLast() }
        if signedArea < 0 { pts.reverse() }
        var coordinates = pts.map(projection.unproject)
        if let first = coordinates.first { coordinates.append(first) }
        return Ring(coordinates: coordinates)
    }
}
