import Foundation

/// A command failed for a reason the user can act on; printed as `Error: …` without the usage text
/// that `ValidationError` adds (which is for malformed arguments).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension CommandFailure {
    /// The whole of `file` as UTF-8 text, or a failure naming the file.
    static func readText(_ file: String) throws -> String {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CommandFailure("cannot read \(file) as UTF-8 text") }
        return text
    }
}
