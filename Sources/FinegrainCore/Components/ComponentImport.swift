import Foundation

/// Reads a component census (部件普查) file — GeoJSON or CSV — into ``Component``s and the list of
/// every problem found. Pure: the store decides what to write.
///
/// Why both naming styles: census contractors deliver the GB/T 47678.5 表2 abbreviations
/// (`GLBJBSM`, `ZGBMDM`, `GLBJZT` …), while Finegrain's own exports and hand-made files use
/// snake_case (`id`, `authority_code`, `status` …); legacy CJ/T 214 feeds (`ObjID`, `DeptCode1`,
/// `ObjState`, `ORDate` …) are read too. Names match ignoring case. Any other property or column is
/// an extension attribute. The class code is the ID's class part.
///
/// Values: the status is an English raw value or the Chinese word (完好, 破损 …); dates are
/// `YYYYMMDD` or `YYYY-MM-DD` (a time after the date, as in `2010-05-01 00:00:00`, is ignored);
/// blank values count as absent. Geometry in GCJ-02 is converted to WGS84.
///
/// The result keeps only components without any problem; every problem names where it is (file,
/// line, feature index), the component ID as given, the field as the file names it, and the reason
/// in English and Chinese. Duplicate IDs in a file are a problem on every occurrence. With a
/// `catalogue`, each component is also checked by ``Component/validate(catalogue:requireGrid:)``;
/// `requireGrid` defaults to `false` because the grid is usually resolved from the geometry after
/// import.
///
/// ```swift
/// let (components, problems) = ComponentImport.parseCSV(text, file: "census.csv", catalogue: city)
/// for problem in problems { print(problem) }   // census.csv:12: status: "好" is not one of 完好, 破损, 丢失, 废弃, 移除
/// ```
public enum ComponentImport {
    /// One feature or record as read: standard values by property, extension attributes, geometry.
    struct Row {
        var file: String
        var line: Int?
        var featureIndex: Int?
        /// Property → trimmed, non-blank value.
        var values: [String: String] = [:]
        /// Property → the name the file used for it.
        var columns: [String: String] = [:]
        /// Naming style votes, to name missing fields the file's way.
        var styleVotes: [ComponentField.Style: Int] = [:]
        /// Extension attributes, by the file's key.
        var attributes: [String: String] = [:]
        var geometry: ComponentGeometry?
        /// What the geometry is called in problems: `geometry`, or `lon` for lon/lat columns.
        var geometryField = "geometry"
        /// The geometry was given but could not be read (already a problem).
        var geometryFailed = false
        /// The record as a whole is unreadable (already a problem); nothing else is checked.
        var unreadable = false
        /// Problems found while reading (syntax, geometry, duplicated keys).
        var problems: [ComponentProblem] = []

        init(file: String, line: Int?, featureIndex: Int?) {
            self.file = file
            self.line = line
            self.featureIndex = featureIndex
        }

        /// Records one property or column; a standard field given twice with different values is a problem.
        mutating func set(_ name: String, _ raw: String) {
            let value = raw.trimmed()
            guard let (field, style) = ComponentField.lookup(name) else {
                if !value.isEmpty { attributes[name] = value }
                return
            }
            styleVotes[style, default: 0] += 1
            guard !value.isEmpty else {
                if columns[field.property] == nil { columns[field.property] = name }
                return
            }
            if let existing = values[field.property], existing != value {
                problem(name, "is given twice with different values (\"\(existing)\" as \(columns[field.property] ?? field.snake), \"\(value)\")",
                    "重复给出且取值不同（\(columns[field.property] ?? field.snake) 为“\(existing)”，此处为“\(value)”）")
                return
            }
            values[field.property] = value
            columns[field.property] = name
        }

        mutating func problem(_ field: String, _ en: String, _ zh: String) {
            problems.append(ComponentProblem(
                file: file, line: line, featureIndex: featureIndex, componentID: values["id"], field: field, message: en, messageZH: zh))
        }

        /// The name this file uses (or would use) for a property.
        func name(of property: String) -> String {
            if property == "geometry" { return geometryField }
            if property.hasPrefix("attributes.") { return String(property.dropFirst("attributes.".count)) }
            if let column = columns[property] { return column }
            let style = styleVotes.max { ($0.value, $0.key == .snake ? 1 : 0) < ($1.value, $1.key == .snake ? 1 : 0) }?.key ?? .snake
            return ComponentField.forProperty(property)?.name(in: style) ?? property
        }
    }

