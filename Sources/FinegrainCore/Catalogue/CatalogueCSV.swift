import Foundation

/// Reads and validates a catalogue CSV: the shipped GB/T 47678.5-2026 and GB/T 30428.2-2013 tables,
/// or a city's own file of local classes and overrides (`finegrain import catalogue`).
///
/// The header is required; its columns may come in any order:
///
/// | column | required | content |
/// |---|---|---|
/// | `kind` | yes | `component` or `matter` |
/// | `code` | yes | digits starting with `major_code`: 5 for `GB/T 47678.5-2026`, 4 for `GB/T 30428.2-2013`, 4–8 for `local` |
/// | `name` | yes | Chinese name, 1–60 characters |
/// | `major_code` | yes | two digits |
/// | `major_name` | yes | the major class's name, the same on every row of that kind and major |
/// | `standard` | yes | `GB/T 47678.5-2026`, `GB/T 30428.2-2013` or `local` |
/// | `note` | no | free text |
/// | `name_en` | no | English name |
/// | `active` | no | `true` (default when empty) or `false` |
/// | `attributes` | no | JSON array of ``ExtensionAttribute`` |
///
/// Every problem is reported with its line and column; a file with any problem yields **no**
/// classes, so the caller imports nothing.
///
/// ```swift
/// let (classes, problems) = CatalogueCSV.parse(text, file: "classes.csv")
/// if problems.isEmpty { catalogue = catalogue.merging(classes) }
/// else { problems.forEach { print($0) } }   // classes.csv:12: code: "0100" must be 5 digits …
/// ```
public enum CatalogueCSV {
    /// The columns every file must have.
    public static let requiredColumns = ["kind", "code", "name", "major_code", "major_name", "standard"]
    /// The columns a file may add.
    public static let optionalColumns = ["note", "name_en", "active", "attributes"]
    /// The longest accepted class name, in characters.
    public static let maxNameLength = 60

    /// Parses and validates `text`; `file` names it in the problems. `classes` is empty whenever
    /// `problems` is not.
    public static func parse(_ text: String, file: String) -> (classes: [CatalogueClass], problems: [CatalogueProblem]) {
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
        guard let columns = CatalogueColumns(header: header, allowed: requiredColumns + optionalColumns,
                                             required: requiredColumns, file: file, problems: &problems)
        else { return ([], problems) }
        if records.count == 1 {
            report(header.line, nil, "the file has a header but no classes", "文件只有表头，没有分类")
        }

        var classes: [CatalogueClass] = []
        var firstLine: [String: Int] = [:]
        var majorNames: [String: (name: String, line: Int)] = [:]
        let decoder = JSONDecoder()

        for record in records.dropFirst() {
            let line = record.line
            guard record.fields.count == columns.count else {
                report(line, nil, "the row has \(record.fields.count) fields but the header has \(columns.count)",
                       "该行有 \(record.fields.count) 个字段，表头有 \(columns.count) 个")
                continue
            }
            func value(_ column: String) -> String {
                columns.index[column].map { record.fields[$0].trimmed() } ?? ""
            }
            let before = problems.count

            let kindText = value("kind")
            let kind = ClassKind(rawValue: kindText)
            if kind == nil {
                report(line, "kind", "\"\(kindText)\" must be component or matter", "“\(kindText)”须为 component 或 matter")
            }

            let standard = value("standard")
            let lengths = CatalogueStandard.codeLengths(for: standard)
            if lengths == nil {
                report(line, "standard",
                       "\"\(standard)\" must be one of \(CatalogueStandard.all.joined(separator: ", "))",
                       "“\(standard)”须为 \(CatalogueStandard.all.joined(separator: "、")) 之一")
            }

            let majorCode = value("major_code")
            let majorCodeValid = majorCode.count == 2 && isDigits(majorCode)
            if !majorCodeValid {
                report(line, "major_code", "\"\(majorCode)\" must be 2 digits", "“\(majorCode)”须为 2 位数字")
            }

            let code = value("code")
            if code.isEmpty {
                report(line, "code", "is empty", "代码为空")
            } else if !isDigits(code) {
                report(line, "code", "\"\(code)\" must contain only the digits 0-9", "“\(code)”只能包含数字 0-9")
            } else if let lengths, !lengths.contains(code.count) {
                switch standard {
                case CatalogueStandard.gb47678:
                    report(line, "code", "\"\(code)\" must be 5 digits for GB/T 47678.5 or 4 digits for a legacy class",
                           "“\(code)”须为 5 位（GB/T 47678.5）或 4 位（旧标准分类）")
                case CatalogueStandard.gb30428Legacy:
                    report(line, "code", "\"\(code)\" must be 4 digits for a legacy GB/T 30428.2-2013 class",
                           "“\(code)”须为 4 位（旧标准 GB/T 30428.2-2013 分类）")
                default:
                    report(line, "code", "\"\(code)\" must be 4 to 8 digits for a local class",
                           "“\(code)”须为 4 至 8 位（本地分类）")
                }
            } else if majorCodeValid && !code.hasPrefix(majorCode) {
                report(line, "code", "\"\(code)\" does not start with its major_code \"\(majorCode)\"",
                       "“\(code)”不以大类代码“\(majorCode)”开头")
            }

            let name = value("name")
            if name.isEmpty {
                report(line, "name", "is empty", "名称为空")
            } else if name.count > maxNameLength {
                report(line, "name", "is \(name.count) characters long, at most \(maxNameLength) are allowed",
                       "长 \(name.count) 个字符，最多 \(maxNameLength) 个")
            }

            let majorName = value("major_name")
            if majorName.isEmpty {
                report(line, "major_name", "is empty", "大类名称为空")
            } else if let kind, majorCodeValid {
                let key = "\(kind.rawValue):\(majorCode)"
                if let seen = majorNames[key], seen.name != majorName {
                    report(line, "major_name",
                           "\"\(majorName)\" differs from \"\(seen.name)\" given for \(kind.rawValue) major \(majorCode) on line \(seen.line)",
                           "“\(majorName)”与第 \(seen.line) 行给\(kind.nameZH)大类 \(majorCode) 的名称“\(seen.name)”不一致")
                } else if majorNames[key] == nil {
                    majorNames[key] = (majorName, line)
                }
            }

            var active = true
            switch value("active") {
            case "", "true": active = true
            case "false": active = false
            case let other:
                report(line, "active", "\"\(other)\" must be true or false", "“\(other)”须为 true 或 false")
            }

            var attributes: [ExtensionAttribute] = []
            let attributesText = value("attributes")
            if !attributesText.isEmpty {
                do {
                    attributes = try decoder.decode([ExtensionAttribute].self, from: Data(attributesText.utf8))
                    var codes: Set<String> = []
                    for (i, attribute) in attributes.enumerated() {
                        for p in attribute.definitionProblems() {
                            report(line, "attributes[\(i)].\(p.field)", p.message, p.messageZH)
                        }
                        if !codes.insert(attribute.code).inserted {
                            report(line, "attributes[\(i)].code", "\"\(attribute.code)\" is defined twice on this class",
                                   "“\(attribute.code)”在该分类中重复定义")
                        }
                    }
                } catch {
                    report(line, "attributes", "is not a JSON array of attributes: \(describe(error))",
                           "不是有效的属性 JSON 数组：\(describe(error))")
                }
            }

            if let kind, !code.isEmpty {
                let id = CatalogueClass.id(kind: kind, code: code)
                if let first = firstLine[id] {
                    report(line, "code", "duplicate \(kind.rawValue) \(code) (first on line \(first))",
                           "\(kind.nameZH)代码 \(code) 重复（首次出现在第 \(first) 行）")
                } else {
                    firstLine[id] = line
                }
            }

            guard problems.count == before, let kind else { continue }
            let note = value("note")
            let nameEN = value("name_en")
            classes.append(CatalogueClass(
                kind: kind, code: code, name: name, nameEN: nameEN.isEmpty ? nil : nameEN, majorCode: majorCode,
                majorName: majorName, standard: standard, note: note.isEmpty ? nil : note, attributes: attributes,
                active: active))
        }
        return problems.isEmpty ? (classes, []) : ([], problems)
    }

