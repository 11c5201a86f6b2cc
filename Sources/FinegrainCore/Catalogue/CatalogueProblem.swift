/// One thing wrong with a catalogue file (classes or legacy mapping), tied to its line and column.
///
/// The parsers report **every** problem they find, not just the first, so whoever maintains the
/// city's code table can fix the whole file in one pass; a file with any problem imports nothing.
///
/// ```swift
/// problem.description   // "classes.csv:12: code: \"0100\" must be 5 digits for GB/T 47678.5 or 4 digits for a legacy class"
/// problem.descriptionZH // "classes.csv:12: code: “0100”须为 5 位（GB/T 47678.5）或 4 位（旧标准分类）"
/// ```
public struct CatalogueProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as the caller gave it, e.g. `classes.csv`.
    public var file: String
    /// The 1-based line where the row starts (the header is line 1).
    public var line: Int
    /// The column concerned (`code`, `attributes[0].choices` …); `nil` for the row or file as a whole.
    public var field: String?
    /// What is wrong, in English.
    public var message: String
    /// What is wrong, in Chinese.
    public var messageZH: String

    /// Creates a problem.
    public init(file: String, line: Int, field: String?, message: String, messageZH: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.messageZH = messageZH
    }

    /// `file:line: field: message`, or `file:line: message` without a field.
    public var description: String { "\(location)\(message)" }

    /// The same with the Chinese message.
    public var descriptionZH: String { "\(location)\(messageZH)" }

    private var location: String {
        if let field { "\(file):\(line): \(field): " } else { "\(file):\(line): " }
    }
}

/// A catalogue import that was refused: nothing was imported, and these are all the reasons.
///
/// ```swift
/// do { let classes = try CatalogueCSV.load(text, file: "classes.csv") }
/// catch { print(error) }   // error is CatalogueImportFailure
/// ```
public struct CatalogueImportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found, in file order.
    public var problems: [CatalogueProblem]

    /// Creates a failure from its problems.
    public init(problems: [CatalogueProblem]) { self.problems = problems }

    public var description: String {
        "catalogue import refused, nothing imported (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
