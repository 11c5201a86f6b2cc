import Foundation

extension Component {
    /// Lists **every** problem with the component (empty when it may be saved), each naming the
    /// Swift property (`authorityCode`, `attributes.cover_material`) with an English and a Chinese
    /// message.
    ///
    /// Checked: ``id`` is a well-formed ``ComponentID`` whose class part equals ``classCode``; the
    /// class exists in `catalogue` as an active component class; ``name`` has 1…30 characters;
    /// ``authorityCode`` (required) and, when given, ``ownerCode`` and ``maintainerCode`` are valid
    /// ``CreditCode``s; ``authorityName`` is given and every unit name has at most 100 characters;
    /// ``gridCode`` has 15 characters `0-9 A-Z` (a legacy 16-digit component may instead carry a
    /// 14-digit legacy grid code) and is required when `requireGrid` is `true`; ``changedDate`` is
    /// not before ``initialDate``; ``dataSource`` ≤30 and ``note`` ≤1000 characters;
    /// ``subdistrictCode`` has 9 digits, ``communityCode`` 12 digits starting with the subdistrict
    /// code, their names ≤50 characters; the geometry is valid (``ComponentGeometry/validate()``);
    /// and ``attributes`` match the class's ``ExtensionAttribute``s — unknown keys are problems,
    /// required ones must be present. Blank optional values count as absent. When the class is not
    /// in the catalogue, the attributes cannot be checked and only the class is reported.
    ///
    /// - Parameter requireGrid: `false` while the grid is still to be resolved from the geometry
    ///   (an import before locating); `true` (the default) for a component being saved.
    ///
    /// ```swift
    /// for problem in component.validate(catalogue: city) { print(problem) }
    /// // authorityCode: credit code "123": must have 18 characters, not 3
    /// ```
    public func validate(catalogue: Catalogue, requireGrid: Bool = true) -> [ComponentProblem] {
        validateFields(requireGrid: requireGrid) + validateClass(catalogue: catalogue)
    }

    /// Everything that needs no catalogue, in property order.
    func validateFields(requireGrid: Bool) -> [ComponentProblem] {
        var problems: [ComponentProblem] = []
        func add(_ field: String, _ en: String, _ zh: String) {
            problems.append(ComponentProblem(componentID: id, field: field, message: en, messageZH: zh))
        }
        func maxLength(_ field: String, _ value: String?, _ limit: Int) {
            guard let value, value.count > limit else { return }
            add(field, "has \(value.count) characters, more than \(limit)", "长度为 \(value.count) 个字符，超过 \(limit) 个")
        }
        func creditCode(_ field: String, _ value: String?, required: Bool) {
            guard let value = Self.given(value) else {
                if required { add(field, "is required", "必填") }
                return
            }
            do {
                _ = try CreditCode(value)
            } catch {
                add(field, error.description, "统一社会信用代码“\(value)”\(error.reasonZH)")
            }
        }

        let parsedID: ComponentID?
        do {
            parsedID = try ComponentID(id)
        } catch {
            parsedID = nil
            add("id", error.description, error.descriptionZH)
        }
        let trimmedName = name.trimmed()
        if trimmedName.isEmpty { add("name", "is required", "必填") }
        maxLength("name", name, 30)
        if let parsedID, parsedID.classCode != classCode {
            add("classCode", "\"\(classCode)\" is not the class part of the ID (\(parsedID.classCode))",
                "分类代码“\(classCode)”与标识码中的分类代码“\(parsedID.classCode)”不一致")
        }
        creditCode("authorityCode", authorityCode, required: true)
        if Self.given(authorityName) == nil { add("authorityName", "is required", "必填") }
        maxLength("authorityName", authorityName, 100)
        creditCode("ownerCode", ownerCode, required: false)
        maxLength("ownerName", ownerName, 100)
        creditCode("maintainerCode", maintainerCode, required: false)
        maxLength("maintainerName", maintainerName, 100)

        if let grid = Self.given(gridCode) {
            if !Self.isGridCode(grid, legacy: parsedID?.isLegacy ?? false) {
                add("gridCode", "\"\(grid)\" is not a 15-character unit grid code (0-9, A-Z)",
                    "单元网格标识码“\(grid)”应为 15 位（数字或大写字母）")
            }
        } else if requireGrid {
            add("gridCode", "is required", "必填")
        }
        if let changedDate, changedDate < initialDate {
            add("changedDate", "\(changedDate) is before the initial date \(initialDate)",
                "变更日期 \(changedDate) 早于初始日期 \(initialDate)")
        }
        maxLength("dataSource", dataSource, 30)
        maxLength("note", note, 1000)

        let subdistrict = Self.given(subdistrictCode)
        if let subdistrict, !Self.isDigits(subdistrict, count: 9) {
            add("subdistrictCode", "\"\(subdistrict)\" is not 9 digits", "街道代码“\(subdistrict)”应为 9 位数字")
        }
        maxLength("subdistrictName", subdistrictName, 50)
        if let community = Self.given(communityCode) {
            if !Self.isDigits(community, count: 12) {
                add("communityCode", "\"\(community)\" is not 12 digits", "社区代码“\(community)”应为 12 位数字")
            } else if let subdistrict, Self.isDigits(subdistrict, count: 9), !community.hasPrefix(subdistrict) {
                add("communityCode", "\"\(community)\" is not in subdistrict \(subdistrict)",
                    "社区代码“\(community)”不属于街道“\(subdistrict)”")
            }
        }
        maxLength("communityName", communityName, 50)
        problems += geometry.validate().map {
            ComponentProblem(componentID: id, field: $0.field, message: $0.message, messageZH: $0.messageZH)
        }
        return problems
    }

    /// The class in the catalogue and the extension attributes against it.
    func validateClass(catalogue: Catalogue) -> [ComponentProblem] {
        var problems: [ComponentProblem] = []
        func add(_ field: String, _ en: String, _ zh: String) {
            problems.append(ComponentProblem(componentID: id, field: field, message: en, messageZH: zh))
        }
        guard let cls = catalogue.class(kind: .component, code: classCode) else {
            add("classCode", "there is no component class \"\(classCode)\" in the catalogue", "分类目录中没有部件小类“\(classCode)”")
            return problems
        }
        if !cls.active {
            add("classCode", "component class \(classCode) \(cls.name) is deactivated", "部件小类 \(classCode) \(cls.name) 已停用")
        }
        for attribute in cls.attributes {
            guard let problem = attribute.check(attributes[attribute.code]) else { continue }
            add("attributes.\(attribute.code)", problem.en, problem.zh)
        }
        let known = Set(cls.attributes.map(\.code))
        for key in attributes.keys.sorted() where !known.contains(key) {
            add("attributes.\(key)", "\"\(key)\" is not an extension attribute of component class \(classCode)",
                "“\(key)”不是部件小类 \(classCode) 的扩展属性")
        }
        return problems
    }

    /// `value` trimmed, or `nil` when absent or blank.
    static func given(_ value: String?) -> String? {
        guard let trimmed = value?.trimmed(), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func isDigits(_ text: String, count: Int) -> Bool {
        text.unicodeScalars.count == count && text.unicodeScalars.allSatisfy(ComponentID.isDigit)
    }

    /// 15 characters `0-9 A-Z` (GB/T 47678.3), or for a legacy component also 14 digits (CJ/T 213).
    static func isGridCode(_ text: String, legacy: Bool) -> Bool {
        let scalars = text.unicodeScalars
        if scalars.count == 15 { return scalars.allSatisfy { ComponentID.isDigit($0) || ("A"..."Z").contains($0) } }
        return legacy && isDigits(text, count: 14)
    }
}
