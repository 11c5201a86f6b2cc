/// Text made safe to put in HTML and SVG, for the pages built without a template (charts, maps,
/// error pages); Mustache escapes template values itself. The same escaping as the Open311 XML
/// (`XMLWriter.escape`): quotes, apostrophes and control characters included.
enum HTML {
    static func escape(_ text: String) -> String { XMLWriter.escape(text) }
}
