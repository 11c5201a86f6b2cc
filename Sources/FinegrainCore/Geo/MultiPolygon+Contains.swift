import Foundation

extension MultiPolygon {
    /// Whether `point` is inside the geometry, under a deterministic half-open boundary rule.
    ///
    /// Crossing-number test with a ray going east. Each edge is evaluated with its endpoints in a
    /// canonical order (sorted by (lat, lon)), so two polygons sharing an edge compute bit-identical
    /// intersections. An edge counts when exactly one endpoint is strictly north of the point
    /// (`(y1 > py) != (y2 > py)`) and the point is strictly west of the intersection (`px < xint`).
    ///
    /// Consequences, for polygons that partition an area (districts, towns, grid cells):
    /// - a point on a shared non-horizontal edge belongs to the polygon to its **east**;
    /// - a point on a shared horizontal edge belongs to the polygon to its **north**;
    /// - a shared vertex belongs to exactly one polygon: the one covering the point nudged
    ///   infinitesimally east, then north;
    /// - points on the *outer* east or north boundary of the partition belong to no polygon
    ///   (as with every half-open rule); points on the outer west and south boundary are inside.
    ///
    /// A point in a hole is outside. Rings are treated as closed even if the last position is missing.
    ///
    /// ```swift
    /// zhangdian.contains(Coordinate(lon: 118.05, lat: 36.81))   // true
    /// ```
    public func contains(_ point: Coordinate) -> Bool {
        for polygon in polygons where Self.polygonContains(polygon, point) {
            return true
        }
        return false
    }

    /// Odd–even crossing parity over all rings of one polygon.
    static func polygonContains(_ polygon: Polygon, _ point: Coordinate) -> Bool {
        var inside = crossingParity(polygon.exterior.coordinates, point)
        guard inside else { return false }
        for hole in polygon.holes where crossingParity(hole.coordinates, point) {
            inside.toggle()
        }
        return inside
    }

    /// Crossing parity of one ring (implicitly closed) under the half-open rule.
    static func crossingParity(_ c: [Coordinate], _ point: Coordinate) -> Bool {
        let n = c.count
        guard n >= 2 else { return false }
        let px = point.lon, py = point.lat
        var inside = false
        var a = c[n - 1]  // closing edge first; zero-length if the ring is closed
        for b in c {
            // Canonical order: lo is the endpoint smaller in (lat, lon).
            let aFirst = a.lat < b.lat || (a.lat == b.lat && a.lon <= b.lon)
            let lo = aFirst ? a : b
            let hi = aFirst ? b : a
            if lo.lat <= py && hi.lat > py {
                let xint = lo.lon + (py - lo.lat) * (hi.lon - lo.lon) / (hi.lat - lo.lat)
                if px < xint { inside.toggle() }
            }
            a = b
        }
        return inside
    }

    /// The shortest distance in metres from `point` to any ring edge (exterior or hole), whether the
    /// point is inside or outside; `.infinity` for a geometry without edges.
    ///
    /// Measured in a ``LocalProjection`` centred on `point`, so it is accurate for distances up to
    /// about 100 km — the scale of boundary tolerances.
    ///
    /// ```swift
    /// district.distanceToBoundary(Coordinate(lon: 118.05, lat: 36.81))   // metres
    /// ```
    public func distanceToBoundary(_ point: Coordinate) -> Double {
        let plane = LocalProjection(origin: point)
        var best = Double.infinity
        forEachRing { ring in
            let c = ring.coordinates
            guard let last = c.last else { return }
            var a = plane.project(last)
            for coordinate in c {
                let b = plane.project(coordinate)
                best = Swift.min(best, Self.squaredDistanceToOrigin(a, b))
                a = b
            }
        }
        return best.squareRoot()
    }

    /// Squared distance from (0, 0) to segment ab.
    @inline(__always)
    static func squaredDistanceToOrigin(_ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        var t = len2 > 0 ? -(a.x * dx + a.y * dy) / len2 : 0
        t = Swift.min(1, Swift.max(0, t))
        let x = a.x + t * dx, y = a.y + t * dy
        return x * x + y * y
    }

    /// Whether this geometry lies inside `parent`, allowing boundaries that differ by up to
    /// `toleranceMeters` (the import's child-inside-parent check).
    ///
    /// **Vertex-based:** every vertex of every ring of `self` must be inside `parent`
    /// (``contains(_:)``) or within `toleranceMeters` of its boundary. An edge of `self` that
    /// leaves the parent between two accepted vertices is not detected, nor is a parent hole
    /// lying wholly inside `self`; for region boundaries digitised from the same sources this is
    /// the useful and fast check.
    ///
    /// ```swift
    /// town.isWithin(district, toleranceMeters: 20)
    /// ```
    public func isWithin(_ parent: MultiPolygon, toleranceMeters: Double) -> Bool {
        let parentBox = parent.boundingBox
        // Degrees of margin that surely exceed the tolerance at any latitude below 89°.
        let marginLat = toleranceMeters / 110_000 * 1.1
        var ok = true
        forEachRing { ring in
            guard ok else { return }
            for v in ring.coordinates {
                let marginLon = marginLat / Swift.max(cos(v.lat * .pi / 180), 0.01)
                if v.lon < parentBox.minLon - marginLon || v.lon > parentBox.maxLon + marginLon
                    || v.lat < parentBox.minLat - marginLat || v.lat > parentBox.maxLat + marginLat
                {
                    ok = false
                    return
                }
                if parent.contains(v) { continue }
                if parent.distanceToBoundary(v) <= toleranceMeters { continue }
                ok = false
                return
            }
        }
        return ok
    }
}
