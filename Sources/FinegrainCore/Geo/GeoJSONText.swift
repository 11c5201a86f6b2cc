import Foundation

extension MultiPolygon {
    /// Compact, stable GeoJSON text of the geometry, always of type "MultiPolygon".
    ///
    /// The form is `{"type":"MultiPolygon","coordinates":[[[[lon,lat],…]]]}` with no spaces and
    /// each number rounded to 7 decimals (about 1 cm) with trailing zeros dropped, so equal
    /// geometries always give byte-identical text. Non-finite numbers, which JSON cannot hold, are
    /// written as `null` (such geometry fails ``validate()`` anyway).
    ///
    /// ```swift
    /// let text = square.geoJSONString()
    /// // {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]]]}
    /// let back = try MultiPolygon(geoJSONString: text)
    /// ```
    public func geoJSONString() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(48 + vertexCount * 24)
        out.append(contentsOf: Array(#"{"type":"MultiPolygon","coordinates":["#.utf8))
        for (p, polygon) in polygons.enumerated() {
            if p > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (r, ring) in polygon.rings.enumerated() {
                if r > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                for (i, c) in ring.coordinates.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(UInt8(ascii: "["))
                    Self.appendNumber(c.lon, to: &out)
                    out.append(UInt8(ascii: ","))
                    Self.appendNumber(c.lat, to: &out)
                    out.append(UInt8(ascii: "]"))
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: Array("]}".utf8))
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `v` rounded to 7 decimals without trailing zeros.
    static func appendNumber(_ v: Double, to out: inout [UInt8]) {
        guard v.isFinite else {
            out.append(contentsOf: Array("null".utf8))
            return
        }
        let scaled = (v * 1e7).rounded()
        guard abs(scaled) < 9e15 else {
            out.append(contentsOf: Array(v.description.utf8))
            return
        }
        let n = UInt64(abs(scaled))
        if scaled < 0 && n != 0 { out.append(UInt8(ascii: "-")) }
        let intPart = n / 10_000_000
        var frac = n % 10_000_000
        appendDigits(intPart, to: &out)
        guard frac != 0 else { return }
        out.append(UInt8(ascii: "."))
        var width = 7
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var k = width - 1
        while frac > 0 {
            digits[k] = UInt8(ascii: "0") + UInt8(frac % 10)
            frac /= 10
            k -= 1
        }
        out.append(contentsOf: digits)
    }

    private static func appendDigits(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        appendDigits(value / 10, to: &out)
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Reads GeoJSON text of a Polygon or MultiPolygon geometry object.
    ///
    /// Text in the form written by ``geoJSONString()`` (any whitespace allowed) is read by a
    /// hand-written parser — about 40,000 small grid polygons load in well under a second; any
    /// other valid GeoJSON geometry falls back to `JSONSerialization` and
    /// ``init(geoJSON:)``, which also gives the precise error.
    ///
    /// ```swift
    /// let geometry = try MultiPolygon(geoJSONString: row.geometry)
    /// ```
    public init(geoJSONString text: String) throws(GeoJSONError) {
        var text = text
        let fast: MultiPolygon? = text.withUTF8 { buffer in
            var parser = FastGeoJSONParser(bytes: buffer)
            return parser.parseGeometry()
        }
        if let geometry = fast {
            self = geometry
            return
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw .invalidJSON(offset: 0, reason: "not parseable as JSON (\(error.localizedDescription))")
        }
        try self.init(geoJSON: object)
    }
}
