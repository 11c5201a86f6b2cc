import Foundation

/// One thing wrong with a ``MultiPolygon``, as found by ``MultiPolygon/validate()``.
///
/// Imports show every problem at once, in English and Chinese, and point at the exact place:
/// `polygon` indexes ``MultiPolygon/polygons``, `ring` is 0 for the exterior and 1… for the holes
/// (as in GeoJSON), and `position` indexes the ring's `coordinates` as given (before duplicates are
/// dropped).
///
/// ```swift
/// for problem in geometry.validate() {
///     print(problem)                 // polygon 0, exterior ring: the ring is not closed …
///     print(problem.descriptionZH)   // 第 1 个多边形的外环：环未闭合 …
/// }
/// ```
public enum GeometryProblem: Hashable, Sendable, CustomStringConvertible {
    /// The MultiPolygon has no polygon at all.
    case empty
    /// A ring has fewer than four positions (a closed triangle needs four).
    case tooFewPositions(polygon: Int, ring: Int, count: Int)
    /// A ring's last position differs from its first.
    case notClosed(polygon: Int, ring: Int, first: Coordinate, last: Coordinate)
    /// A position is non-finite or outside lon −180…180 / lat −90…90.
    case coordinateOutOfRange(polygon: Int, ring: Int, position: Int, coordinate: Coordinate)
    /// Two non-adjacent edges of one ring touch or cross (or adjacent edges fold back on each
    /// other). `position` and `otherPosition` are the start positions of the two edges.
    case selfIntersection(polygon: Int, ring: Int, position: Int, otherPosition: Int, at: Coordinate)
    /// A vertex occurs twice, non-consecutively, in one ring, pinching it into a figure 8.
    case repeatedVertex(polygon: Int, ring: Int, position: Int, otherPosition: Int, coordinate: Coordinate)
    /// Two rings of one polygon cross each other.
    case ringsCross(polygon: Int, ring: Int, otherRing: Int, at: Coordinate)
    /// A hole lies (at least partly) outside its polygon's exterior.
    case holeOutsideExterior(polygon: Int, ring: Int)
    /// A hole lies inside another hole of the same polygon.
    case nestedHoles(polygon: Int, ring: Int, otherRing: Int)
    /// Two polygons of the MultiPolygon overlap: their edges cross, or one lies inside the other.
    case polygonsOverlap(polygon: Int, otherPolygon: Int, at: Coordinate)
    /// A ring encloses no area (all its positions are collinear or coincide).
    case zeroAreaRing(polygon: Int, ring: Int)
    /// A polygon's area (exterior minus holes) is zero or negative, in m².
    case nonPositiveArea(polygon: Int, area: Double)

    /// The index of the polygon concerned (the first one for a pair), `nil` for ``empty``.
    public var polygonIndex: Int? {
        switch self {
        case .empty: nil
        case .tooFewPositions(let p, _, _), .notClosed(let p, _, _, _), .coordinateOutOfRange(let p, _, _, _),
            .selfIntersection(let p, _, _, _, _), .repeatedVertex(let p, _, _, _, _), .ringsCross(let p, _, _, _),
            .holeOutsideExterior(let p, _), .nestedHoles(let p, _, _), .polygonsOverlap(let p, _, _), .zeroAreaRing(let p, _),
            .nonPositiveArea(let p, _):
            p
        }
    }

