/// A command failed for a reason the user can act on; printed as `Error: …` without the usage text
/// that `ValidationError` adds (which is for malformed arguments).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
