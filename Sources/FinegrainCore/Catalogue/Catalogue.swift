import Foundation

/// The catalogue a city works with: the standard directory plus its own classes and overrides,
/// with lookup and search for pickers, the API and case intake.
///
/// It is a plain value: build it from parsed CSVs and layer the city's file on top with
/// ``merging(_:)``; a later class with the same ``CatalogueClass/id`` replaces the earlier one (a
/// local rename, deactivation or added attributes), new ones are added.
///
/// ```swift
/// let standard = Catalogue(try CatalogueCSV.load(gbText, file: "gb47678-5-2026.csv"))
/// let city = standard.merging(try CatalogueCSV.load(localText, file: "zibo.csv"))
/// city.class(kind: .component, code: "01001")?.name        // "供水井盖"
/// city.search(kind: .matter, text: "井盖").count            // every 井盖 matter
/// city.children(ofMajor: "06", kind: .matter).first?.name  // "私搭乱建"
/// ```
public struct Catalogue: Sendable {
    /// A major class (大类) of one kind, as the classes under it name it.
    ///
    /// ```swift
    /// catalogue.majors(of: .matter).last   // MajorClass(kind: .matter, code: "10", name: "其他事项类")
    /// ```
    public struct MajorClass: Sendable, Hashable {
        /// Component or matter (their major codes 01–05 coincide).
        public var kind: ClassKind
        /// The two-digit major code.
        public var code: String
        /// The major class's name, e.g. 市政公用设施 or 市容环境类.
        public var name: String

        /// Creates a major class.
        public init(kind: ClassKind, code: String, name: String) {
            self.kind = kind
            self.code = code
            self.name = name
        }
    }

    private var byID: [String: CatalogueClass]

    /// Creates a catalogue; of classes with the same id, the last one wins.
    public init(_ classes: [CatalogueClass] = []) {
        byID = [:]
        for cls in classes { byID[cls.id] = cls }
    }

    /// Every class, sorted by kind (components first) then code.
    public var classes: [CatalogueClass] { byID.values.sorted(by: Self.order) }

    /// How many classes it holds.
    public var count: Int { byID.count }

    /// The class with this kind and code, active or not.
    public func `class`(kind: ClassKind, code: String) -> CatalogueClass? {
        byID[CatalogueClass.id(kind: kind, code: code)]
    }

    /// The class with this ``CatalogueClass/id`` (`component:01001`).
    public func `class`(id: String) -> CatalogueClass? { byID[id] }

    /// Classes matching every given filter, sorted by kind then code.
    ///
    /// - Parameters:
    ///   - kind: only this kind; `nil` for both.
    ///   - codePrefix: only codes starting with it (`"01"`, `"0100"`); `nil` or empty for all.
    ///   - text: only classes whose name, English name or code contains it, ignoring case, character width and
    ///     surrounding spaces; `nil` or blank for all.
    ///   - includeInactive: also return deactivated classes (default: active ones only).
    public func search(
        kind: ClassKind? = nil, codePrefix: String? = nil, text: String? = nil, includeInactive: Bool = false
    ) -> [CatalogueClass] {
        let needle = text?.trimmed() ?? ""
        let prefix = codePrefix ?? ""
        return byID.values.filter { cls in
            (includeInactive || cls.active)
                && (kind == nil || cls.kind == kind)
                && cls.code.hasPrefix(prefix)
                && (needle.isEmpty
                    || Self.contains(cls.name, needle)
                    || cls.code.contains(needle)
                    || (cls.nameEN.map { Self.contains($0, needle) } ?? false))
        }.sorted(by: Self.order)
    }

    /// The classes of a major class (`"01"`), active or not, sorted by kind then code; `kind` narrows
    /// it to components or matters (their major codes 01–05 coincide).
    public func children(ofMajor majorCode: String, kind: ClassKind? = nil) -> [CatalogueClass] {
        byID.values.filter { $0.majorCode == majorCode && (kind == nil || $0.kind == kind) }.sorted(by: Self.order)
    }

    /// The major classes that have classes of `kind`, by code; the name is the one on the
    /// lowest-coded class under it.
    public func majors(of kind: ClassKind) -> [MajorClass] {
        var seen: [String: MajorClass] = [:]
        for cls in classes where cls.kind == kind && seen[cls.majorCode] == nil {
            seen[cls.majorCode] = MajorClass(kind: kind, code: cls.majorCode, name: cls.majorName)
        }
        return seen.values.sorted { $0.code < $1.code }
    }

    /// This catalogue with `other` layered on top: a class with the same id replaces the existing
    /// one, any other is added.
    public func merging(_ other: [CatalogueClass]) -> Catalogue {
        var merged = self
        for cls in other { merged.byID[cls.id] = cls }
        return merged
    }

    /// Case- and width-insensitive containment (`sos` finds `SOS`, `(` finds `（`).
    private static func contains(_ haystack: String, _ needle: String) -> Bool {
        haystack.range(of: needle, options: [.caseInsensitive, .widthInsensitive]) != nil
    }

    private static func order(_ a: CatalogueClass, _ b: CatalogueClass) -> Bool {
        if a.kind != b.kind { return a.kind == .component }
        return a.code < b.code
    }
}
