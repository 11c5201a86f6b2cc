public import Foundation

/// 区域导入 (region import): reads a GeoJSON `FeatureCollection` of regions, validates all of it,
/// and yields regions ready to store — or every problem found, and nothing to store.
///
/// Each feature is a Polygon or MultiPolygon with these properties:
///
/// | property | required | meaning |
/// |---|---|---|
/// | `code` | yes | the region code (``RegionCode``); a zone's configured six-digit code |
/// | `name` | yes | Chinese name |
/// | `level` | no | `city`, `district`, `zone`, `subdistrict`, `community`, `grid`; inferred from the code, except that a six-digit code is a `district` unless `zone` is given |
/// | `parent_code` | no | the management parent; inferred from the code's structure |
/// | `managed_by` | no | for a subdistrict taken over by a functional zone: the zone's code. The official parent stays the county in the code |
/// | `name_en` | no | English or pinyin name |
/// | `synthetic` | no | `true` for generated, not surveyed, boundaries |
///
/// Validation runs in two phases so that the pure domain never reads the database:
/// ``parse(_:options:)`` checks each feature on its own and lists the codes it refers to that the
/// file does not define; the caller fetches those from the store; ``validate(_:existing:options:)``
/// then checks parents, levels, code structure and that each child lies inside its official parent
/// (vertex-based, with ``Options/toleranceMeters``).
///
/// ```swift
/// let parsed = RegionImport.parse(data, options: .init(crs: .gcj02))
/// let existing = try await store.regions(codes: parsed.externalReferences)
/// let regions = try RegionImport.validate(parsed, existing: existing, options: options).get()
/// ```
public enum RegionImport {
    /// How to read the file.
    public struct Options: Sendable {
        /// The coordinate system of the file's coordinates.
        public var crs: CoordinateSystem
        /// How far outside its parent a child's vertex may lie, in metres: boundaries from different
        /// surveys rarely coincide exactly.
        public var toleranceMeters: Double

        public init(crs: CoordinateSystem = .wgs84, toleranceMeters: Double = 20) {
            self.crs = crs
            self.toleranceMeters = toleranceMeters
        }
    }

    /// One feature, read and checked on its own: the region it would become, and whether its
    /// geometry passed (containment is checked only for valid geometry).
    public struct Draft: Sendable {
        public var featureIndex: Int
        public var region: Region
        public var geometryValid: Bool
        public var code: String { region.code }
    }

    /// The result of the first phase.
    public struct Parsed: Sendable {
        public var drafts: [Draft]
        public var problems: [RegionImportProblem]
        /// Codes of parents the file refers to but does not define: fetch them from the store.
        public var externalReferences: Set<String>
        /// Where each feature starts in the file.
        var lines = FeatureLines(Data())
    }

