import Foundation

extension MultiPolygon {
    /// Lists every problem with the geometry; empty means valid.
    ///
    /// Checked: each ring has at least 4 positions, is closed, and has finite in-range
    /// coordinates; no ring touches or crosses itself (including a repeated vertex that pinches it
    /// into a figure 8, and an edge folding back on the previous one); rings of one polygon do not
    /// cross; every hole lies inside its exterior and not inside another hole; polygons do not
    /// overlap (edges crossing, or one inside the other); no ring or polygon has zero or negative
    /// area. Consecutive duplicate positions are *not* a problem (``normalized()`` removes them),
    /// and ring orientation is not checked (``normalized()`` sets it). Rings that are too short or
    /// out of range are reported and left out of the topological checks.
    ///
    /// Edge pairs are found with a sweep over edges sorted by west edge, comparing only edges whose
    /// longitude and latitude extents overlap; a 2,000-vertex ring validates in about 2 ms in a
    /// release build, the 6,036 vertices of Zibo's 8 districts in about 1.5 ms.
    ///
    /// ```swift
    /// let problems = geometry.validate()
    /// if !problems.isEmpty { print(problems.map(\.description).joined(separator: "\n")) }
    /// ```
    public func validate() -> [GeometryProblem] {
        guard !polygons.isEmpty else { return [.empty] }
        var problems: [GeometryProblem] = []
        var rings: [CleanRing] = []
        var usable = Array(repeating: true, count: polygons.count)

        for (p, polygon) in polygons.enumerated() {
            for (r, ring) in polygon.rings.enumerated() {
                let c = ring.coordinates
                var ok = true
                if c.count < 4 {
                    problems.append(.tooFewPositions(polygon: p, ring: r, count: c.count))
                    ok = false
                }
                if let first = c.first, let last = c.last, first != last {
                    problems.append(.notClosed(polygon: p, ring: r, first: first, last: last))
                }
                for (i, v) in c.enumerated() where !v.isValid {
                    problems.append(.coordinateOutOfRange(polygon: p, ring: r, position: i, coordinate: v))
                    ok = false
                }
                guard ok else {
                    if r == 0 { usable[p] = false }
                    continue
                }
                let clean = CleanRing(polygon: p, ring: r, coordinates: c)
                if clean.isCollinear {
                    problems.append(.zeroAreaRing(polygon: p, ring: r))
                    if r == 0 { usable[p] = false }
                    continue
                }
                problems += clean.repeatedVertexProblems()
                problems += clean.foldBackProblems()
                rings.append(clean)
            }
        }

        let edgeProblems = Self.edgeIntersectionProblems(rings)
        problems += edgeProblems
        var overlapping = Set<[Int]>()
        for case .polygonsOverlap(let i, let j, _) in edgeProblems { overlapping.insert([i, j]) }
        problems += Self.containmentProblems(rings, polygons: polygons, usable: usable, alreadyOverlapping: overlapping)

        // Only meaningful when nothing else is wrong (a bow tie's lobes cancel, for example).
        var troubled = Set<Int>()
        for problem in problems { if let p = problem.polygonIndex { troubled.insert(p) } }
        for (p, polygon) in polygons.enumerated() where usable[p] && !troubled.contains(p) {
            let a = Self.equalAreaRingArea(polygon.exterior) - polygon.holes.reduce(0) { $0 + Self.equalAreaRingArea($1) }
            if a <= 0 { problems.append(.nonPositiveArea(polygon: p, area: a)) }
        }
        return problems
    }

