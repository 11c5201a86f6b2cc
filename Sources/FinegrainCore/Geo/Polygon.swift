import Foundation

/// A closed ring of positions, the boundary of a polygon or of one of its holes.
///
/// Following GeoJSON, a ring is *closed*: its first and last positions are equal, so a triangle has
/// four positions. Nothing is enforced on construction — rings come from outside and are checked by
/// ``MultiPolygon/validate()`` — but the algorithms treat a ring as implicitly closed anyway.
///
/// ```swift
/// let square = Ring(coordinates: [
///     Coordinate(lon: 0, lat: 0), Coordinate(lon: 1, lat: 0), Coordinate(lon: 1, lat: 1),
///     Coordinate(lon: 0, lat: 1), Coordinate(lon: 0, lat: 0),
/// ])
/// square.isClosed   // true
/// ```
public struct Ring: Hashable, Sendable {
    /// The positions, first == last for a well-formed ring.
    public var coordinates: [Coordinate]

    /// Creates a ring from its positions (not copied or closed).
    public init(coordinates: [Coordinate]) {
        self.coordinates = coordinates
    }

    /// Whether the ring has positions and its first equals its last.
    public var isClosed: Bool {
        guard let first = coordinates.first, let last = coordinates.last else { return false }
        return first == last
    }

    /// Twice the signed shoelace area in degree² (positive when counter-clockwise in lon/lat),
    /// computed relative to the first vertex to limit cancellation.
    var signedAreaDegrees: Double {
        let c = coordinates
        guard c.count >= 3 else { return 0 }
        let ox = c[0].lon, oy = c[0].lat
        var sum = 0.0
        var px = 0.0, py = 0.0
        for i in 1..<c.count {
            let x = c[i].lon - ox, y = c[i].lat - oy
            sum += px * y - x * py
            px = x
            py = y
        }
        return sum / 2  // the closing edge back to the origin contributes 0
    }

    /// The ring with consecutive duplicate positions removed, still closed if it was.
    public func withoutConsecutiveDuplicates() -> Ring {
        var out: [Coordinate] = []
        out.reserveCapacity(coordinates.count)
        for c in coordinates where out.last != c { out.append(c) }
        return Ring(coordinates: out)
    }

    /// The ring with its positions in reverse order.
    public func reversed() -> Ring { Ring(coordinates: coordinates.reversed()) }
}

/// A polygon: one exterior ring and any number of holes.
///
/// ```swift
/// let field = Polygon(exterior: outer, holes: [pond])
/// ```
public struct Polygon: Hashable, Sendable {
    /// The outer boundary; counter-clockwise after ``normalized()``.
    public var exterior: Ring
    /// Inner boundaries; clockwise after ``normalized()``.
    public var holes: [Ring]

    /// Creates a polygon.
    public init(exterior: Ring, holes: [Ring] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// The exterior followed by the holes, so ring index 0 is the exterior (as in GeoJSON).
    public var rings: [Ring] { [exterior] + holes }

    /// Removes consecutive duplicate positions and orients the exterior counter-clockwise and the
    /// holes clockwise (RFC 7946 §3.1.6). Nothing else is repaired.
    public func normalized() -> Polygon {
        func oriented(_ ring: Ring, counterClockwise: Bool) -> Ring {
            let r = ring.withoutConsecutiveDuplicates()
            let area = r.signedAreaDegrees
            return (area < 0) == counterClockwise ? r.reversed() : r
        }
        return Polygon(exterior: oriented(exterior, counterClockwise: true), holes: holes.map { oriented($0, counterClockwise: false) })
    }
}

/// The area geometry of every region: one or more polygons, each with optional holes.
///
/// Administrative areas are often several pieces (exclaves, islands), so Finegrain uses
/// MultiPolygon everywhere; a GeoJSON Polygon becomes a one-polygon MultiPolygon. Measurements
/// (``area``, ``centroid``, ``distanceToBoundary(_:)``) are on the WGS84 ellipsoid, containment
/// uses a deterministic half-open boundary rule (``contains(_:)``), and ``validate()`` lists every
/// problem at once so an import can report all of them. Geometries crossing the antimeridian are
/// not supported.
///
/// ```swift
/// let district = try MultiPolygon(geoJSON: feature["geometry"] as Any)
/// district.validate().isEmpty                             // true
/// district.area / 1e6                                     // km², e.g. 359.3 for 张店区
/// district.contains(Coordinate(lon: 118.05, lat: 36.81))  // true
/// ```
public struct MultiPolygon: Hashable, Sendable {
    /// The polygons; for valid geometry they do not overlap.
    public var polygons: [Polygon]

    /// Creates a MultiPolygon.
    public init(polygons: [Polygon]) {
        self.polygons = polygons
    }

    /// A one-polygon MultiPolygon.
    public init(_ polygon: Polygon) {
        self.polygons = [polygon]
    }

    /// ``Polygon/normalized()`` applied to every polygon: no consecutive duplicates, exteriors
    /// counter-clockwise, holes clockwise.
    public func normalized() -> MultiPolygon {
        MultiPolygon(polygons: polygons.map { $0.normalized() })
    }

    /// The number of positions in all rings.
    public var vertexCount: Int {
        polygons.reduce(0) { $0 + $1.exterior.coordinates.count + $1.holes.reduce(0) { $0 + $1.coordinates.count } }
    }

    /// Calls `body` with every ring of every polygon.
    func forEachRing(_ body: (Ring) -> Void) {
        for p in polygons {
            body(p.exterior)
            for h in p.holes { body(h) }
        }
    }
}
