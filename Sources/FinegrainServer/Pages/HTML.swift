import Foundation

/// Text made safe to put in HTML and SVG, for the pages built without a template (charts, maps,
/// error pages); Mustache escapes template values itself.
enum HTML {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