    /// Finds intersecting edge pairs with a sweep along longitude.
    static func edgeIntersectionProblems(_ rings: [CleanRing]) -> [GeometryProblem] {
        struct Edge {
            var ring: Int32
            var index: Int32
            var minLon: Double, maxLon: Double, minLat: Double, maxLat: Double
        }
        var edges: [Edge] = []
        edges.reserveCapacity(rings.reduce(0) { $0 + $1.vertices.count })
        for (ri, ring) in rings.enumerated() {
            let v = ring.vertices
            for k in v.indices {
                let a = v[k], b = v[(k + 1) % v.count]
                edges.append(
                    Edge(ring: Int32(ri), index: Int32(k), minLon: Swift.min(a.lon, b.lon), maxLon: Swift.max(a.lon, b.lon),
                        minLat: Swift.min(a.lat, b.lat), maxLat: Swift.max(a.lat, b.lat)))
            }
        }
        edges.sort { $0.minLon < $1.minLon }

        var problems: [GeometryProblem] = []
        var reportedPairs = Set<[Int]>()
        var active: [Int] = []
        for (si, s) in edges.enumerated() {
            active.removeAll { edges[$0].maxLon < s.minLon }
            for ti in active {
                let t = edges[ti]
                guard t.minLat <= s.maxLat && t.maxLat >= s.minLat else { continue }
                let rs = rings[Int(s.ring)], rt = rings[Int(t.ring)]
                let (a, b) = rs.edge(Int(s.index))
                let (c, d) = rt.edge(Int(t.index))
                let meeting = SegmentGeometry.meet(a, b, c, d)
                if s.ring == t.ring {
                    let m = rs.vertices.count
                    let diff = abs(Int(s.index) - Int(t.index))
                    if diff == 1 || diff == m - 1 { continue }  // adjacent: see foldBackProblems
                    let at: Coordinate
                    switch meeting {
                    case .none: continue
                    case .cross(let x), .overlap(let x): at = x
                    case .touch(let x):
                        // A pinch at a repeated vertex is reported once, as repeatedVertex.
                        if rs.repeated.contains(x) && (x == a || x == b) && (x == c || x == d) { continue }
                        at = x
                    }
                    let i = rs.originalIndex[Int(s.index)], j = rs.originalIndex[Int(t.index)]
                    problems.append(
                        .selfIntersection(polygon: rs.polygon, ring: rs.ring, position: Swift.min(i, j), otherPosition: Swift.max(i, j), at: at))
                } else if case .cross(let at) = meeting {
                    if rs.polygon == rt.polygon {
                        let lo = Swift.min(rs.ring, rt.ring), hi = Swift.max(rs.ring, rt.ring)
                        if reportedPairs.insert([0, rs.polygon, lo, hi]).inserted {
                            problems.append(.ringsCross(polygon: rs.polygon, ring: lo, otherRing: hi, at: at))
                        }
                    } else {
                        let lo = Swift.min(rs.polygon, rt.polygon), hi = Swift.max(rs.polygon, rt.polygon)
                        if reportedPairs.insert([1, lo, hi]).inserted {
                            problems.append(.polygonsOverlap(polygon: lo, otherPolygon: hi, at: at))
                        }
                    }
                }
            }
            active.append(si)
        }
        return problems
    }

    /// Holes outside their exterior or inside another hole; polygons inside one another.
    static func containmentProblems(_ rings: [CleanRing], polygons: [Polygon], usable: [Bool], alreadyOverlapping: Set<[Int]>)
        -> [GeometryProblem]
    {
        var problems: [GeometryProblem] = []
        var byPolygon: [Int: [CleanRing]] = [:]
        for ring in rings { byPolygon[ring.polygon, default: []].append(ring) }

        for (p, list) in byPolygon.sorted(by: { $0.key < $1.key }) {
            guard let exterior = list.first(where: { $0.ring == 0 }) else { continue }
            let holes = list.filter { $0.ring != 0 }
            for hole in holes where hole.vertices.contains(where: { SegmentGeometry.locate($0, in: exterior.vertices) == .outside }) {
                problems.append(.holeOutsideExterior(polygon: p, ring: hole.ring))
            }
            for h in holes {
                for other in holes where other.ring != h.ring && other.box.intersects(h.box) {
                    if h.vertices.contains(where: { SegmentGeometry.locate($0, in: other.vertices) == .inside }) {
                        problems.append(.nestedHoles(polygon: p, ring: h.ring, otherRing: other.ring))
                    }
                }
            }
        }

        // Polygons: a vertex or an interior sample point of one strictly inside the other.
        let candidates = polygons.indices.filter { usable[$0] }
        let boxes = Dictionary(uniqueKeysWithValues: candidates.map { ($0, MultiPolygon(polygons[$0]).boundingBox) })
        let sorted = candidates.sorted { (boxes[$0]?.minLon ?? 0) < (boxes[$1]?.minLon ?? 0) }
        var reported = alreadyOverlapping
        for (n, i) in sorted.enumerated() {
            guard let bi = boxes[i] else { continue }
            for j in sorted[(n + 1)...] {
                guard let bj = boxes[j] else { continue }
                if bj.minLon > bi.maxLon { break }
                guard bi.intersects(bj) else { continue }
                let lo = Swift.min(i, j), hi = Swift.max(i, j)
                guard !reported.contains([lo, hi]) else { continue }
                if let at = pointOf(polygons[lo], strictlyInside: polygons[hi]) ?? pointOf(polygons[hi], strictlyInside: polygons[lo]),
                    reported.insert([lo, hi]).inserted
                {
                    problems.append(.polygonsOverlap(polygon: lo, otherPolygon: hi, at: at))
                }
            }
        }
        return problems
    }

