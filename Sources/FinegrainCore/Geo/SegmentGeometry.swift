import Foundation

/// Exact-as-doubles-allow predicates on lon/lat segments used by validation.
enum SegmentGeometry {
    /// How two closed segments meet.
    enum Meeting {
        /// They do not meet.
        case none
        /// They cross at a point interior to both.
        case cross(Coordinate)
        /// They meet at one point that is an endpoint of at least one of them.
        case touch(Coordinate)
        /// They are collinear and share a stretch of positive length, starting at the point.
        case overlap(Coordinate)
    }

    /// Twice the signed area of triangle abc: > 0 when c is left of a→b.
    @inline(__always)
    static func orient(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Double {
        (b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon)
    }

    /// Whether c, known to be collinear with ab, lies within ab's box.
    @inline(__always)
    static func within(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Bool {
        Swift.min(a.lon, b.lon) <= c.lon && c.lon <= Swift.max(a.lon, b.lon)
            && Swift.min(a.lat, b.lat) <= c.lat && c.lat <= Swift.max(a.lat, b.lat)
    }

    /// Whether `p` lies on segment ab.
    static func onSegment(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Bool {
        orient(a, b, p) == 0 && within(a, b, p)
    }

    /// How segments ab and cd meet.
    static func meet(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Meeting {
        let o1 = orient(a, b, c), o2 = orient(a, b, d)
        let o3 = orient(c, d, a), o4 = orient(c, d, b)
        if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) {
            let t = o3 / (o3 - o4)
            return .cross(Coordinate(lon: a.lon + t * (b.lon - a.lon), lat: a.lat + t * (b.lat - a.lat)))
        }
        if o1 == 0 && o2 == 0 {
            // Collinear: compare along the dominant axis.
            let useLon = abs(b.lon - a.lon) >= abs(b.lat - a.lat)
            func key(_ p: Coordinate) -> Double { useLon ? p.lon : p.lat }
            let (s1, e1) = key(a) <= key(b) ? (a, b) : (b, a)
            let (s2, e2) = key(c) <= key(d) ? (c, d) : (d, c)
            let start = key(s1) >= key(s2) ? s1 : s2
            let end = key(e1) <= key(e2) ? e1 : e2
            if key(start) < key(end) { return .overlap(start) }
            if key(start) == key(end) && start == end { return .touch(start) }
            return .none
        }
        if o1 == 0 && within(a, b, c) { return .touch(c) }
        if o2 == 0 && within(a, b, d) { return .touch(d) }
        if o3 == 0 && within(c, d, a) { return .touch(a) }
        if o4 == 0 && within(c, d, b) { return .touch(b) }
        return .none
    }

    /// Where a point is relative to a ring (implicitly closed).
    enum Location { case inside, outside, boundary }

    /// Locates `p` relative to `ring`, detecting the boundary exactly.
    static func locate(_ p: Coordinate, in ring: [Coordinate]) -> Location {
        guard let last = ring.last else { return .outside }
        var inside = false
        var a = last
        for b in ring {
            if onSegment(p, a, b) { return .boundary }
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let xint = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat)
                if p.lon < xint { inside.toggle() }
            }
            a = b
        }
        return inside ? .inside : .outside
    }

    /// Locates `p` relative to a polygon: inside its exterior and not in or on a hole.
    static func locate(_ p: Coordinate, in polygon: Polygon) -> Location {
        let outer = locate(p, in: polygon.exterior.coordinates)
        guard outer == .inside else { return outer }
        for hole in polygon.holes {
            switch locate(p, in: hole.coordinates) {
            case .inside: return .outside
            case .boundary: return .boundary
            case .outside: continue
            }
        }
        return .inside
    }
}
