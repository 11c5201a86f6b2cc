/// A write refused because it would break a rule the store keeps: a username or credit code
/// already taken, a reference to something that does not exist, a value out of its range, or a
/// published month whose inputs are frozen. The server answers 409, 422 or 404.
public struct StoreConflict: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Already exists (409).
        case duplicate
        /// Names something that does not exist (422).
        case missingReference
        /// The thing itself does not exist (404).
        case notFound
        /// A value the rule does not allow, e.g. a score out of range (422).
        case invalid
        /// Part of a published evaluation, which no longer changes (409).
        case frozen
    }
    public let kind: Kind
    public let description: String
    public let descriptionZH: String

    init(_ kind: Kind, _ description: String, _ descriptionZH: String) {
        self.kind = kind
        self.description = description
        self.descriptionZH = descriptionZH
    }
}
