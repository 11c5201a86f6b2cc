import Foundation

extension MultiPolygon {
    /// The smallest box holding every vertex.
    ///
    /// For a geometry without any position this is the *empty box* (min = +∞, max = −∞), which
    /// contains and intersects nothing and is the identity of ``BoundingBox/union(_:)``.
    public var boundingBox: BoundingBox {
        var box = BoundingBox(minLon: .infinity, minLat: .infinity, maxLon: -.infinity, maxLat: -.infinity)
        forEachRing { ring in
            for c in ring.coordinates {
                if c.lon < box.minLon { box.minLon = c.lon }
                if c.lon > box.maxLon { box.maxLon = c.lon }
                if c.lat < box.minLat { box.minLat = c.lat }
                if c.lat > box.maxLat { box.maxLat = c.lat }
            }
        }
        return box
    }

    /// The area in square metres on the WGS84 ellipsoid.
    ///
    /// Exactly equal-area: each vertex is mapped through the authalic latitude β onto the Lambert
    /// cylindrical equal-area plane, x = Rq·λ, y = Rq·sin β (Rq = a·√(qp/2)), where a planar polygon
    /// has the same area as the ellipsoidal one whose edges follow that projection's straight lines.
    /// For edges of a few hundred metres the difference from geodesic edges is negligible
    /// (the Zibo districts agree with pyproj's geodesic areas to better than 0.01 %).
    /// Each ring counts by absolute value — exterior minus holes — so orientation does not matter.
    public var area: Double {
        var total = 0.0
        for p in polygons {
            total += Self.equalAreaRingArea(p.exterior)
            for h in p.holes { total -= Self.equalAreaRingArea(h) }
        }
        return total
    }

    /// |Area| of one ring in m² in the Lambert cylindrical equal-area plane.
    static func equalAreaRingArea(_ ring: Ring) -> Double {
        let c = ring.coordinates
        guard c.count >= 3 else { return 0 }
        let rq = WGS84.authalicRadius
        let xScale = rq * .pi / 180
        let yScale = rq / WGS84.qp
        let lon0 = c[0].lon
        let y0 = WGS84.q(sinPhi: sin(c[0].lat * .pi / 180))
        var sum = 0.0
        var px = 0.0, py = 0.0
        for i in 1..<c.count {
            let x = (c[i].lon - lon0) * xScale
            let y = (WGS84.q(sinPhi: sin(c[i].lat * .pi / 180)) - y0) * yScale
            sum += px * y - x * py
            px = x
            py = y
        }
        return abs(sum) / 2
    }

    /// The area-weighted centroid, computed in a ``LocalProjection`` around the bounding-box centre.
    ///
    /// Holes are subtracted. Like any centroid it may lie outside a concave polygon. A geometry of
    /// zero area yields the bounding-box centre, one without positions (NaN, NaN).
    public var centroid: Coordinate {
        let box = boundingBox
        guard box.minLon <= box.maxLon else { return Coordinate(lon: .nan, lat: .nan) }
        let plane = LocalProjection(origin: box.center)
        var sumA = 0.0, sumX = 0.0, sumY = 0.0
        for p in polygons {
            for (index, ring) in p.rings.enumerated() {
                let (a, cx, cy) = Self.planarMoments(ring, plane)
                // Exterior counts positive and holes negative, whatever the orientation.
                let sign: Double = (index == 0) == (a >= 0) ? 1 : -1
                sumA += sign * a
                sumX += sign * cx
                sumY += sign * cy
            }
        }
        guard sumA != 0, sumA.isFinite else { return box.center }
        return plane.unproject(PlanarPoint(x: sumX / sumA, y: sumY / sumA))
    }

    /// Signed area A and first moments (A·x̄, A·ȳ) of a ring on `plane`.
    static func planarMoments(_ ring: Ring, _ plane: LocalProjection) -> (Double, Double, Double) {
        let c = ring.coordinates
        guard c.count >= 3 else { return (0, 0, 0) }
        var a = 0.0, mx = 0.0, my = 0.0
        var prev = plane.project(c[c.count - 1])
        for coordinate in c {
            let cur = plane.project(coordinate)
            let cross = prev.x * cur.y - cur.x * prev.y
            a += cross
            mx += (prev.x + cur.x) * cross
            my += (prev.y + cur.y) * cross
            prev = cur
        }
        return (a / 2, mx / 6, my / 6)
    }
}