    /// Phase 1: reads every feature and checks what can be checked without other regions.
    public static func parse(_ data: Data, options: Options) -> Parsed {
        var problems: [RegionImportProblem] = []
        func fileProblem(_ en: String, _ zh: String) -> Parsed {
            Parsed(drafts: [], problems: [RegionImportProblem(featureIndex: nil, code: nil, reason: en, reasonZH: zh)], externalReferences: [])
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) else {
            return fileProblem("the file is not valid JSON", "文件不是有效的 JSON")
        }
        guard let object = root as? [String: Any], object["type"] as? String == "FeatureCollection",
            let features = object["features"] as? [Any]
        else {
            return fileProblem("the file is not a GeoJSON FeatureCollection with a features array", "文件不是含 features 数组的 GeoJSON FeatureCollection")
        }
        if features.isEmpty {
            return fileProblem("the FeatureCollection has no features", "FeatureCollection 中没有要素")
        }
        var drafts: [Draft] = []
        var seen: [String: Int] = [:]
        for (index, raw) in features.enumerated() {
            var codeText: String?
            func problem(_ en: String, _ zh: String) {
                problems.append(RegionImportProblem(featureIndex: index, code: codeText, reason: en, reasonZH: zh))
            }
            guard let feature = raw as? [String: Any], feature["type"] as? String == "Feature" else {
                problem("is not a GeoJSON Feature object", "不是 GeoJSON Feature 对象")
                continue
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            codeText = stringProperty(properties["code"])
            guard let codeString = codeText, !codeString.isEmpty else {
                problem("property \"code\" is missing or not a string", "缺少 code 属性或其不是字符串")
                continue
            }
            let code: RegionCode
            do {
                code = try RegionCode(codeString)
            } catch {
                problem(error.description, error.descriptionZH)
                continue
            }
            if let first = seen[codeString] {
                problem("code is also used by feature \(first); codes must be unique", "编码与要素 \(first) 重复，编码必须唯一")
            } else {
                seen[codeString] = index
            }
            let name = (properties["name"] as? String)?.trimmed() ?? ""
            if name.isEmpty { problem("property \"name\" is missing or empty", "缺少 name 属性或其为空") }

            var level: RegionLevel
            if let levelText = properties["level"] as? String {
                guard let parsed = RegionLevel(rawValue: levelText) else {
                    problem("level \"\(levelText)\" is not one of \(RegionLevel.allCases.map(\.rawValue).joined(separator: ", "))",
                        "level“\(levelText)”无效")
                    continue
                }
                level = parsed
            } else {
                level = code.form == .county ? .district : (code.possibleLevels.first ?? .grid)
            }
            if !code.possibleLevels.contains(level) {
                problem("a \(code.form.rawValue)-form code cannot denote a \(level.rawValue)", "该编码格式不能表示\(level.nameZH)")
            }
            let managedBy = stringProperty(properties["managed_by"])
            if managedBy != nil && level != .subdistrict {
                problem("\"managed_by\" applies only to subdistricts", "managed_by 只适用于街道/乡镇")
            }
            let structural: String? = (level == .district || level == .zone) ? code.cityCode : code.parentCode
            let parentCode = stringProperty(properties["parent_code"]) ?? managedBy ?? structural
            let divisionParent = managedBy != nil ? structural : nil

            var geometry = MultiPolygon(polygons: [])
            var geometryValid = false
            if let geometryObject = feature["geometry"] {
                do {
                    geometry = options.crs.toWGS84(try MultiPolygon(geoJSON: geometryObject)).normalized()
                    let geometryProblems = geometry.validate()
                    for p in geometryProblems { problem(p.description, p.descriptionZH) }
                    geometryValid = geometryProblems.isEmpty
                } catch {
                    problem("geometry: \(error)", "几何：\(error)")
                }
            } else {
                problem("the feature has no geometry", "要素缺少几何")
            }
            let region = Region(
                code: codeString, level: level, name: name, nameEN: stringProperty(properties["name_en"]), parentCode: parentCode,
                divisionParentCode: divisionParent, synthetic: properties["synthetic"] as? Bool ?? false, geometry: geometry)
            drafts.append(Draft(featureIndex: index, region: region, geometryValid: geometryValid))
        }
        let defined = Set(drafts.map(\.code))
        var references = Set<String>()
        for draft in drafts {
            for ref in [draft.region.parentCode, draft.region.divisionParentCode].compactMap({ $0 }) where !defined.contains(ref) {
                references.insert(ref)
            }
            references.insert(draft.code)  // to detect a level change of an existing region
        }
        return Parsed(drafts: drafts, problems: problems, externalReferences: references, lines: FeatureLines(data))
    }

    /// Phase 2: checks the drafts against each other and against `existing` (the regions named by
    /// ``Parsed/externalReferences`` that the store has). Returns the regions to write, or every problem.
    public static func validate(_ parsed: Parsed, existing: [String: Region], options: Options) -> Result<[Region], RegionImportFailure> {
        var problems = parsed.problems
        var byCode: [String: Draft] = [:]
        for draft in parsed.drafts where byCode[draft.code] == nil { byCode[draft.code] = draft }

        func lookup(_ code: String) -> (level: RegionLevel, geometry: MultiPolygon, valid: Bool)? {
            if let d = byCode[code] { return (d.region.level, d.region.geometry, d.geometryValid) }
            if let r = existing[code] { return (r.level, r.geometry, true) }
            return nil
        }

        for entry in parsed.drafts {
            let draft = entry.region
            func problem(_ en: String, _ zh: String) {
                problems.append(RegionImportProblem(featureIndex: entry.featureIndex, code: draft.code, reason: en, reasonZH: zh))
            }
            if let old = existing[draft.code], old.level != draft.level {
                problem("code already exists as a \(old.level.rawValue); a region cannot change level", "该编码已作为\(old.level.nameZH)存在，不能改变层级")
            }
            guard let parentCode = draft.parentCode else {
                if draft.level != .city { problem("has no parent", "缺少上级区域") }
                continue
            }
            guard let parent = lookup(parentCode) else {
                problem("parent \(parentCode) is neither in the file nor in the database", "上级区域 \(parentCode) 既不在文件中也不在数据库中")
                continue
            }
            if !draft.level.allowedParentLevels.contains(parent.level) {
                problem("a \(draft.level.rawValue) cannot sit under a \(parent.level.rawValue) (\(parentCode))",
                    "\(draft.level.nameZH)不能隶属于\(parent.level.nameZH)（\(parentCode)）")
            }
            // The official parent must match the code's structure, and contain the child.
            let officialCode = draft.divisionParentCode ?? parentCode
            guard let official = lookup(officialCode) else {
                problem("official parent \(officialCode) is neither in the file nor in the database", "行政上级 \(officialCode) 既不在文件中也不在数据库中")
                continue
            }
            if let code = try? RegionCode(draft.code) {
                let expected = (draft.level == .district || draft.level == .zone) ? code.cityCode : code.parentCode
                if let expected, expected != officialCode {
                    problem("code \(draft.code) belongs under \(expected) by its structure, not under \(officialCode)",
                        "编码 \(draft.code) 按结构应隶属于 \(expected)，而非 \(officialCode)")
                }
            }
            if draft.divisionParentCode != nil && official.level != .district {
                problem("official parent \(officialCode) is a \(official.level.rawValue), not a district/county", "行政上级 \(officialCode) 不是区县")
            }
            if draft.divisionParentCode != nil && parent.level != .zone {
                problem("managed_by \(parentCode) is a \(parent.level.rawValue), not a functional zone", "managed_by \(parentCode) 不是功能区")
            }
            if entry.geometryValid && official.valid && draft.level != .zone
                && !draft.geometry.isWithin(official.geometry, toleranceMeters: options.toleranceMeters)
            {
                problem("lies outside its parent \(officialCode) by more than \(Int(options.toleranceMeters)) m",
                    "超出上级区域 \(officialCode) 边界 \(Int(options.toleranceMeters)) 米以上")
            }
        }
        if !problems.isEmpty {
            for i in problems.indices {
                problems[i].line = problems[i].featureIndex.flatMap { parsed.lines.line(ofFeature: $0) }
            }
            problems.sort { ($0.featureIndex ?? -1) < ($1.featureIndex ?? -1) }
            return .failure(RegionImportFailure(problems: problems))
        }
        return .success(parsed.drafts.map(\.region))
    }

    private static func stringProperty(_ value: Any?) -> String? {
        switch value {
        case let s as String: s.isEmpty ? nil : s
        case let n as NSNumber: n.stringValue
        default: nil
        }
    }
}