    /// ``parse(_:file:)`` for callers that want all or nothing: the classes, or every problem in a
    /// ``CatalogueImportFailure``.
    public static func load(_ text: String, file: String) throws(CatalogueImportFailure) -> [CatalogueClass] {
        let (classes, problems) = parse(text, file: file)
        guard problems.isEmpty else { throw CatalogueImportFailure(problems: problems) }
        return classes
    }

    /// `true` when `text` is non-empty and only ASCII digits.
    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// A short readable reason for a JSON decoding failure.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "wrong type\(path(context))"
        case .dataCorrupted(let context)?:
            return context.codingPath.isEmpty ? "malformed JSON" : "invalid value\(path(context))"
        default:
            return "malformed JSON"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
        return parts.isEmpty ? "" : " at \(parts.joined())"
    }
}

/// A validated header: column name → index. Internal to the catalogue parsers.
struct CatalogueColumns {
    var index: [String: Int]
    var count: Int

    /// Checks the header record; reports unknown, duplicate and missing columns and returns `nil`
    /// when there is any.
    init?(header: CatalogueCSVReader.Record, allowed: [String], required: [String], file: String,
          problems: inout [CatalogueProblem]) {
        var index: [String: Int] = [:]
        var bad = false
        for (i, raw) in header.fields.enumerated() {
            let name = raw.trimmed()
            if !allowed.contains(name) {
                problems.append(CatalogueProblem(
                    file: file, line: header.line, field: name.isEmpty ? "column \(i + 1)" : name,
                    message: "unknown column (allowed: \(allowed.joined(separator: ", ")))",
                    messageZH: "未知列（允许的列：\(allowed.joined(separator: "、"))）"))
                bad = true
            } else if index[name] != nil {
                problems.append(CatalogueProblem(
                    file: file, line: header.line, field: name, message: "the column appears twice", messageZH: "列重复"))
                bad = true
            } else {
                index[name] = i
            }
        }
        for name in required where index[name] == nil {
            problems.append(CatalogueProblem(
                file: file, line: header.line, field: name, message: "required column is missing",
                messageZH: "缺少必需的列"))
            bad = true
        }
        if bad { return nil }
        self.index = index
        self.count = header.fields.count
    }
}
