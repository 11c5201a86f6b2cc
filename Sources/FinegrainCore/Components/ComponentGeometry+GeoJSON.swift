import Foundation

/// Why a GeoJSON geometry could not be read as a ``ComponentGeometry``, in English and Chinese.
///
/// Why its own type: components accept Point and LineString as well as the polygons that
/// ``GeoJSONError`` covers, and collectors need the reason in Chinese.
///
/// ```swift
/// do { _ = try ComponentGeometry(geoJSON: ["type": "Circle"]) }
/// catch { print(error.descriptionZH) }   // 不支持的几何类型“Circle”（应为 Point、LineString、Polygon 或 MultiPolygon）
/// ```
public enum ComponentGeometryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The geometry is not a JSON object.
    case notAnObject
    /// "type" or "coordinates" is missing, or "type" is not a string.
    case missingMember(String)
    /// Not Point, LineString, Polygon or MultiPolygon.
    case unsupportedType(String)
    /// The value at `path` should be a `[lon, lat]` position.
    case notAPosition(path: String)
    /// The value at `path` should be an array.
    case notAnArray(path: String)
    /// A LineString with fewer than two positions.
    case tooFewLinePositions(count: Int)
    /// A Polygon or MultiPolygon whose structure is wrong.
    case polygon(GeoJSONError)
    /// The text is not JSON.
    case invalidJSON(String)

    /// English.
    public var description: String {
        switch self {
        case .notAnObject: "the geometry is not a JSON object"
        case .missingMember(let name): "the geometry has no \"\(name)\" member"
        case .unsupportedType(let type): "geometry type \"\(type)\" is not supported (expected Point, LineString, Polygon or MultiPolygon)"
        case .notAPosition(let path): "\(path) is not a [lon, lat] pair of numbers"
        case .notAnArray(let path): "\(path) is not an array"
        case .tooFewLinePositions(let count): "a LineString needs at least 2 positions, not \(count)"
        case .polygon(let error): error.description
        case .invalidJSON(let reason): "the geometry is not valid JSON: \(reason)"
        }
    }

    /// Chinese.
    public var descriptionZH: String {
        switch self {
        case .notAnObject: "几何图形不是 JSON 对象"
        case .missingMember(let name): "几何图形缺少“\(name)”成员"
        case .unsupportedType(let type): "不支持的几何类型“\(type)”（应为 Point、LineString、Polygon 或 MultiPolygon）"
        case .notAPosition(let path): "\(path) 不是 [经度, 纬度] 数值对"
        case .notAnArray(let path): "\(path) 不是数组"
        case .tooFewLinePositions(let count): "线至少需要 2 个点，实为 \(count) 个"
        case .polygon(let error): "面几何结构错误：\(error.description)"
        case .invalidJSON(let reason): "几何图形不是有效的 JSON：\(reason)"
        }
    }
}

extension ComponentGeometry {
    /// Reads a GeoJSON geometry object as produced by `JSONSerialization`: Point, LineString,
    /// Polygon or MultiPolygon. Only the structure is checked; call ``validate()`` for ranges and
    /// topology. Extra numbers in a position (altitude) are ignored.
    ///
    /// ```swift
    /// let g = try ComponentGeometry(geoJSON: ["type": "Point", "coordinates": [118.05, 36.81]])
    /// ```
    public init(geoJSON object: Any) throws(ComponentGeometryError) {
        guard let dict = object as? [String: Any] else { throw .notAnObject }
        guard let type = dict["type"] as? String else { throw .missingMember("type") }
        switch type {
        case "Point":
            guard let coordinates = dict["coordinates"] else { throw .missingMember("coordinates") }
            guard let c = MultiPolygon.coordinate(coordinates) else { throw .notAPosition(path: "coordinates") }
            self = .point(c)
        case "LineString":
            guard let coordinates = dict["coordinates"] else { throw .missingMember("coordinates") }
            guard let list = coordinates as? [Any] else { throw .notAnArray(path: "coordinates") }
            var positions: [Coordinate] = []
            positions.reserveCapacity(list.count)
            for (i, item) in list.enumerated() {
                guard let c = MultiPolygon.coordinate(item) else { throw .notAPosition(path: "coordinates[\(i)]") }
                positions.append(c)
            }
            guard positions.count >= 2 else { throw .tooFewLinePositions(count: positions.count) }
            self = .line(positions)
        case "Polygon", "MultiPolygon":
            do {
                self = .polygon(try MultiPolygon(geoJSON: dict))
            } catch {
                throw .polygon(error)
            }
        default:
            throw .unsupportedType(type)
        }
    }

