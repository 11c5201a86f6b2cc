import Foundation

/// Why a GeoJSON geometry could not be read, and where.
///
/// Paths follow the JSON structure, e.g. `coordinates[0][3]` is the fourth position of the first
/// ring of a Polygon, so an import can tell the user exactly what to fix.
///
/// ```swift
/// do { _ = try MultiPolygon(geoJSON: object) }
/// catch { print(error) }   // coordinates[0][3] is not a [lon, lat] pair of numbers
/// ```
public enum GeoJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The geometry is not a JSON object.
    case notAnObject
    /// A required member ("type" or "coordinates") is missing.
    case missingMember(String)
    /// "type" is not a string.
    case typeNotAString
    /// The geometry type is not Polygon or MultiPolygon.
    case unsupportedType(String)
    /// The value at `path` should be an array.
    case notAnArray(path: String)
    /// The value at `path` should be a position, `[lon, lat]` (extra numbers are allowed).
    case notAPosition(path: String)
    /// The polygon at `path` has no ring at all.
    case noRings(path: String)
    /// The text is not valid JSON (or not of the expected shape) at byte `offset`.
    case invalidJSON(offset: Int, reason: String)

    /// English, naming the place.
    public var description: String {
        switch self {
        case .notAnObject: "the geometry is not a JSON object"
        case .missingMember(let name): "the geometry has no \"\(name)\" member"
        case .typeNotAString: "the geometry's \"type\" is not a string"
        case .unsupportedType(let type): "geometry type \"\(type)\" is not supported (expected Polygon or MultiPolygon)"
        case .notAnArray(let path): "\(path) is not an array"
        case .notAPosition(let path): "\(path) is not a [lon, lat] pair of numbers"
        case .noRings(let path): "\(path) is a polygon without any ring"
        case .invalidJSON(let offset, let reason): "invalid GeoJSON at byte \(offset): \(reason)"
        }
    }
}

extension MultiPolygon {
    /// Reads a GeoJSON geometry object as produced by `JSONSerialization` (a `[String: Any]`
    /// whose arrays may be `[Any]` or native Swift arrays of numbers).
    ///
    /// Accepts type "Polygon" (which becomes a one-polygon MultiPolygon) and "MultiPolygon".
    /// Positions must have at least two numbers; further numbers (altitude) are ignored. Only the
    /// structure is checked here — call ``validate()`` for closure, ranges and topology.
    ///
    /// ```swift
    /// let object = try JSONSerialization.jsonObject(with: data)
    /// let geometry = try MultiPolygon(geoJSON: object)
    /// ```
    public init(geoJSON object: Any) throws(GeoJSONError) {
        guard let dict = object as? [String: Any] else { throw .notAnObject }
        guard let typeValue = dict["type"] else { throw .missingMember("type") }
        guard let type = typeValue as? String else { throw .typeNotAString }
        guard type == "Polygon" || type == "MultiPolygon" else { throw .unsupportedType(type) }
        guard let coordinates = dict["coordinates"] else { throw .missingMember("coordinates") }
        if type == "Polygon" {
            self.init(polygons: [try Self.polygon(coordinates, path: "coordinates")])
        } else {
            guard let list = coordinates as? [Any] else { throw .notAnArray(path: "coordinates") }
            var polygons: [Polygon] = []
            polygons.reserveCapacity(list.count)
            for (i, item) in list.enumerated() {
                polygons.append(try Self.polygon(item, path: "coordinates[\(i)]"))
            }
            self.init(polygons: polygons)
        }
    }

    private static func polygon(_ value: Any, path: String) throws(GeoJSONError) -> Polygon {
        guard let list = value as? [Any] else { throw .notAnArray(path: path) }
        guard !list.isEmpty else { throw .noRings(path: path) }
        var rings: [Ring] = []
        rings.reserveCapacity(list.count)
        for (r, item) in list.enumerated() {
            let ringPath = "\(path)[\(r)]"
            guard let positions = item as? [Any] else { throw .notAnArray(path: ringPath) }
            var coordinates: [Coordinate] = []
            coordinates.reserveCapacity(positions.count)
            for (i, position) in positions.enumerated() {
                guard let c = coordinate(position) else { throw .notAPosition(path: "\(ringPath)[\(i)]") }
                coordinates.append(c)
            }
            rings.append(Ring(coordinates: coordinates))
        }
        return Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
    }

    /// A GeoJSON position `[lon, lat, …]` of numbers (booleans refused); shared by every GeoJSON reader.
    static func coordinate(_ value: Any) -> Coordinate? {
        guard let list = value as? [Any], list.count >= 2, let lon = number(list[0]), let lat = number(list[1]) else { return nil }
        return Coordinate(lon: lon, lat: lat)
    }

    private static func number(_ value: Any) -> Double? {
        if let n = value as? NSNumber {
            // JSONSerialization gives booleans as NSNumber too; their type code is "c" (char).
            if n.objCType.pointee == CChar(UInt8(ascii: "c")) { return nil }
            return n.doubleValue
        }
        if value is Bool { return nil }
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        return nil
    }

    /// The geometry as a GeoJSON object for `JSONSerialization`, always of type "MultiPolygon".
    ///
    /// ```swift
    /// let data = try JSONSerialization.data(withJSONObject: geometry.geoJSONObject)
    /// ```
    public var geoJSONObject: [String: Any] {
        let coordinates: [[[[Double]]]] = polygons.map { polygon in
            polygon.rings.map { ring in ring.coordinates.map { [$0.lon, $0.lat] } }
        }
        return ["type": "MultiPolygon", "coordinates": coordinates]
    }
}
