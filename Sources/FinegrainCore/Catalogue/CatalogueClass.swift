/// One 部件 or 事项 class of the catalogue (分类代码表): `01001` 供水井盖, `06001` 私搭乱建, or a
/// class a city added for itself.
///
/// Classes are **data**, loaded from CSV (see ``CatalogueCSV``), never a Swift enum: every city
/// localises the directory — it renames, deactivates and adds classes, and attaches its own
/// ``ExtensionAttribute``s. The standard only fixes the code layout: a two-digit major class
/// (大类) followed by the minor class (3 digits in GB/T 47678.5-2026, 2 in the legacy
/// GB/T 30428.2-2013, 4–8 for a local class).
///
/// ```swift
/// let cover = CatalogueClass(kind: .component, code: "01001", name: "供水井盖",
///                            majorCode: "01", majorName: "市政公用设施",
///                            standard: CatalogueStandard.gb47678)
/// cover.id   // "component:01001"
/// ```
public struct CatalogueClass: Sendable, Hashable, Codable, Identifiable {
    /// Component or matter.
    public var kind: ClassKind
    /// The class code, all digits, starting with ``majorCode``: `01001`, `0101`, `0601001`.
    public var code: String
    /// The Chinese name, e.g. 供水井盖.
    public var name: String
    /// An English name, when the city has one.
    public var nameEN: String?
    /// The two-digit major class (大类) code, e.g. `01`.
    public var majorCode: String
    /// The major class's name, e.g. 市政公用设施.
    public var majorName: String
    /// Where the class comes from: ``CatalogueStandard/gb47678`` (`GB/T 47678.5-2026`),
    /// ``CatalogueStandard/gb30428Legacy`` (`GB/T 30428.2-2013`) or ``CatalogueStandard/local``.
    public var standard: String
    /// A free note (provenance, uncertainty, local remarks).
    public var note: String?
    /// The city's extra fields a report of this class must or may carry.
    public var attributes: [ExtensionAttribute]
    /// `false` for a class the city keeps for old records but no longer accepts new reports for.
    public var active: Bool

    /// `"\(kind.rawValue):\(code)"` — the kind is part of the key because components and matters share
    /// the code space.
    public var id: String { Self.id(kind: kind, code: code) }

    /// The ``id`` a class of this kind and code has.
    public static func id(kind: ClassKind, code: String) -> String { "\(kind.rawValue):\(code)" }

    /// Creates a class. No validation happens here; ``CatalogueCSV`` validates what it reads.
    public init(
        kind: ClassKind, code: String, name: String, nameEN: String? = nil, majorCode: String,
        majorName: String, standard: String, note: String? = nil, attributes: [ExtensionAttribute] = [],
        active: Bool = true
    ) {
        self.kind = kind
        self.code = code
        self.name = name
        self.nameEN = nameEN
        self.majorCode = majorCode
        self.majorName = majorName
        self.standard = standard
        self.note = note
        self.attributes = attributes
        self.active = active
    }

    /// Checks the values of a report's extension attributes against ``attributes``: every
    /// problem text, in attribute order, and one for each key that is not an attribute of this class.
    ///
    /// ```swift
    /// cls.validateAttributes(["cover_material": "铸铁"])   // [] when valid
    /// ```
    public func validateAttributes(_ values: [String: String]) -> [(en: String, zh: String)] {
        var problems = attributes.compactMap { $0.check(values[$0.code]) }
        let known = Set(attributes.map(\.code))
        for key in values.keys.sorted() where !known.contains(key) {
            problems.append(("\(key): not an extension attribute of \(kind.rawValue) \(code)", "“\(key)”不是\(kind.nameZH) \(code)（\(name)）的扩展属性"))
        }
        return problems
    }
}

/// The `standard` values a catalogue row may carry, and the code length each one implies.
///
/// ```swift
/// CatalogueStandard.codeLengths(for: "GB/T 47678.5-2026")   // 5...5
/// CatalogueStandard.codeLengths(for: "local")               // 4...8
/// ```
public enum CatalogueStandard {
    /// The current national directory, GB/T 47678.5-2026 (2 + 3 digit codes).
    public static let gb47678 = "GB/T 47678.5-2026"
    /// The replaced national directory, GB/T 30428.2-2013 / CJ/T 214 (2 + 2 digit codes).
    public static let gb30428Legacy = "GB/T 30428.2-2013"
    /// A class the city defined itself (4–8 digit codes).
    public static let local = "local"
    /// Every accepted value, in that order.
    public static let all = [gb47678, gb30428Legacy, local]

    /// The accepted code lengths for a `standard` value; `nil` for an unknown standard.
    public static func codeLengths(for standard: String) -> ClosedRange<Int>? {
        switch standard {
        case gb47678: 5...5
        case gb30428Legacy: 4...4
        case local: 4...8
        default: nil
        }
    }
}
