import Foundation

extension PlanarPolygon {
    /// The parts of the polygon in the half-plane `normal · p ≤ offset`, as separate pieces.
    ///
    /// Correct for concave polygons: a line crossing the boundary 2k times yields up to k pieces,
    /// never one polygon joined by zero-width bridges (the flaw of Sutherland–Hodgman). Method:
    /// walk the ring collecting the *chains* of vertices strictly on the kept side, each starting at
    /// an entry crossing and ending at an exit crossing; sort all crossings along the line; pair them
    /// (each pair bounds one stretch of the line inside the polygon) and link each exit to the entry
    /// of its pair; the cycles of linked chains are the pieces.
    ///
    /// Vertices with `normal · p − offset < 0` are kept, those with `≥ 0` (on the line) are not; a
    /// crossing at such a vertex is the vertex itself. This keeps the cases where vertices or edges
    /// lie on the line from producing bridges or slivers, and clipping with `(normal, offset)` and
    /// with `(−normal, −offset)` computes identical crossing points, so the two results tile the
    /// polygon exactly. Pieces keep the input's orientation; pieces of zero area are dropped.
    ///
    /// ```swift
    /// // A U shape cut across both arms gives the two arm tips:
    /// let tips = u.clipped(toHalfPlane: PlanarPoint(x: 0, y: -1), offset: -8)   // y ≥ 8
    /// ```
    public func clipped(toHalfPlane normal: PlanarPoint, offset: Double) -> [PlanarPolygon] {
        var pts = points
        if pts.count > 1, pts.first == pts.last { pts.removeLast() }
        let n = pts.count
        guard n >= 3 else { return [] }
        let d = pts.map { normal.dot($0) - offset }
        let inside = d.map { $0 < 0 }
        guard let firstOut = inside.firstIndex(of: false) else { return [PlanarPolygon(points: pts)] }
        guard inside.contains(true) else { return [] }

        func crossing(_ i: Int, _ j: Int) -> PlanarPoint {
            if d[i] == 0 { return pts[i] }
            if d[j] == 0 { return pts[j] }
            let t = d[i] / (d[i] - d[j])
            return PlanarPoint(x: pts[i].x + t * (pts[j].x - pts[i].x), y: pts[i].y + t * (pts[j].y - pts[i].y))
        }

        // Chains of kept vertices, from the first entry after an outside vertex.
        var chains: [[PlanarPoint]] = []
        var marks: [ClipCrossing] = []
        let along = PlanarPoint(x: -normal.y, y: normal.x)
        for step in 0..<n {
            let i = (firstOut + step) % n
            let j = (i + 1) % n
            guard !inside[i], inside[j] else { continue }
            let entry = crossing(i, j)
            var chain = [entry]
            var cur = j
            while true {
                chain.append(pts[cur])
                let next = (cur + 1) % n
                if !inside[next] { break }
                cur = next
            }
            let exit = crossing(cur, (cur + 1) % n)
            chain.append(exit)
            let c = chains.count
            marks.append(ClipCrossing(param: along.dot(entry), neighbor: along.dot(pts[j]), chain: c, isEntry: true))
            marks.append(ClipCrossing(param: along.dot(exit), neighbor: along.dot(pts[cur]), chain: c, isEntry: false))
            chains.append(chain)
        }

        // Pair crossings along the line; ties are ordered by the kept neighbour so that two
        // sectors touching at one point are not linked across each other.
        marks.sort { $0.param != $1.param ? $0.param < $1.param : $0.neighbor < $1.neighbor }
        var nextChain = Array(0..<chains.count)
        var m = 0
        while m + 1 < marks.count {
            if marks[m].isEntry == marks[m + 1].isEntry,
                let swap = marks[(m + 2)...].firstIndex(where: { $0.isEntry != marks[m].isEntry && $0.param == marks[m + 1].param })
            {
                marks.swapAt(m + 1, swap)
            }
            let (a, b) = (marks[m], marks[m + 1])
            if a.isEntry != b.isEntry {
                let (exit, entry) = a.isEntry ? (b, a) : (a, b)
                nextChain[exit.chain] = entry.chain
            }
            m += 2
        }

        // Trace the cycles.
        let scale = Swift.max(area, .leastNormalMagnitude)
        var used = Array(repeating: false, count: chains.count)
        var pieces: [PlanarPolygon] = []
        for start in chains.indices where !used[start] {
            var ring: [PlanarPoint] = []
            var c = start
            while !used[c] {
                used[c] = true
                for p in chains[c] where ring.last != p { ring.append(p) }
                c = nextChain[c]
            }
            if ring.count > 1, ring.first == ring.last { ring.removeLast() }
            let piece = PlanarPolygon(points: ring)
            if ring.count >= 3 && piece.area > scale * 1e-12 { pieces.append(piece) }
        }
        return pieces
    }
}

