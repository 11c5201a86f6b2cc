import Foundation
import Testing

@testable import FinegrainCore

@Suite("CatalogueCSV — reading and validating class files")
struct CatalogueCSVTests {
    typealias F = CatalogueFixtures

    /// The problems of `text`, as `line field` pairs, after checking nothing was returned with them.
    func problems(_ text: String, file: String = "classes.csv") -> [CatalogueProblem] {
        let (classes, problems) = CatalogueCSV.parse(text, file: file)
        #expect(classes.isEmpty || problems.isEmpty, "classes must be empty when there are problems")
        return problems
    }

    func places(_ problems: [CatalogueProblem]) -> [String] {
        problems.map { "\($0.line) \($0.field ?? "-")" }
    }

    @Test("a legacy code in a GB/T 47678.5 row reports line and field, in both languages")
    func wrongLength() {
        let text = F.csv(
            "component,01001,供水井盖,01,市政公用设施,GB/T 47678.5-2026,",
            "component,0100,污水井盖,01,市政公用设施,GB/T 47678.5-2026,")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.description
            == "classes.csv:3: code: \"0100\" must be 5 digits for GB/T 47678.5 or 4 digits for a legacy class")
        #expect(found.first?.messageZH.contains("5 位") == true)
        #expect(found.first?.descriptionZH.hasPrefix("classes.csv:3: code: ") == true)
    }

    @Test("code rules per standard: digits, length, major prefix")
    func codeRules() {
        let text = F.csv(
            "component,01A01,X,01,市政公用设施,GB/T 47678.5-2026,",  // 2: not digits
            "component,01001,X,01,市政公用设施,GB/T 30428.2-2013,",   // 3: legacy must be 4
            "component,012,X,01,市政公用设施,local,",                 // 4: local 4–8
            "component,020011,X,01,市政公用设施,local,",              // 5: wrong major prefix
            "component,０１００１,X,01,市政公用设施,GB/T 47678.5-2026,", // 6: full-width digits
            "matter,01,X,1,市政公用设施类,GB/T 47678.5-2026,",         // 7: major_code 1 digit → only major_code reported
            "component,,X,01,市政公用设施,GB/T 47678.5-2026,")        // 8: empty code
        let found = problems(text)
        #expect(places(found) == ["2 code", "3 code", "4 code", "5 code", "6 code", "7 major_code", "7 code", "8 code"])
        #expect(found[1].message.contains("4 digits for a legacy GB/T 30428.2-2013 class"))
        #expect(found[2].message.contains("4 to 8 digits for a local class"))
        #expect(found[3].message.contains("does not start with its major_code \"01\""))
    }

    @Test("kind, standard, name, major_name and active are checked")
    func fieldRules() {
        let long = String(repeating: "长", count: 61)
        let text = F.csv(
            "event,01001,X,01,市政公用设施,GB/T 47678.5-2026,",      // 2 kind
            "component,01001,X,01,市政公用设施,CJ/T 214-2007,",       // 3 standard
            "component,01002,,01,市政公用设施,GB/T 47678.5-2026,",    // 4 name empty
            "component,01003,\(long),01,市政公用设施,GB/T 47678.5-2026,", // 5 name too long
            "component,01004,X,01,,GB/T 47678.5-2026,",              // 6 major_name empty
            "component,01005,X,01,市政设施,GB/T 47678.5-2026,")       // 7 major_name differs from line 3
        let found = problems(text)
        #expect(places(found) == ["2 kind", "3 standard", "4 name", "5 name", "6 major_name", "7 major_name"])
        #expect(found[4].message == "is empty")
        #expect(found[5].message.contains("line 3"))
        #expect(found[3].message.contains("61 characters"))
        // Exactly 60 characters is fine.
        let ok = CatalogueCSV.parse(
            F.csv("component,01003,\(String(repeating: "长", count: 60)),01,市政公用设施,GB/T 47678.5-2026,"), file: "x.csv")
        #expect(ok.problems.isEmpty)

        let active = F.csv("component,01001,X,01,市政公用设施,GB/T 47678.5-2026,,yes", header: F.header + ",active")
        #expect(places(problems(active)) == ["2 active"])
    }

    @Test("a duplicate (kind, code) is an error, the same code of the other kind is not")
    func duplicates() {
        let text = F.csv(
            "component,01001,供水井盖,01,市政公用设施,GB/T 47678.5-2026,",
            "matter,01001,供水井盖异常,01,市政公用设施类,GB/T 47678.5-2026,",
            "",
            "component,01001,供水井盖2,01,市政公用设施,GB/T 47678.5-2026,")
        let found = problems(text)
        #expect(places(found) == ["5 code"])
        #expect(found.first?.message == "duplicate component 01001 (first on line 2)")
    }

    @Test("header: required, no unknown or repeated columns, any order")
    func header() {
        #expect(places(problems("")) == ["1 -"])
        #expect(problems("").first?.message.contains("empty") == true)
        #expect(places(problems("\n\n")) == ["1 -"])
        #expect(places(problems(F.header + "\n")) == ["1 -"])
        #expect(problems(F.header).first?.message == "the file has a header but no classes")

        let unknown = F.csv("component,01001,X,01,市政公用设施,GB/T 47678.5-2026,,1", header: F.header + ",colour")
        #expect(places(problems(unknown)) == ["1 colour"])
        let missing = F.csv("component,01001,X,01,GB/T 47678.5-2026", header: "kind,code,name,major_code,standard")
        #expect(places(problems(missing)) == ["1 major_name"])
        let twice = F.csv("component,01001,X,01,市政公用设施,GB/T 47678.5-2026,,", header: F.header + ",note")
        #expect(places(problems(twice)) == ["1 note"])

        // Columns in another order, without the optional note, with CRLF line ends and a BOM.
        let reordered = "\u{FEFF}standard,major_name,major_code,name,code,kind\r\nlocal,本地,99,巡查记录,99001,matter\r\n"
        let (classes, noProblems) = CatalogueCSV.parse(reordered, file: "x.csv")
        #expect(noProblems.isEmpty)
        #expect(classes == [CatalogueClass(kind: .matter, code: "99001", name: "巡查记录", majorCode: "99",
                                           majorName: "本地", standard: "local")])
    }

    @Test("rows with the wrong number of fields and broken quoting are reported")
    func syntax() {
        let text = F.csv(
            "component,01001,X,01,市政公用设施,GB/T 47678.5-2026",             // 2: 6 fields
            "component,01002,\"X\"Y,01,市政公用设施,GB/T 47678.5-2026,",        // 3: text after closing quote
            "component,01003,X\"Y,01,市政公用设施,GB/T 47678.5-2026,",          // 4: quote inside unquoted field
            "component,01004,X,01,市政公用设施,GB/T 47678.5-2026,\"open")       // 5: never closed
        let found = problems(text)
        #expect(places(found) == ["3 -", "4 -", "5 -", "2 -"])
        #expect(found.last?.message == "the row has 6 fields but the header has 7")
        #expect(found[2].message.contains("not closed"))
    }

    @Test("quoted fields may hold commas, doubled quotes and line breaks; lines stay right")
    func quoting() throws {
        let text = F.csv(
            "component,01001,\"供水井盖, 铸铁\",01,市政公用设施,GB/T 47678.5-2026,\"note with \"\"quotes\"\", and a comma\"",
            "component,01002,污水井盖,01,市政公用设施,GB/T 47678.5-2026,\"two\nlines\"",
            "component,0100,雨水井盖,01,市政公用设施,GB/T 47678.5-2026,")
        let found = problems(text)
        #expect(places(found) == ["5 code"])  // the multi-line note of line 3 pushes this row to line 5

        let good = F.csv(
            "component,01001,\"供水井盖, 铸铁\",01,市政公用设施,GB/T 47678.5-2026,\"note with \"\"quotes\"\", and a comma\"",
            "component,01002,污水井盖,01,市政公用设施,GB/T 47678.5-2026,\"two\nlines\"")
        let classes = try CatalogueCSV.load(good, file: "x.csv")
        #expect(classes.map(\.name) == ["供水井盖, 铸铁", "污水井盖"])
        #expect(classes[0].note == "note with \"quotes\", and a comma")
        #expect(classes[1].note == "two\nlines")
    }

    @Test("load throws a typed failure listing every problem")
    func load() {
        let text = F.csv("thing,1,,1,,x,")
        let error = #expect(throws: CatalogueImportFailure.self) { try CatalogueCSV.load(text, file: "bad.csv") }
        #expect(error?.problems.count == 5)
        #expect(error?.description.hasPrefix("catalogue import refused, nothing imported (5 problems):") == true)
    }

    @Test("local classes: attributes JSON, English name, active flag")
    func localClasses() throws {
        let attributes = #"[{""code"":""cover_material"",""name"":""井盖材质"",""type"":""single_choice"",""required"":true,""choices"":[""铸铁"",""复合材料""]},{""code"":""depth_m"",""name"":""深度"",""type"":""number""}]"#
        let text = F.csv(
            "component,0100101,智能井盖,01,市政公用设施,local,淄博扩展,Smart manhole cover,true,\"\(attributes)\"",
            "matter,06010,暴露垃圾,06,市容环境类,GB/T 47678.5-2026,,,false,",
            header: F.header + ",name_en,active,attributes")
        let classes = try CatalogueCSV.load(text, file: "zibo.csv")
        #expect(classes.count == 2)
        let smart = classes[0]
        #expect(smart.nameEN == "Smart manhole cover")
        #expect(smart.note == "淄博扩展")
        #expect(smart.attributes == [
            ExtensionAttribute(code: "cover_material", name: "井盖材质", type: .singleChoice, required: true,
                               choices: ["铸铁", "复合材料"]),
            ExtensionAttribute(code: "depth_m", name: "深度", type: .number),
        ])
        #expect(classes[1].active == false)
        #expect(classes[1].nameEN == nil && classes[1].note == nil)
    }

    @Test("bad attributes JSON and bad definitions are reported per attribute")
    func badAttributes() {
        let header = F.header + ",attributes"
        func row(_ json: String) -> String {
            let quoted = json.replacingOccurrences(of: "\"", with: "\"\"")
            return "component,0100101,X,01,市政公用设施,local,,\"\(quoted)\""
        }
        #expect(places(problems(F.csv(row("not json"), header: header))) == ["2 attributes"])
        let missing = problems(F.csv(row(#"[{"code":"a","type":"text"}]"#), header: header))
        #expect(places(missing) == ["2 attributes"])
        #expect(missing.first?.message.contains("missing \"name\"") == true)
        let badType = problems(F.csv(row(#"[{"code":"a","name":"甲","type":"date"}]"#), header: header))
        #expect(places(badType) == ["2 attributes"])

        let definitions = problems(F.csv(row(#"""
            [{"code":"Bad-Code","name":"甲","type":"text"},
             {"code":"b","name":" ","type":"single_choice"},
             {"code":"c","name":"丙","type":"multi_choice","choices":["x","x","y,z"]},
             {"code":"d","name":"丁","type":"number","choices":["1"]},
             {"code":"d","name":"戊","type":"boolean"}]
            """#), header: header))
        #expect(places(definitions) == [
            "2 attributes[0].code", "2 attributes[1].name", "2 attributes[1].choices",
            "2 attributes[2].choices", "2 attributes[2].choices", "2 attributes[3].choices", "2 attributes[4].code",
        ])
    }
}