    /// Reads GeoJSON geometry text (a CSV `geometry` column, a stored row).
    public init(geoJSONString text: String) throws(ComponentGeometryError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw .invalidJSON(text.count > 40 ? String(text.prefix(40)) + "…" : text)
        }
        try self.init(geoJSON: object)
    }

    /// Compact, stable GeoJSON text: no spaces, numbers rounded to 7 decimals (about 1 cm) without
    /// trailing zeros, polygons always as `MultiPolygon`. Equal geometries give equal text, which
    /// is what the change history compares.
    ///
    /// ```swift
    /// ComponentGeometry.point(Coordinate(lon: 118.05, lat: 36.81)).geoJSONString()
    /// // {"type":"Point","coordinates":[118.05,36.81]}
    /// ```
    public func geoJSONString() -> String {
        func position(_ c: Coordinate, _ out: inout [UInt8]) {
            out.append(UInt8(ascii: "["))
            MultiPolygon.appendNumber(c.lon, to: &out)
            out.append(UInt8(ascii: ","))
            MultiPolygon.appendNumber(c.lat, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        var out: [UInt8] = []
        switch self {
        case .point(let c):
            out.append(contentsOf: Array(#"{"type":"Point","coordinates":"#.utf8))
            position(c, &out)
        case .line(let list):
            out.append(contentsOf: Array(#"{"type":"LineString","coordinates":["#.utf8))
            for (i, c) in list.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                position(c, &out)
            }
            out.append(UInt8(ascii: "]"))
        case .polygon(let mp):
            return mp.geoJSONString()
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The geometry as a GeoJSON object for `JSONSerialization`.
    public var geoJSONObject: [String: Any] {
        switch self {
        case .point(let c): ["type": "Point", "coordinates": [c.lon, c.lat]]
        case .line(let list): ["type": "LineString", "coordinates": list.map { [$0.lon, $0.lat] }]
        case .polygon(let mp): mp.geoJSONObject
        }
    }
}

extension ComponentGeometry: Codable {
    private enum CodingKeys: String, CodingKey { case type, coordinates }

    /// Nested arrays of numbers, the shape of any GeoJSON `coordinates` member.
    private indirect enum Numbers: Decodable {
        case number(Double)
        case list([Numbers])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let d = try? container.decode(Double.self) {
                self = .number(d)
            } else {
                self = .list(try container.decode([Numbers].self))
            }
        }

        var object: Any {
            switch self {
            case .number(let d): d
            case .list(let items): items.map(\.object)
            }
        }
    }

    /// Decodes a GeoJSON geometry object, `{"type": "Point", "coordinates": [lon, lat]}` etc.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        let numbers = try c.decode(Numbers.self, forKey: .coordinates)
        do {
            try self.init(geoJSON: ["type": type, "coordinates": numbers.object] as [String: Any])
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .coordinates, in: c, debugDescription: error.description)
        }
    }

    /// Encodes as a GeoJSON geometry object; polygons as `MultiPolygon`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(geoJSONType, forKey: .type)
        switch self {
        case .point(let p): try c.encode(p, forKey: .coordinates)
        case .line(let list): try c.encode(list, forKey: .coordinates)
        case .polygon(let mp):
            try c.encode(mp.polygons.map { $0.rings.map(\.coordinates) }, forKey: .coordinates)
        }
    }
}