    /// English, for logs and the API.
    public var description: String {
        switch self {
        case .empty:
            return "the geometry has no polygon"
        case .tooFewPositions(let p, let r, let count):
            return "\(Self.place(p, r)): the ring has \(count) position\(count == 1 ? "" : "s"); a closed ring needs at least 4"
        case .notClosed(let p, let r, let first, let last):
            return "\(Self.place(p, r)): the ring is not closed (first position \(first) ≠ last position \(last))"
        case .coordinateOutOfRange(let p, let r, let i, let c):
            return "\(Self.place(p, r)), position \(i): coordinate \(c) is out of range (lon −180…180, lat −90…90, finite)"
        case .selfIntersection(let p, let r, let i, let j, let at):
            return "\(Self.place(p, r)): the ring intersects itself at \(at) (edges starting at positions \(i) and \(j))"
        case .repeatedVertex(let p, let r, let i, let j, let c):
            return "\(Self.place(p, r)): vertex \(c) occurs at positions \(i) and \(j), pinching the ring into a figure 8"
        case .ringsCross(let p, let r, let other, let at):
            return "polygon \(p): rings \(r) and \(other) cross at \(at)"
        case .holeOutsideExterior(let p, let r):
            return "\(Self.place(p, r)): the hole is not inside the polygon's exterior ring"
        case .nestedHoles(let p, let r, let other):
            return "polygon \(p): hole \(r) lies inside hole \(other)"
        case .polygonsOverlap(let p, let other, let at):
            return "polygons \(p) and \(other) overlap (at \(at))"
        case .zeroAreaRing(let p, let r):
            return "\(Self.place(p, r)): the ring encloses no area"
        case .nonPositiveArea(let p, let area):
            return "polygon \(p): the area is not positive (\(area) m²)"
        }
    }

    /// Simplified Chinese, for the UI. Indexes are 1-based here, as people count.
    public var descriptionZH: String {
        switch self {
        case .empty:
            return "几何中没有任何多边形"
        case .tooFewPositions(let p, let r, let count):
            return "\(Self.placeZH(p, r))：环只有 \(count) 个坐标点，闭合环至少需要 4 个"
        case .notClosed(let p, let r, let first, let last):
            return "\(Self.placeZH(p, r))：环未闭合（首点 \(first) ≠ 末点 \(last)）"
        case .coordinateOutOfRange(let p, let r, let i, let c):
            return "\(Self.placeZH(p, r))第 \(i + 1) 个点：坐标 \(c) 超出范围（经度 −180…180，纬度 −90…90，且须为有限数）"
        case .selfIntersection(let p, let r, let i, let j, let at):
            return "\(Self.placeZH(p, r))：环在 \(at) 处自相交（从第 \(i + 1) 和第 \(j + 1) 个点开始的两条边）"
        case .repeatedVertex(let p, let r, let i, let j, let c):
            return "\(Self.placeZH(p, r))：顶点 \(c) 在第 \(i + 1) 和第 \(j + 1) 个位置重复出现，使环呈“8”字形"
        case .ringsCross(let p, let r, let other, let at):
            return "第 \(p + 1) 个多边形：第 \(r + 1) 个环与第 \(other + 1) 个环在 \(at) 处交叉"
        case .holeOutsideExterior(let p, let r):
            return "\(Self.placeZH(p, r))：内环（洞）不在外环之内"
        case .nestedHoles(let p, let r, let other):
            return "第 \(p + 1) 个多边形：第 \(r + 1) 个环（洞）位于第 \(other + 1) 个环（洞）之内"
        case .polygonsOverlap(let p, let other, let at):
            return "第 \(p + 1) 个与第 \(other + 1) 个多边形相互重叠（位于 \(at)）"
        case .zeroAreaRing(let p, let r):
            return "\(Self.placeZH(p, r))：环的面积为零"
        case .nonPositiveArea(let p, let area):
            return "第 \(p + 1) 个多边形：面积不为正（\(area) 平方米）"
        }
    }

    private static func place(_ polygon: Int, _ ring: Int) -> String {
        ring == 0 ? "polygon \(polygon), exterior ring" : "polygon \(polygon), hole \(ring) (ring \(ring))"
    }

    private static func placeZH(_ polygon: Int, _ ring: Int) -> String {
        ring == 0 ? "第 \(polygon + 1) 个多边形的外环" : "第 \(polygon + 1) 个多边形的第 \(ring) 个内环"
    }
}
