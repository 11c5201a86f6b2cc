/// One thing wrong with a component — from validation or from an import — naming the field and,
/// for imports, the place in the file, in English and Chinese.
///
/// Why one type for both: the register reports **every** problem at once (a census file often has
/// hundreds), and the same list feeds the API, the CLI and the import report.
///
/// `field` is the Swift property name (`authorityCode`, `attributes.cover_material`) for
/// ``Component/validate(catalogue:requireGrid:)``, and the column or property name as written
/// in the file (`ZGBMDM`, `authority_code`, `cover_material`) for ``ComponentImport``.
///
/// ```swift
/// problem.description   // "census.csv:12: authority_code: credit code \"123\": must have 18 characters, not 3"
/// ```
public struct ComponentProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file name, for imports.
    public var file: String?
    /// The 1-based line: the CSV record, or where the GeoJSON feature starts.
    public var line: Int?
    /// The 0-based index in the GeoJSON `features` array.
    public var featureIndex: Int?
    /// The component's ID as given, when there is one.
    public var componentID: String?
    /// The field concerned; empty for the file or record as a whole.
    public var field: String
    /// What is wrong, in English.
    public var message: String
    /// What is wrong, in Chinese.
    public var messageZH: String

    /// Creates a problem.
    public init(
        file: String? = nil, line: Int? = nil, featureIndex: Int? = nil, componentID: String? = nil,
        field: String, message: String, messageZH: String
    ) {
        self.file = file
        self.line = line
        self.featureIndex = featureIndex
        self.componentID = componentID
        self.field = field
        self.message = message
        self.messageZH = messageZH
    }

    /// `file:line: feature 3 (ID …): field: message`, leaving out what is unknown.
    public var description: String { "\(location)\(message)" }

    /// As ``description`` with the Chinese message.
    public var descriptionZH: String { "\(location)\(messageZH)" }

    private var location: String {
        var parts: [String] = []
        switch (file, line) {
        case (let f?, let l?): parts.append("\(f):\(l)")
        case (let f?, nil): parts.append(f)
        case (nil, let l?): parts.append("line \(l)")
        case (nil, nil): break
        }
        var subject: [String] = []
        if let featureIndex { subject.append("feature \(featureIndex)") }
        if let componentID, !componentID.isEmpty { subject.append("(ID \(componentID))") }
        if !subject.isEmpty { parts.append(subject.joined(separator: " ")) }
        if !field.isEmpty { parts.append(field) }
        return parts.isEmpty ? "" : parts.joined(separator: ": ") + ": "
    }
}
