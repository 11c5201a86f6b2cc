import Testing

@testable import FinegrainCore

@Suite("ResponsibilityList — 权责清单")
struct ResponsibilityListTests {
    static let locator = PrincipalTests.locator
    static let today = LocalDate("2026-11-29")!

    static let rules = [
        ResponsibilityRule(id: "city-street", classKind: .matter, codePrefix: "09", departmentID: "city-order", priority: 0),
        ResponsibilityRule(id: "zd-street", classKind: .matter, codePrefix: "09", regionCode: "370303", departmentID: "zd-order", priority: 0),
        ResponsibilityRule(id: "zd-vendors", classKind: .matter, codePrefix: "09001", regionCode: "370303", departmentID: "zd-market", priority: 0),
        ResponsibilityRule(id: "expired", classKind: .matter, codePrefix: "09", regionCode: "370303001", departmentID: "old", priority: 9,
                           validTo: LocalDate("2025-12-31")),
        ResponsibilityRule(id: "tie-a", classKind: .component, codePrefix: "01", regionCode: "370302", departmentID: "a"),
        ResponsibilityRule(id: "tie-b", classKind: .component, codePrefix: "01", regionCode: "370302", departmentID: "b"),
    ]

    @Test("the most specific valid rule wins: longer code prefix, then the smaller region")
    func suggest() {
        let list = ResponsibilityList(rules: Self.rules)
        #expect(list.suggest(kind: .matter, code: "09001", region: "370303001", on: Self.today, hierarchy: Self.locator)?.departmentID == "zd-market")
        #expect(list.suggest(kind: .matter, code: "09005", region: "370303001", on: Self.today, hierarchy: Self.locator)?.departmentID == "zd-order")
        #expect(list.suggest(kind: .matter, code: "09005", region: "370302", on: Self.today, hierarchy: Self.locator)?.departmentID == "city-order")
        // The zone-managed subdistrict is still inside 张店区 by its official parent.
        #expect(list.suggest(kind: .matter, code: "09005", region: "370303008", on: Self.today, hierarchy: Self.locator)?.departmentID == "zd-order")
        #expect(list.suggest(kind: .matter, code: "09005", region: "370303001", on: LocalDate("2025-06-01")!, hierarchy: Self.locator)?.departmentID == "old")
        #expect(list.suggest(kind: .matter, code: "06001", region: "370303001", on: Self.today, hierarchy: Self.locator) == nil)
    }

    @Test("a rule naming a component's owner or maintainer applies only to that component's cases, and ranks first")
    func componentParty() {
        let owner = ResponsibilityRule(
            id: "gas", classKind: .component, codePrefix: "01011", componentPartyCode: "9144030071526726XG", departmentID: "gas-company")
        let list = ResponsibilityList(rules: Self.rules + [owner])
        #expect(
            list.suggest(kind: .component, code: "01011", region: "370302", componentParties: ["9144030071526726XG"], on: Self.today, hierarchy: Self.locator)?
                .departmentID == "gas-company")
        #expect(list.suggest(kind: .component, code: "01011", region: "370302", on: Self.today, hierarchy: Self.locator)?.departmentID != "gas-company")
    }

    @Test("coverage names the gaps and the ties")
    func coverage() {
        let findings = ResponsibilityList(rules: Self.rules).coverage(
            classes: [(.matter, "09001"), (.matter, "06001"), (.component, "01001")], regions: ["370303", "370302"], on: Self.today,
            hierarchy: Self.locator)
        #expect(findings.contains { $0.kind == .missing && $0.classCode == "06001" && $0.regionCode == "370303" })
        #expect(findings.contains { $0.kind == .missing && $0.classCode == "01001" && $0.regionCode == "370303" })
        #expect(findings.contains { $0.kind == .overlapping && $0.classCode == "01001" && $0.regionCode == "370302" && Set($0.ruleIDs) == ["tie-a", "tie-b"] })
        #expect(!findings.contains { $0.classCode == "09001" })
    }
}
