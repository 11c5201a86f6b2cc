import Foundation

/// An axis-aligned box in longitude/latitude, the cheap first filter of every spatial query.
///
/// Containment and intersection are inclusive (a point on the border is inside), so a box never
/// rejects a point that its polygon would accept. Boxes that cross the antimeridian are not
/// supported (minLon > maxLon is treated as empty). It encodes as a GeoJSON `bbox`,
/// `[minLon, minLat, maxLon, maxLat]`.
///
/// ```swift
/// let box = BoundingBox([Coordinate(lon: 118, lat: 36.5), Coordinate(lon: 118.2, lat: 36.9)])!
/// box.contains(Coordinate(lon: 118.1, lat: 36.7))   // true
/// box.center                                        // (118.1, 36.7)
/// ```
public struct BoundingBox: Hashable, Sendable, Codable {
    /// Western edge in degrees.
    public var minLon: Double
    /// Southern edge in degrees.
    public var minLat: Double
    /// Eastern edge in degrees.
    public var maxLon: Double
    /// Northern edge in degrees.
    public var maxLat: Double

    /// Creates a box from its edges. Values are not checked.
    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }

    /// The smallest box holding every coordinate, or `nil` when `coordinates` is empty
    /// (there is no meaningful empty box, so the caller decides).
    public init?(_ coordinates: some Sequence<Coordinate>) {
        var iterator = coordinates.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(minLon: first.lon, minLat: first.lat, maxLon: first.lon, maxLat: first.lat)
        while let c = iterator.next() {
            box.minLon = Swift.min(box.minLon, c.lon)
            box.minLat = Swift.min(box.minLat, c.lat)
            box.maxLon = Swift.max(box.maxLon, c.lon)
            box.maxLat = Swift.max(box.maxLat, c.lat)
        }
        self = box
    }

    /// Whether `c` lies inside or on the border of the box.
    @inlinable
    public func contains(_ c: Coordinate) -> Bool {
        c.lon >= minLon && c.lon <= maxLon && c.lat >= minLat && c.lat <= maxLat
    }

    /// Whether the two boxes share at least one point (touching borders count).
    @inlinable
    public func intersects(_ other: BoundingBox) -> Bool {
        other.minLon <= maxLon && other.maxLon >= minLon && other.minLat <= maxLat && other.maxLat >= minLat
    }

    /// The smallest box holding both boxes.
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minLon: Swift.min(minLon, other.minLon), minLat: Swift.min(minLat, other.minLat),
            maxLon: Swift.max(maxLon, other.maxLon), maxLat: Swift.max(maxLat, other.maxLat))
    }

    /// The midpoint of the box in degrees.
    public var center: Coordinate {
        Coordinate(lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2)
    }

    /// Decodes a GeoJSON bbox, `[minLon, minLat, maxLon, maxLat]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        guard (container.count ?? 4) >= 4 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a bbox needs four numbers, [minLon, minLat, maxLon, maxLat]"))
        }
        self.init(
            minLon: try container.decode(Double.self), minLat: try container.decode(Double.self),
            maxLon: try container.decode(Double.self), maxLat: try container.decode(Double.self))
    }

    /// Encodes as a GeoJSON bbox, `[minLon, minLat, maxLon, maxLat]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(minLon)
        try container.encode(minLat)
        try container.encode(maxLon)
        try container.encode(maxLat)
    }
}