/// One crossing of the boundary with the clipping line.
private struct ClipCrossing {
    /// Position along the line.
    var param: Double
    /// Position along the line of the adjacent kept vertex (breaks ties).
    var neighbor: Double
    var chain: Int
    var isEntry: Bool
}

extension PlanarPolygon {
    /// Splits `pieces` by a straight line so that the side `first` holds `fraction` of their
    /// total area — how the generator divides a district into towns in proportion to weights.
    ///
    /// The line has normal (cos `angle`, sin `angle`); `first` is the side `normal · p ≤ offset`.
    /// The offset is found by bisection until the area matches to 1e-9 of the total (the area
    /// cut off is continuous and monotone in the offset). `fraction` is clamped to 0…1.
    ///
    /// ```swift
    /// let (west, east) = PlanarPolygon.split([district], alongAxisAngle: 0, fraction: 0.3)
    /// // west holds 30 % of the area, east 70 %
    /// ```
    public static func split(_ pieces: [PlanarPolygon], alongAxisAngle angle: Double, fraction: Double)
        -> (first: [PlanarPolygon], second: [PlanarPolygon])
    {
        let normal = PlanarPoint(x: cos(angle), y: sin(angle))
        let total = pieces.reduce(0) { $0 + $1.area }
        let f = Swift.min(1, Swift.max(0, fraction.isNaN ? 0 : fraction))
        guard total > 0 else { return ([], pieces) }
        if f == 0 { return ([], pieces) }
        if f == 1 { return (pieces, []) }
        var lo = Double.infinity, hi = -Double.infinity
        for piece in pieces {
            for p in piece.points {
                let v = normal.dot(p)
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
        }
        let target = f * total
        var mid = (lo + hi) / 2
        for _ in 0..<200 {
            mid = (lo + hi) / 2
            let a = pieces.reduce(0) { sum, piece in
                sum + piece.clipped(toHalfPlane: normal, offset: mid).reduce(0) { $0 + $1.area }
            }
            if abs(a - target) <= total * 1e-9 { break }
            if a < target { lo = mid } else { hi = mid }
            if hi - lo <= Swift.max(abs(lo), abs(hi)) * 1e-15 { break }
        }
        let minus = PlanarPoint(x: -normal.x, y: -normal.y)
        return (
            pieces.flatMap { $0.clipped(toHalfPlane: normal, offset: mid) },
            pieces.flatMap { $0.clipped(toHalfPlane: minus, offset: -mid) }
        )
    }
}

extension Array where Element == PlanarPolygon {
    /// ``PlanarPolygon/split(_:alongAxisAngle:fraction:)`` applied to this array of pieces.
    ///
    /// ```swift
    /// let (a, b) = pieces.split(alongAxisAngle: .pi / 2, fraction: 0.5)   // south half, north half
    /// ```
    public func split(alongAxisAngle angle: Double, fraction: Double) -> (first: [PlanarPolygon], second: [PlanarPolygon]) {
        PlanarPolygon.split(self, alongAxisAngle: angle, fraction: fraction)
    }
}
