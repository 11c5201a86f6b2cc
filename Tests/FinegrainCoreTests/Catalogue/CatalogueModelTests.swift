import Foundation
import Testing

@testable import FinegrainCore

@Suite("Catalogue — lookup, search, local overrides; ExtensionAttribute; LegacyMappingCSV")
struct CatalogueModelTests {
    static func cls(_ kind: ClassKind, _ code: String, _ name: String, major: String = "01",
                    majorName: String = "市政公用设施", standard: String = CatalogueStandard.gb47678,
                    nameEN: String? = nil, active: Bool = true) -> CatalogueClass {
        CatalogueClass(kind: kind, code: code, name: name, nameEN: nameEN, majorCode: major, majorName: majorName,
                       standard: standard, active: active)
    }

    static let sample = Catalogue([
        cls(.component, "01001", "供水井盖", nameEN: "Water supply manhole cover"),
        cls(.component, "01066", "紧急报警点SOS"),
        cls(.component, "01021", "输油（气）井盖"),
        cls(.matter, "01001", "供水井盖异常", majorName: "市政公用设施类"),
        cls(.matter, "06001", "私搭乱建", major: "06", majorName: "市容环境类"),
        cls(.matter, "06013", "道路破损", major: "06", majorName: "市容环境类", active: false),
    ])

    @Test("id includes the kind; lookup by kind and code or id")
    func lookup() {
        let c = Self.sample
        #expect(c.class(kind: .component, code: "01001")?.id == "component:01001")
        #expect(c.class(kind: .matter, code: "01001")?.name == "供水井盖异常")
        #expect(c.class(id: "matter:06001")?.name == "私搭乱建")
        #expect(c.class(kind: .component, code: "06001") == nil)
        #expect(c.count == 6)
        #expect(c.classes.map(\.id).prefix(2) == ["component:01001", "component:01021"])
    }

    @Test("search by kind, code prefix and text (name, English name or code, case-insensitive)")
    func search() {
        let c = Self.sample
        #expect(c.search(text: "井盖").map(\.id) == ["component:01001", "component:01021", "matter:01001"])
        #expect(c.search(kind: .matter, text: "井盖").map(\.code) == ["01001"])
        #expect(c.search(text: "sos").map(\.code) == ["01066"])
        #expect(c.search(text: "WATER supply").map(\.code) == ["01001"])
        #expect(c.search(text: "0106").map(\.code) == ["01066"])
        #expect(c.search(text: "输油(气)").map(\.code) == ["01021"])  // ASCII parentheses find full-width ones
        #expect(c.search(codePrefix: "06").map(\.code) == ["06001"])   // 06013 is inactive
        #expect(c.search(codePrefix: "06", includeInactive: true).map(\.code) == ["06001", "06013"])
        #expect(c.search(kind: .component, codePrefix: "010").count == 3)
        #expect(c.search(text: "  ").count == 5)
        #expect(c.search(text: "不存在").isEmpty)
    }

