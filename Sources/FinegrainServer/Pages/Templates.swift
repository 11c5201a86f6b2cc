import Foundation
import Mustache

/// The Mustache templates bundled with the server (`Resources/templates`), parsed once.
enum Templates {
    /// The template `name.mustache`, or nil when it is missing or does not parse (a packaging error
    /// the tests catch by rendering every page).
    static func load(_ name: String) -> MustacheTemplate? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "templates"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return nil }
        return try? MustacheTemplate(string: text)
    }
}