    /// Turns a row into a component, or the problems that keep it out.
    static func build(_ input: Row, catalogue: Catalogue?, requireGrid: Bool) -> (component: Component?, problems: [ComponentProblem]) {
        guard !input.unreadable else { return (nil, input.problems) }
        var row = input
        var failed = Set<String>()
        func fail(_ property: String, _ en: String, _ zh: String) {
            failed.insert(property)
            row.problem(row.name(of: property), en, zh)
        }

        let idText = row.values["id"]
        var classCode = ""
        if let idText {
            do {
                classCode = try ComponentID(idText).classCode
            } catch {
                fail("id", error.description, error.descriptionZH)
            }
        } else {
            fail("id", "is required", "必填")
        }
        var status = ComponentStatus.intact
        if let text = row.values["status"] {
            if let parsed = ComponentStatus(name: text) {
                status = parsed
            } else {
                let words = ComponentStatus.allCases.map(\.nameZH).joined(separator: ", ")
                fail("status", "\"\(text)\" is not one of \(words)", "“\(text)”不是\(ComponentStatus.allCases.map(\.nameZH).joined(separator: "、"))之一")
            }
        } else {
            fail("status", "is required", "必填")
        }
        var changedDate: LocalDate?
        if let text = row.values["changedDate"] {
            changedDate = parseDate(text)
            if changedDate == nil { fail("changedDate", dateMessage(text), dateMessageZH(text)) }
        }
        // When the initial date is unusable, a placeholder that cannot trigger the date-order check.
        var initialDate = changedDate ?? LocalDate(daysSince1970: 0)
        if let text = row.values["initialDate"] {
            if let date = parseDate(text) { initialDate = date } else { fail("initialDate", dateMessage(text), dateMessageZH(text)) }
        } else {
            fail("initialDate", "is required", "必填")
        }
        let geometry = row.geometry ?? .point(Coordinate(lon: 0, lat: 0))
        if row.geometry == nil {
            failed.insert("geometry")
            if !row.geometryFailed { row.problem(row.geometryField, "is required", "必填") }
        }

        let v = row.values
        let component = Component(
            id: idText ?? "", name: v["name"] ?? "", classCode: classCode, authorityCode: v["authorityCode"] ?? "",
            authorityName: v["authorityName"] ?? "", ownerCode: v["ownerCode"], ownerName: v["ownerName"],
            maintainerCode: v["maintainerCode"], maintainerName: v["maintainerName"], gridCode: v["gridCode"], status: status,
            initialDate: initialDate, changedDate: changedDate, dataSource: v["dataSource"], note: v["note"],
            subdistrictCode: v["subdistrictCode"], subdistrictName: v["subdistrictName"], communityCode: v["communityCode"],
            communityName: v["communityName"], geometry: geometry, attributes: row.attributes, synthetic: false)
        var checks = component.validateFields(requireGrid: requireGrid)
        if let catalogue, !failed.contains("id") { checks += component.validateClass(catalogue: catalogue) }
        for check in checks where !failed.contains(check.field) {
            row.problem(row.name(of: check.field), check.message, check.messageZH)
        }
        return (row.problems.isEmpty ? component : nil, row.problems)
    }

    /// Parses all rows, then marks duplicate IDs; keeps only components without problems.
    static func finish(_ rows: [Row], catalogue: Catalogue?, requireGrid: Bool) -> (components: [Component], problems: [ComponentProblem]) {
        var built = rows.map { build($0, catalogue: catalogue, requireGrid: requireGrid) }
        var occurrences: [String: [Int]] = [:]
        for (i, row) in rows.enumerated() {
            if let id = row.values["id"] { occurrences[id, default: []].append(i) }
        }
        for (id, indices) in occurrences where indices.count > 1 {
            for i in indices {
                let others = indices.filter { $0 != i }.map { rows[$0] }
                built[i].component = nil
                built[i].problems.append(ComponentProblem(
                    file: rows[i].file, line: rows[i].line, featureIndex: rows[i].featureIndex, componentID: id,
                    field: rows[i].name(of: "id"), message: "ID \(id) is also used by \(others.map(place).joined(separator: ", "))",
                    messageZH: "标识码 \(id) 与\(others.map(placeZH).joined(separator: "、"))重复"))
            }
        }
        return (built.compactMap(\.component), built.flatMap(\.problems))
    }

    /// `line 12` for a CSV record, `feature 3` for a GeoJSON feature.
    private static func place(_ row: Row) -> String {
        if let index = row.featureIndex { return "feature \(index)" }
        return "line \(row.line ?? 0)"
    }

    /// `第 12 行` for a CSV record, `要素 3` for a GeoJSON feature.
    private static func placeZH(_ row: Row) -> String {
        if let index = row.featureIndex { return "要素 \(index)" }
        return "第 \(row.line ?? 0) 行"
    }

    /// `YYYYMMDD` or `YYYY-MM-DD`, optionally followed by a time after a space or `T`.
    static func parseDate(_ text: String) -> LocalDate? {
        var date = Substring(text)
        if date.count > 10, let separator = date.dropFirst(10).first, separator == " " || separator == "T" {
            date = date.prefix(10)
        }
        if date.count == 8, date.unicodeScalars.allSatisfy(ComponentID.isDigit) {
            return LocalDate("\(date.prefix(4))-\(date.dropFirst(4).prefix(2))-\(date.suffix(2))")
        }
        return LocalDate(String(date))
    }

    private static func dateMessage(_ text: String) -> String { "\"\(text)\" is not a date (YYYYMMDD or YYYY-MM-DD)" }
    private static func dateMessageZH(_ text: String) -> String { "“\(text)”不是有效日期（应为 YYYYMMDD 或 YYYY-MM-DD）" }
}