    @Test("children of a major, optionally by kind")
    func children() {
        let c = Self.sample
        #expect(c.children(ofMajor: "01").map(\.id) == ["component:01001", "component:01021", "component:01066", "matter:01001"])
        #expect(c.children(ofMajor: "01", kind: .matter).map(\.code) == ["01001"])
        #expect(c.children(ofMajor: "06").count == 2)
        #expect(c.children(ofMajor: "99").isEmpty)
        #expect(c.majors(of: .matter) == [
            .init(kind: .matter, code: "01", name: "市政公用设施类"), .init(kind: .matter, code: "06", name: "市容环境类"),
        ])
    }

    @Test("merging: later classes with the same id replace, others are added; the original is unchanged")
    func merging() {
        let renamed = Self.cls(.component, "01001", "自来水井盖", standard: CatalogueStandard.local)
        let added = Self.cls(.matter, "0600101", "违规晾晒", major: "06", majorName: "市容环境类",
                             standard: CatalogueStandard.local)
        let retired = Self.cls(.matter, "06001", "私搭乱建", major: "06", majorName: "市容环境类", active: false)
        let merged = Self.sample.merging([renamed, added, retired])
        #expect(merged.count == 7)
        #expect(merged.class(kind: .component, code: "01001")?.name == "自来水井盖")
        #expect(merged.class(kind: .matter, code: "01001")?.name == "供水井盖异常")  // other kind untouched
        #expect(merged.class(kind: .matter, code: "0600101")?.standard == "local")
        #expect(merged.search(codePrefix: "06").map(\.code) == ["0600101"])
        #expect(Self.sample.class(kind: .component, code: "01001")?.name == "供水井盖")
        // Within one list, the last one wins too.
        #expect(Catalogue([Self.sample.classes[0], renamed]).class(id: "component:01001")?.name == "自来水井盖")
    }

    @Test("attribute values are validated per type")
    func attributeValues() {
        let material = ExtensionAttribute(code: "cover_material", name: "井盖材质", type: .singleChoice, required: true,
                                          choices: ["铸铁", "复合材料", "混凝土"])
        #expect(material.validate("铸铁") == nil)
        #expect(material.validate(" 铸铁 ") == nil)
        #expect(material.validate("木头") == "cover_material (井盖材质): \"木头\" is not one of 铸铁, 复合材料, 混凝土")
        #expect(material.validate(nil) == "cover_material (井盖材质): is required")
        #expect(material.validate("  ") == "cover_material (井盖材质): is required")

        let depth = ExtensionAttribute(code: "depth_m", name: "深度", type: .number)
        #expect(depth.validate(nil) == nil)
        #expect(depth.validate("1.5") == nil)
        #expect(depth.validate("-3") == nil)
        #expect(depth.validate("abc") != nil)
        #expect(depth.validate("inf") != nil)
        #expect(depth.validate("nan") != nil)

        let lit = ExtensionAttribute(code: "lit", name: "是否亮灯", type: .boolean, required: true)
        for ok in ["true", "FALSE", "1", "0", "是", "否"] { #expect(lit.validate(ok) == nil, "\(ok)") }
        #expect(lit.validate("maybe") != nil)

        let damage = ExtensionAttribute(code: "damage", name: "损坏情况", type: .multiChoice,
                                        choices: ["破损", "缺失", "松动"])
        #expect(damage.validate("破损,缺失") == nil)
        #expect(damage.validate("破损, 松动") == nil)
        #expect(damage.validate("破损,破损")?.contains("twice") == true)
        #expect(damage.validate("破损,,缺失")?.contains("empty") == true)
        #expect(damage.validate("生锈")?.contains("not one of") == true)

        let text = ExtensionAttribute(code: "remark", name: "说明", type: .text)
        #expect(text.validate("任何内容") == nil)

        let cover = CatalogueClass(kind: .component, code: "0100101", name: "智能井盖", majorCode: "01",
                                   majorName: "市政公用设施", standard: "local", attributes: [material, depth])
        #expect(cover.validateAttributes(["cover_material": "铸铁", "depth_m": "2"]).isEmpty)
        #expect(cover.validateAttributes(["depth_m": "x", "colour": "red"]).map(\.zh) == [
            "必填扩展属性cover_material（井盖材质）未填写", "扩展属性depth_m（深度）的取值“x”无效", "“colour”不是部件 0100101（智能井盖）的扩展属性",
        ])
        #expect(cover.validateAttributes(["depth_m": "x", "colour": "red"]).map(\.en) == [
            "cover_material (井盖材质): is required", "depth_m (深度): \"x\" is not a number",
            "colour: not an extension attribute of component 0100101",
        ])
    }

    @Test("attributes and classes round-trip through JSON; required and choices may be omitted")
    func attributeJSON() throws {
        let attributes = [
            ExtensionAttribute(code: "cover_material", name: "井盖材质", type: .singleChoice, required: true,
                               choices: ["铸铁", "复合材料"]),
            ExtensionAttribute(code: "damage", name: "损坏情况", type: .multiChoice, choices: ["破损", "缺失"]),
            ExtensionAttribute(code: "lit", name: "是否亮灯", type: .boolean),
        ]
        let data = try JSONEncoder().encode(attributes)
        #expect(try JSONDecoder().decode([ExtensionAttribute].self, from: data) == attributes)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"single_choice\"") && json.contains("\"multi_choice\""))

        let short = try JSONDecoder().decode(ExtensionAttribute.self, from: Data(#"{"code":"x","name":"甲","type":"text"}"#.utf8))
        #expect(short == ExtensionAttribute(code: "x", name: "甲", type: .text, required: false, choices: []))

        var cls = Self.cls(.component, "0100101", "智能井盖", standard: CatalogueStandard.local)
        cls.attributes = attributes
        #expect(try JSONDecoder().decode(CatalogueClass.self, from: JSONEncoder().encode(cls)) == cls)
    }

    @Test("legacy mapping CSV: valid rows, and line/field problems")
    func legacyMappingCSV() throws {
        let header = LegacyMappingCSV.columns.joined(separator: ",")
        let good = "\(header)\ncomponent,0101,component,01001,renamed (上水→供水)\nmatter,0407,matter,10001,\"moved (突发事件 abolished, §2.4)\"\n"
        let mappings = try LegacyMappingCSV.load(good, file: "m.csv")
        #expect(mappings == [
            LegacyMapping(legacyKind: .component, legacyCode: "0101", newKind: .component, newCode: "01001",
                          basis: "renamed (上水→供水)"),
            LegacyMapping(legacyKind: .matter, legacyCode: "0407", newKind: .matter, newCode: "10001",
                          basis: "moved (突发事件 abolished, §2.4)"),
        ])
        #expect(mappings[1].legacyID == "matter:0407" && mappings[1].newID == "matter:10001")

        let bad = [
            header,
            "component,01001,component,01001,same name",  // 2 legacy_code 5 digits
            "event,0102,component,0102,same name",        // 3 legacy_kind, new_code 4 digits
            "component,0103,component,01003,",            // 4 basis empty
            "component,0104,component,01004,same name",
            "component,0104,component,01005,same name",   // 6 mapped twice
            "component,0105,component",                   // 7 field count
        ].joined(separator: "\n")
        let (rejected, problems) = LegacyMappingCSV.parse(bad, file: "m.csv")
        #expect(rejected.isEmpty)
        #expect(problems.map { "\($0.line) \($0.field ?? "-")" } == [
            "2 legacy_code", "3 legacy_kind", "3 new_code", "4 basis", "6 legacy_code", "7 -",
        ])
        #expect(problems[0].description == "m.csv:2: legacy_code: \"01001\" must be 4 digits for a legacy GB/T 30428.2-2013 class")
        #expect(problems[4].message.contains("first on line 5"))
        #expect(LegacyMappingCSV.parse("legacy_kind,legacy_code\n", file: "m.csv").problems.map(\.field)
            == ["new_kind", "new_code", "basis"])

        // Unresolved rows are found against the catalogues.
        let legacy = Catalogue([Self.cls(.component, "0101", "上水井盖", majorName: "公用设施",
                                         standard: CatalogueStandard.gb30428Legacy)])
        #expect(LegacyMappingCSV.unresolved(mappings, legacy: legacy, current: Self.sample) == [mappings[1]])
    }
}
