import Foundation

/// A minimal parser for the geometry text ``MultiPolygon/geoJSONString()`` writes.
///
/// It understands an object with a string "type" (Polygon or MultiPolygon) followed by
/// "coordinates"; anything else (escapes in strings, other members, members in another order)
/// makes it give up by returning `nil`, and the caller falls back to `JSONSerialization`.
struct FastGeoJSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The geometry, or `nil` to make the caller use the general path.
    mutating func parseGeometry() -> MultiPolygon? {
        guard consume(UInt8(ascii: "{")), let key1 = string(), key1 == "type", consume(UInt8(ascii: ":")),
            let type = string(), consume(UInt8(ascii: ",")), let key2 = string(), key2 == "coordinates",
            consume(UInt8(ascii: ":"))
        else { return nil }
        let result: MultiPolygon
        switch type {
        case "MultiPolygon":
            guard let polygons = list({ (p: inout FastGeoJSONParser) in p.polygon() }) else { return nil }
            result = MultiPolygon(polygons: polygons)
        case "Polygon":
            guard let polygon = polygon() else { return nil }
            result = MultiPolygon(polygons: [polygon])
        default:
            return nil
        }
        guard consume(UInt8(ascii: "}")) else { return nil }
        skipWhitespace()
        return i == bytes.count ? result : nil
    }

    private mutating func polygon() -> Polygon? {
        guard let rings = list({ (p: inout FastGeoJSONParser) in p.list({ (q: inout FastGeoJSONParser) in q.position() }) }),
            let exterior = rings.first
        else { return nil }
        return Polygon(exterior: Ring(coordinates: exterior), holes: rings.dropFirst().map { Ring(coordinates: $0) })
    }

    private mutating func position() -> Coordinate? {
        guard consume(UInt8(ascii: "[")), let lon = number(), consume(UInt8(ascii: ",")), let lat = number() else { return nil }
        while consume(UInt8(ascii: ",")) {
            guard number() != nil else { return nil }
        }
        guard consume(UInt8(ascii: "]")) else { return nil }
        return Coordinate(lon: lon, lat: lat)
    }

    /// `[ item, item, … ]`, possibly empty.
    private mutating func list<T>(_ item: (inout FastGeoJSONParser) -> T?) -> [T]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var out: [T] = []
        if consume(UInt8(ascii: "]")) { return out }
        repeat {
            guard let value = item(&self) else { return nil }
            out.append(value)
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { return nil }
        return out
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    /// A string without escapes.
    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") { return nil }
            i += 1
        }
        guard i < bytes.count else { return nil }
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        i += 1
        return s
    }

    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }

    /// A JSON number. Up to 15 significant digits and a decimal exponent within ±22 are computed
    /// exactly (one correctly rounded multiplication or division, as in Clinger's fast path);
    /// anything else goes through the standard library's parser.
    private mutating func number() -> Double? {
        skipWhitespace()
        let start = i
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30) } else { exponent += 1 }
            if mantissa != 0 { digits += 1 }
            sawDigit = true
            i += 1
        }
        guard sawDigit else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            var sawFraction = false
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[i] - 0x30)
                    exponent -= 1
                    if mantissa != 0 { digits += 1 }
                }
                sawFraction = true
                i += 1
            }
            guard sawFraction else { return nil }
        }
        var slow = digits > 15
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            slow = true
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            var sawExponent = false
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                sawExponent = true
                i += 1
            }
            guard sawExponent else { return nil }
        }
        if !slow && abs(exponent) <= 22 {
            let m = Double(mantissa)
            let value = exponent < 0 ? m / Self.powersOfTen[-exponent] : m * Self.powersOfTen[exponent]
            return negative ? -value : value
        }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }
}
