import Foundation

/// A WGS84 position: longitude and latitude in decimal degrees.
///
/// Every geometry in Finegrain is stored in WGS84 (GeoJSON's RFC 7946 datum), so one small value type
/// serves the whole domain. It encodes as a GeoJSON position, `[lon, lat]`, so it can be written
/// straight into GeoJSON; decoding accepts (and ignores) a third element such as an altitude.
///
/// ```swift
/// let zhangdian = Coordinate(lon: 118.05, lat: 36.81)
/// let json = try JSONEncoder().encode(zhangdian)   // [118.05,36.81]
/// ```
public struct Coordinate: Hashable, Sendable, Codable {
    /// Longitude in degrees, east positive; valid range −180…180.
    public var lon: Double
    /// Latitude in degrees, north positive; valid range −90…90.
    public var lat: Double

    /// Creates a coordinate. Values are not checked; see ``isValid``.
    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// Whether both values are finite and inside lon −180…180, lat −90…90.
    public var isValid: Bool {
        lon.isFinite && lat.isFinite && (-180...180).contains(lon) && (-90...90).contains(lat)
    }

    /// Decodes a GeoJSON position: an array of at least two numbers, `[lon, lat, …]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        guard (container.count ?? 2) >= 2 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a GeoJSON position needs at least two numbers, [lon, lat]"))
        }
        let lon = try container.decode(Double.self)
        let lat = try container.decode(Double.self)
        self.init(lon: lon, lat: lat)
    }

    /// Encodes as a GeoJSON position, `[lon, lat]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(lon)
        try container.encode(lat)
    }
}

extension Coordinate: CustomStringConvertible {
    /// `(lon, lat)` with the values as stored, e.g. `(118.05, 36.81)`.
    public var description: String { "(\(lon), \(lat))" }
}
