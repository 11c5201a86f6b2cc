import Foundation

@testable import FinegrainCore

/// The shipped catalogue files, read from the source tree, and helpers for small CSV fixtures.
enum CatalogueFixtures {
    /// `Sources/FinegrainDemo/Resources/catalogue/`, found from this file (symlinks resolved, so a
    /// package that links the test folder in still finds the repository's files).
    static let directory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()
        .appendingPathComponent("../../../Sources/FinegrainDemo/Resources/catalogue")
        .standardizedFileURL

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static let header = "kind,code,name,major_code,major_name,standard,note"

    /// A CSV from the header and rows, joined with newlines.
    static func csv(_ rows: String..., header: String = header) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    /// Parses a shipped class file; the caller checks that `problems` is empty.
    static func shipped(_ name: String) throws -> (classes: [CatalogueClass], problems: [CatalogueProblem]) {
        CatalogueCSV.parse(try text(name), file: name)
    }
}