    /// A vertex of `a`, or a point just inside `a`'s longest exterior edge, strictly inside `b`.
    static func pointOf(_ a: Polygon, strictlyInside b: Polygon) -> Coordinate? {
        for v in a.exterior.coordinates where SegmentGeometry.locate(v, in: b) == .inside {
            return v
        }
        let c = a.exterior.coordinates
        guard c.count >= 3 else { return nil }
        var best = 0
        var bestLength = -1.0
        for k in 0..<(c.count - 1) {
            let length = hypot(c[k + 1].lon - c[k].lon, c[k + 1].lat - c[k].lat)
            if length > bestLength { bestLength = length; best = k }
        }
        let p = c[best], q = c[best + 1]
        // Left of the edge for a counter-clockwise ring, right for a clockwise one.
        let side: Double = a.exterior.signedAreaDegrees >= 0 ? 1 : -1
        let mid = Coordinate(lon: (p.lon + q.lon) / 2, lat: (p.lat + q.lat) / 2)
        let nudge = 1e-4 * side
        let sample = Coordinate(lon: mid.lon - (q.lat - p.lat) * nudge, lat: mid.lat + (q.lon - p.lon) * nudge)
        guard SegmentGeometry.locate(sample, in: a) == .inside, SegmentGeometry.locate(sample, in: b) == .inside else { return nil }
        return sample
    }
}

/// A ring prepared for topology checks: consecutive duplicates and the closing position removed,
/// with the map back to the positions as given.
struct CleanRing {
    let polygon: Int
    let ring: Int
    /// Distinct consecutive vertices; edge k runs from vertices[k] to vertices[(k + 1) % count].
    let vertices: [Coordinate]
    /// For each vertex, its index in the ring's `coordinates`.
    let originalIndex: [Int]
    /// Vertices that occur more than once.
    let repeated: Set<Coordinate>
    let box: BoundingBox

    init(polygon: Int, ring: Int, coordinates c: [Coordinate]) {
        self.polygon = polygon
        self.ring = ring
        var vertices: [Coordinate] = []
        var original: [Int] = []
        for (i, v) in c.enumerated() where vertices.last != v {
            vertices.append(v)
            original.append(i)
        }
        if vertices.count > 1, vertices.first == vertices.last {
            vertices.removeLast()
            original.removeLast()
        }
        var seen = Set<Coordinate>()
        var repeated = Set<Coordinate>()
        for v in vertices where !seen.insert(v).inserted { repeated.insert(v) }
        self.vertices = vertices
        self.originalIndex = original
        self.repeated = repeated
        self.box = BoundingBox(vertices) ?? BoundingBox(minLon: 0, minLat: 0, maxLon: 0, maxLat: 0)
    }

    /// Whether the ring encloses no area: fewer than 3 distinct vertices, or all on one line.
    var isCollinear: Bool {
        guard vertices.count >= 3 else { return true }
        let a = vertices[0], b = vertices[1]
        return vertices.allSatisfy { SegmentGeometry.orient(a, b, $0) == 0 }
    }

    @inline(__always)
    func edge(_ k: Int) -> (Coordinate, Coordinate) {
        (vertices[k], vertices[k + 1 == vertices.count ? 0 : k + 1])
    }

    /// A vertex occurring at two non-consecutive places.
    func repeatedVertexProblems() -> [GeometryProblem] {
        guard !repeated.isEmpty else { return [] }
        var firstIndex: [Coordinate: Int] = [:]
        var problems: [GeometryProblem] = []
        for (k, v) in vertices.enumerated() where repeated.contains(v) {
            if let first = firstIndex[v] {
                problems.append(
                    .repeatedVertex(polygon: polygon, ring: ring, position: originalIndex[first], otherPosition: originalIndex[k], coordinate: v))
            } else {
                firstIndex[v] = k
            }
        }
        return problems
    }

    /// An edge that turns back along the previous one (a zero-width spike).
    func foldBackProblems() -> [GeometryProblem] {
        let m = vertices.count
        guard m >= 3 else { return [] }
        var problems: [GeometryProblem] = []
        for k in 0..<m {
            let prev = vertices[(k + m - 1) % m], v = vertices[k], next = vertices[(k + 1) % m]
            guard SegmentGeometry.orient(prev, v, next) == 0 else { continue }
            let dot = (prev.lon - v.lon) * (next.lon - v.lon) + (prev.lat - v.lat) * (next.lat - v.lat)
            if dot > 0 {
                let i = originalIndex[(k + m - 1) % m], j = originalIndex[k]
                problems.append(
                    .selfIntersection(polygon: polygon, ring: ring, position: Swift.min(i, j), otherPosition: Swift.max(i, j), at: v))
            }
        }
        return problems
    }
}
