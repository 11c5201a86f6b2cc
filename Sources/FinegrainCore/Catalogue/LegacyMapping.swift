import Foundation

/// One row of the legacy mapping: which GB/T 47678.5-2026 class a GB/T 30428.2-2013 (CJ/T 214)
/// class became, so cases and components recorded under the old 4-digit codes can be re-keyed.
///
/// The shipped `legacy-mapping.csv` lists only classes whose names clearly correspond; a legacy class
/// without a row has no known successor and must be mapped by hand (or by the city's own mapping file).
///
/// ```swift
/// let row = LegacyMapping(legacyKind: .component, legacyCode: "0101",
///                         newKind: .component, newCode: "01001", basis: "renamed (上水→供水)")
/// row.legacyID   // "component:0101"
/// row.newID      // "component:01001"
/// ```
public struct LegacyMapping: Sendable, Hashable, Codable {
    /// The legacy class's kind (legacy 事件 are ``ClassKind/matter``).
    public var legacyKind: ClassKind
    /// The legacy 4-digit code, e.g. `0101`.
    public var legacyCode: String
    /// The new class's kind.
    public var newKind: ClassKind
    /// The new 5-digit code, e.g. `01001`.
    public var newCode: String
    /// Why the two correspond: `same name`, `renamed (上水→供水)`, `moved (突发事件 abolished, §2.4)` ….
    public var basis: String

    /// Creates a mapping row.
    public init(legacyKind: ClassKind, legacyCode: String, newKind: ClassKind, newCode: String, basis: String) {
        self.legacyKind = legacyKind
        self.legacyCode = legacyCode
        self.newKind = newKind
        self.newCode = newCode
        self.basis = basis
    }

    /// The legacy class's ``CatalogueClass/id``.
    public var legacyID: String { CatalogueClass.id(kind: legacyKind, code: legacyCode) }
    /// The new class's ``CatalogueClass/id``.
    public var newID: String { CatalogueClass.id(kind: newKind, code: newCode) }
}

/// Reads and validates `legacy-mapping.csv`: header `legacy_kind,legacy_code,new_kind,new_code,basis`
/// (all required, no others), legacy codes of 4 digits, new codes of 5, a non-empty basis, and each
/// legacy class at most once. Problems are reported like ``CatalogueCSV``'s; a file with any problem
/// yields no mappings.
///
/// ```swift
/// let (mappings, problems) = LegacyMappingCSV.parse(text, file: "legacy-mapping.csv")
/// let unresolved = LegacyMappingCSV.unresolved(mappings, legacy: old, current: new)   // [] when all point at real classes
/// ```
public enum LegacyMappingCSV {
    /// The columns, all required.
    public static let columns = ["legacy_kind", "legacy_code", "new_kind", "new_code", "basis"]

    /// Parses and validates `text`; `file` names it in the problems. `mappings` is empty whenever
    /// `problems` is not.
    public static func parse(_ text: String, file: String) -> (mappings: [LegacyMapping], problems: [CatalogueProblem]) {
        var problems: [CatalogueProblem] = []
        func report(_ line: Int, _ field: String?, _ message: String, _ messageZH: String) {
            problems.append(CatalogueProblem(file: file, line: line, field: field, message: message, messageZH: messageZH))
        }
        let (records, syntax) = CatalogueCSVReader.read(text)
        for p in syntax { report(p.line, nil, p.message, p.messageZH) }
        guard let header = records.first else {
            if syntax.isEmpty { report(1, nil, "the file is empty (a header line is required)", "文件为空（需要表头行）") }
            return ([], problems)
        }
        guard let cols = CatalogueColumns(header: header, allowed: columns, required: columns, file: file,
                                          problems: &problems)
        else { return ([], problems) }
        if records.count == 1 {
            report(header.line, nil, "the file has a header but no mappings", "文件只有表头，没有映射")
        }

        var mappings: [LegacyMapping] = []
        var firstLine: [String: Int] = [:]
        for record in records.dropFirst() {
            let line = record.line
            guard record.fields.count == cols.count else {
                report(line, nil, "the row has \(record.fields.count) fields but the header has \(cols.count)",
                       "该行有 \(record.fields.count) 个字段，表头有 \(cols.count) 个")
                continue
            }
            func value(_ column: String) -> String {
                cols.index[column].map { record.fields[$0].trimmed() } ?? ""
            }
            let before = problems.count
            func kind(_ column: String) -> ClassKind? {
                let text = value(column)
                guard let kind = ClassKind(rawValue: text) else {
                    report(line, column, "\"\(text)\" must be component or matter", "“\(text)”须为 component 或 matter")
                    return nil
                }
                return kind
            }
            func code(_ column: String, length: Int, what: String, whatZH: String) -> String {
                let text = value(column)
                if text.count != length || !CatalogueCSV.isDigits(text) {
                    report(line, column, "\"\(text)\" must be \(length) digits for \(what)", "“\(text)”须为 \(length) 位数字（\(whatZH)）")
                }
                return text
            }
            let legacyKind = kind("legacy_kind")
            let legacyCode = code("legacy_code", length: 4, what: "a legacy GB/T 30428.2-2013 class", whatZH: "旧标准分类")
            let newKind = kind("new_kind")
            let newCode = code("new_code", length: 5, what: "a GB/T 47678.5-2026 class", whatZH: "GB/T 47678.5-2026 分类")
            let basis = value("basis")
            if basis.isEmpty { report(line, "basis", "is empty", "依据为空") }

            guard let legacyKind, let newKind else { continue }
            let mapping = LegacyMapping(legacyKind: legacyKind, legacyCode: legacyCode, newKind: newKind,
                                        newCode: newCode, basis: basis)
            if let first = firstLine[mapping.legacyID] {
                report(line, "legacy_code", "legacy \(legacyKind.rawValue) \(legacyCode) is mapped twice (first on line \(first))",
                       "旧\(legacyKind.nameZH)代码 \(legacyCode) 重复映射（首次出现在第 \(first) 行）")
                continue
            }
            firstLine[mapping.legacyID] = line
            if problems.count == before { mappings.append(mapping) }
        }
        return problems.isEmpty ? (mappings, []) : ([], problems)
    }

    /// ``parse(_:file:)`` for callers that want all or nothing.
    public static func load(_ text: String, file: String) throws(CatalogueImportFailure) -> [LegacyMapping] {
        let (mappings, problems) = parse(text, file: file)
        guard problems.isEmpty else { throw CatalogueImportFailure(problems: problems) }
        return mappings
    }

    /// The mappings whose legacy class is not in `legacy` or whose new class is not in `current`.
    public static func unresolved(_ mappings: [LegacyMapping], legacy: Catalogue, current: Catalogue) -> [LegacyMapping] {
        mappings.filter {
            legacy.class(kind: $0.legacyKind, code: $0.legacyCode) == nil
                || current.class(kind: $0.newKind, code: $0.newCode) == nil
        }
    }
}
