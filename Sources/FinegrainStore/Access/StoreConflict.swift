/// A write refused because it would break a uniqueness or existence rule (a username or credit
/// code already taken, a reference to something that does not exist). The server answers 409 or 422.
public struct StoreConflict: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case duplicate, missingReference, notFound }
    public let kind: Kind
    public let description: String
    public let descriptionZH: String

    init(_ kind: Kind, _ description: String, _ descriptionZH: String) {
        self.kind = kind
        self.description = description
        self.descriptionZH = descriptionZH
    }
}
