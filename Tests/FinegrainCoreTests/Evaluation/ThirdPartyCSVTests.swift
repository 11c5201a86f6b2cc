import Testing

@testable import FinegrainCore

@Suite("ThirdPartyCSV — the assessor's file, validated whole")
struct ThirdPartyCSVTests {
    @Test("a valid file with a BOM, quoted names and extra columns")
    func valid() {
        let text = "\u{FEFF}month,region_code,region_name,survey,field_test,assessor\r\n2026-10,370303,\"张店区, 城区\",82.5,88,某测评公司\r\n\r\n2026-10,370371,高新区,90,91,某测评公司\r\n"
        let (scores, problems) = ThirdPartyCSV.parse(text, source: "oct.csv")
        #expect(problems.isEmpty)
        #expect(scores.map(\.regionCode) == ["370303", "370371"])
        #expect(scores[0].survey == 82.5 && scores[0].fieldTest == 88 && scores[0].source == "oct.csv:2")
    }

    @Test("every bad line is named with its field, and nothing is returned")
    func invalid() {
        let text = """
            month,region_code,survey,field_test,assessor
            2026-10,370303,105,88,x
            2026-13,3703,80,80,x
            2026-10,370371,80,abc,
            2026-10,370303,80,80,x
            2026-10,370303
            """
        let (scores, problems) = ThirdPartyCSV.parse(text, source: "bad.csv")
        #expect(scores.isEmpty)
        #expect(problems.contains { $0.line == 2 && $0.field == "survey" })
        #expect(problems.contains { $0.line == 3 && $0.field == "month" } && problems.contains { $0.line == 3 && $0.field == "region_code" })
        #expect(problems.contains { $0.line == 4 && $0.field == "field_test" } && problems.contains { $0.line == 4 && $0.field == "assessor" })
        #expect(problems.contains { $0.line == 5 && $0.field == "region_code" && $0.message.contains("line 2") })
        #expect(problems.contains { $0.line == 6 && $0.message.contains("fields") })
        #expect(ThirdPartyCSV.parse("month,survey\n", source: "x").problems.map(\.description) == ["x:1: missing columns region_code, field_test, assessor"])
        #expect(ThirdPartyCSV.parse("", source: "x").problems.count == 1)
    }
}
