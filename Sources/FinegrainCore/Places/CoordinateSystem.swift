/// 坐标系 (coordinate reference system) of incoming coordinates.
///
/// Everything is stored in WGS84. Chinese map apps (高德, 腾讯, and 百度 before its own offset) emit
/// GCJ-02, which is converted at the edge with ``GCJ02/toWGS84(_:)``.
///
/// ```swift
/// let wgs = CoordinateSystem.gcj02.toWGS84(Coordinate(lon: 118.0556, lat: 36.8117))
/// ```
public enum CoordinateSystem: String, Sendable, Codable, CaseIterable {
    /// WGS84 (GPS, GeoJSON's RFC 7946 default); CGCS2000 agrees with it to the centimetre level.
    case wgs84
    /// GCJ-02, China's obfuscated datum used by domestic map apps.
    case gcj02

    /// Converts a coordinate in this system to WGS84.
    public func toWGS84(_ c: Coordinate) -> Coordinate {
        switch self {
        case .wgs84: c
        case .gcj02: GCJ02.toWGS84(c)
        }
    }

    /// Converts every vertex of `geometry` to WGS84.
    public func toWGS84(_ geometry: MultiPolygon) -> MultiPolygon {
        guard self != .wgs84 else { return geometry }
        func ring(_ r: Ring) -> Ring { Ring(coordinates: r.coordinates.map(toWGS84)) }
        return MultiPolygon(polygons: geometry.polygons.map { Polygon(exterior: ring($0.exterior), holes: $0.holes.map(ring)) })
    }
}
