import Foundation
import Hummingbird

/// One value of an Open311 document, kept in order so that the XML and the JSON renderings come
/// from the same data (the spec's "Spark convention": JSON is a mechanical mapping of the XML, with
/// list roots dropped).
indirect enum Open311Value {
    case string(String?)
    case number(Double)
    case int(Int)
    case bool(Bool)
    case object([(String, Open311Value)])
    /// A list: in XML each item is an `<itemName>` element; in JSON an array.
    case list(itemName: String, [Open311Value])

    func xml(_ name: String, into writer: inout XMLWriter) {
        switch self {
        case .string(let s): writer.element(name, s)
        case .number(let n): writer.element(name, Self.format(n))
        case .int(let i): writer.element(name, String(i))
        case .bool(let b): writer.element(name, b ? "true" : "false")
        case .object(let fields):
            writer.element(name) { w in for (key, value) in fields { value.xml(key, into: &w) } }
        case .list(let itemName, let items):
            writer.element(name) { w in for item in items { item.xml(itemName, into: &w) } }
        }
    }

    func json(into out: inout String) {
        switch self {
        case .string(let s?): out += Self.quote(s)
        case .string(nil): out += "null"
        case .number(let n): out += Self.format(n)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .object(let fields):
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                out += Self.quote(key) + ":"
                value.json(into: &out)
            }
            out += "}"
        case .list(_, let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.json(into: &out)
            }
            out += "]"
        }
    }

    static func format(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}

/// The two wire formats of GeoReport v2, chosen by the resource's suffix.
enum Open311Format: String {
    case xml, json

    var contentType: String { self == .xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8" }

    /// Renders `value` with XML root element `root` (for JSON the root disappears).
    func response(_ value: Open311Value, root: String, status: HTTPResponse.Status = .ok) -> Response {
        let text: String
        switch self {
        case .xml:
            var writer = XMLWriter()
            value.xml(root, into: &writer)
            text = writer.document
        case .json:
            var out = ""
            value.json(into: &out)
            text = out
        }
        return Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// An Open311 error: `<errors><error><code/><description/></error></errors>` or `[{"code","description"}]`,
/// with the spec's HTTP codes (404 missing, 403 api_key, 400 anything else).
struct Open311Error: Error {
    var status: HTTPResponse.Status
    var description: String

    func response(_ format: Open311Format) -> Response {
        format.response(
            .list(itemName: "error", [.object([("code", .int(Int(status.code))), ("description", .string(description))])]), root: "errors",
            status: status)
    }
}
