/// One thing wrong with a region import, tied to the feature it concerns.
///
/// An import reports **every** problem it finds, not just the first, so a GIS operator can fix the
/// whole file in one pass; and it imports nothing while any problem remains.
///
/// ```swift
/// problem.description   // "feature 3 (code 370303001): ring 0 of polygon 0 is not closed"
/// ```
public struct RegionImportProblem: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The zero-based index of the feature in the file's `features` array; `nil` for the file itself.
    public var featureIndex: Int?
    /// The one-based line of the file where the feature starts, when known.
    public var line: Int?
    /// The feature's code, when it has a readable one.
    public var code: String?
    /// What is wrong, in English.
    public var reason: String
    /// What is wrong, in Chinese.
    public var reasonZH: String

    public init(featureIndex: Int?, line: Int? = nil, code: String?, reason: String, reasonZH: String) {
        self.featureIndex = featureIndex
        self.line = line
        self.code = code
        self.reason = reason
        self.reasonZH = reasonZH
    }

    /// Where the problem is, as a prefix: `feature 3 (code 370303001)`.
    public var location: String {
        switch (featureIndex, code) {
        case (nil, _): "file"
        case (let i?, nil): "feature \(i)"
        case (let i?, let c?): "feature \(i) (code \(c))"
        }
    }

    public var description: String { "\(location): \(reason)" }
}

/// An import that was refused: nothing was written, and these are all the reasons.
public struct RegionImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [RegionImportProblem]

    public init(problems: [RegionImportProblem]) { self.problems = problems }

    public var description: String {
        "region import refused, nothing imported (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
