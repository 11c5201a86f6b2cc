/// A tiny XML writer for Open311's plain documents: a declaration, no namespace, escaped text,
/// empty elements for absent values.
///
/// ```swift
/// var xml = XMLWriter()
/// xml.open("services"); xml.element("service_code", "06001"); xml.close("services")
/// xml.document   // <?xml version="1.0" encoding="utf-8"?><services><service_code>06001</service_code></services>
/// ```
struct XMLWriter {
    private(set) var body = ""

    var document: String { "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + body }

    mutating func open(_ name: String) { body += "<\(name)>" }
    mutating func close(_ name: String) { body += "</\(name)>" }

    mutating func element(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else {
            body += "<\(name)/>"
            return
        }
        body += "<\(name)>\(Self.escape(value))</\(name)>"
    }

    mutating func element(_ name: String, _ content: (inout XMLWriter) -> Void) {
        open(name)
        content(&self)
        close(name)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where c.value < 0x20 && c != "\n" && c != "\t" && c != "\r": continue  // not allowed in XML 1.0
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
