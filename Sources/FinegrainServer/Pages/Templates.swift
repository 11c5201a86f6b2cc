import Foundation
import Mustache

/// The Mustache templates bundled with the server (`Resources/templates`), every one parsed once
/// into one library: console pages render through it (with their layout), and the reports and the
/// public notice board take their template from it.
enum Templates {
    static let library: MustacheLibrary = {
        var templates: [String: MustacheTemplate] = [:]
        if let folder = Bundle.module.url(forResource: "templates", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        {
            for name in names where name.hasSuffix(".mustache") {
                if let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), let template = try? MustacheTemplate(string: text) {
                    templates[String(name.dropLast(".mustache".count))] = template
                }
            }
        }
        return MustacheLibrary(templates: templates)
    }()

    /// The template `name.mustache`, or nil when it is missing or does not parse (a packaging error
    /// the tests catch by rendering every page).
    static func load(_ name: String) -> MustacheTemplate? { library.getTemplate(named: name) }
}
