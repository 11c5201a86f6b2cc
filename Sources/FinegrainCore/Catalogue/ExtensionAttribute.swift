import Foundation

/// A city's extension attribute (扩展属性) on a class: an extra field a report of that class must
/// or may carry, beyond the standard attributes of GB/T 47678.5 表2/表3.
///
/// The standard lets a city add type-specific attributes (e.g. the material of a manhole cover);
/// they arrive as JSON in the `attributes` column of the city's catalogue CSV and are checked here,
/// first as definitions (``definitionProblems()``), then against each report's values
/// (``validate(_:)``).
///
/// ```swift
/// let material = ExtensionAttribute(code: "cover_material", name: "井盖材质",
///                                   type: .singleChoice, required: true,
///                                   choices: ["铸铁", "复合材料", "混凝土"])
/// material.validate("铸铁")   // nil
/// material.validate("木头")   // "cover_material (井盖材质): "木头" is not one of 铸铁, 复合材料, 混凝土"
/// material.validate(nil)      // "cover_material (井盖材质): is required"
/// ```
public struct ExtensionAttribute: Sendable, Hashable, Codable {
    /// The snake_case identifier, e.g. `cover_material`; unique within a class.
    public var code: String
    /// The Chinese label shown to collectors, e.g. 井盖材质.
    public var name: String
    /// What kind of value it holds.
    public var type: AttributeType
    /// `true` when a report of the class is incomplete without it.
    public var required: Bool
    /// The allowed values for ``AttributeType/singleChoice`` and ``AttributeType/multiChoice``;
    /// empty for the other types.
    public var choices: [String]

    /// The separator between the chosen items of a ``AttributeType/multiChoice`` value: `铸铁,混凝土`.
    public static let multiChoiceSeparator: Character = ","

    /// The accepted spellings of a ``AttributeType/boolean`` value, true ones first.
    public static let trueValues: Set<String> = ["true", "1", "是"]
    /// The accepted spellings of a false ``AttributeType/boolean`` value.
    public static let falseValues: Set<String> = ["false", "0", "否"]

    /// Creates an attribute definition. Check it with ``definitionProblems()``.
    public init(code: String, name: String, type: AttributeType, required: Bool = false, choices: [String] = []) {
        self.code = code
        self.name = name
        self.type = type
        self.required = required
        self.choices = choices
    }

    private enum CodingKeys: String, CodingKey { case code, name, type, required, choices }

    /// Decodes a definition; `required` defaults to `false` and `choices` to `[]` when absent, so a
    /// city's JSON can stay short: `{"code":"note_no","name":"编号","type":"text"}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(AttributeType.self, forKey: .type)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        choices = try c.decodeIfPresent([String].self, forKey: .choices) ?? []
    }

    /// Checks one value a report gives for this attribute (`nil` or blank = not given). Returns what is
    /// wrong, prefixed with the attribute, or `nil` when the value is acceptable.
    ///
    /// - text: anything; number: a finite decimal (`12`, `-3.5`); boolean: `true`/`false`, `1`/`0`
    ///   or `是`/`否`; single_choice: exactly one of ``choices``; multi_choice: one or more of
    ///   ``choices`` separated by ``multiChoiceSeparator``, none twice.
    public func validate(_ value: String?) -> String? {
        check(value)?.en
    }

    /// The same, in English and Chinese: the Chinese names the attribute and the value a person
    /// gave (or says a required one is missing).
    public func check(_ value: String?) -> (en: String, zh: String)? {
        guard let en = englishProblem(value) else { return nil }
        let label = "\(code)（\(name)）"
        let trimmed = value?.trimmed() ?? ""
        return (en, trimmed.isEmpty ? "必填扩展属性\(label)未填写" : "扩展属性\(label)的取值“\(trimmed)”无效")
    }

    private func englishProblem(_ value: String?) -> String? {
        let trimmed = value?.trimmed() ?? ""
        if trimmed.isEmpty { return required ? problem("is required") : nil }
        switch type {
        case .text:
            return nil
        case .number:
            guard let number = Double(trimmed), number.isFinite else {
                return problem("\"\(trimmed)\" is not a number")
            }
            return nil
        case .boolean:
            if Self.trueValues.contains(trimmed.lowercased()) || Self.falseValues.contains(trimmed.lowercased()) {
                return nil
            }
            return problem("\"\(trimmed)\" is not true or false")
        case .singleChoice:
            return choices.contains(trimmed) ? nil : problem("\"\(trimmed)\" is not one of \(choiceList)")
        case .multiChoice:
            let items = trimmed.split(separator: Self.multiChoiceSeparator, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            var seen = Set<String>()
            for item in items {
                if item.isEmpty { return problem("\"\(trimmed)\" has an empty item") }
                if !choices.contains(item) { return problem("\"\(item)\" is not one of \(choiceList)") }
                if !seen.insert(item).inserted { return problem("\"\(item)\" is chosen twice") }
            }
            return nil
        }
    }

    /// Everything wrong with the definition itself, as (field, English, Chinese) triples; empty when
    /// it is usable. ``CatalogueCSV`` reports these against the row that defines the attribute.
    public func definitionProblems() -> [(field: String, message: String, messageZH: String)] {
        var problems: [(field: String, message: String, messageZH: String)] = []
        if !Self.isSnakeCase(code) {
            problems.append((
                "code", "\"\(code)\" must be snake_case (a-z, 0-9, _; starting with a letter; at most 64 characters)",
                "“\(code)”须为 snake_case 标识（小写字母、数字、下划线，以字母开头，不超过 64 个字符）"
            ))
        }
        if name.trimmed().isEmpty {
            problems.append(("name", "is empty", "名称为空"))
        }
        if type.hasChoices {
            if choices.isEmpty {
                problems.append(("choices", "a \(type.rawValue) attribute needs at least one choice", "选择型属性至少需要一个选项"))
            }
            if choices.contains(where: { $0.trimmed().isEmpty }) {
                problems.append(("choices", "has an empty choice", "选项中有空值"))
            }
            if Set(choices).count != choices.count {
                problems.append(("choices", "has a choice twice", "选项重复"))
            }
            if type == .multiChoice && choices.contains(where: { $0.contains(Self.multiChoiceSeparator) }) {
                problems.append((
                    "choices", "a multi_choice choice must not contain \"\(Self.multiChoiceSeparator)\"",
                    "多选属性的选项不能包含“\(Self.multiChoiceSeparator)”"
                ))
            }
        } else if !choices.isEmpty {
            problems.append(("choices", "only choice attributes have choices", "只有选择型属性才有选项"))
        }
        return problems
    }

    private var choiceList: String { choices.joined(separator: ", ") }

    private func problem(_ text: String) -> String { "\(code) (\(name)): \(text)" }

    /// `true` for `a-z` followed by `a-z`, `0-9` or `_`, 64 characters at most.
    static func isSnakeCase(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.unicodeScalars.count <= 64 else {
            return false
        }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// The value type of an ``ExtensionAttribute``; the raw values are what the JSON carries.
///
/// ```swift
/// AttributeType(rawValue: "single_choice")   // .singleChoice
/// ```
public enum AttributeType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Free text.
    case text
    /// A decimal number.
    case number
    /// Yes or no.
    case boolean
    /// Exactly one of the attribute's choices.
    case singleChoice = "single_choice"
    /// One or more of the attribute's choices.
    case multiChoice = "multi_choice"

    /// `true` for the two choice types, which need ``ExtensionAttribute/choices``.
    public var hasChoices: Bool { self == .singleChoice || self == .multiChoice }
}
