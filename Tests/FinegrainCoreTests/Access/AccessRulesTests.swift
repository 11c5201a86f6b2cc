import Testing

@testable import FinegrainCore

@Suite("CreditCode — 统一社会信用代码 (GB 32100)")
struct CreditCodeTests {
    @Test("a real code validates, and its check character is computed")
    func realCode() throws {
        #expect(try CreditCode("9144030071526726XG").rawValue == "9144030071526726XG")
        #expect(try CreditCode("9144030071526726xg").rawValue == "9144030071526726XG")
        #expect(CreditCode.checkCharacter(for: "9144030071526726X") == "G")
    }

    @Test("wrong length, letters outside the alphabet and wrong check characters are refused", arguments: [
        "9144030071526726X", "9144030071526726XGG", "9144030071526726XO", "9144030071526726XI", "9144030071526726XA",
    ])
    func refused(_ code: String) {
        #expect(throws: CreditCodeError.self) { try CreditCode(code) }
    }
}

@Suite("PasswordPolicy")
struct PasswordPolicyTests {
    @Test("strong passwords pass")
    func strong() {
        #expect(PasswordPolicy.standard.problems(in: "Zibo-Demo-2026!", username: "admin").isEmpty)
        #expect(PasswordPolicy.standard.problems(in: "淄博城管Safe#2026", username: "li").isEmpty)
    }

    @Test("each weakness is named in both languages")
    func weak() {
        let short = PasswordPolicy.standard.problems(in: "Ab1!", username: "x")
        #expect(short.contains { $0.en.contains("at least 10") })
        #expect(PasswordPolicy.standard.problems(in: "alllowercaseletters", username: "x").contains { $0.en.contains("mix") })
        #expect(PasswordPolicy.standard.problems(in: "Wang.Min-2026", username: "wang.min").contains { $0.en.contains("username") })
        #expect(PasswordPolicy.standard.problems(in: "MyPassword2026", username: "x").contains { $0.en.contains("guess") })
        #expect(PasswordPolicy.standard.problems(in: String(repeating: "Ab1!", count: 20), username: "x").contains { $0.en.contains("72") })
        #expect(short.allSatisfy { !$0.zh.isEmpty })
    }
}

@Suite("Principal — permissions and region scope")
struct PrincipalTests {
    /// 淄博 ▸ 张店区 / 高新区 ▸ 车站街道 (张店) and 四宝山街道 (official 张店, managed by 高新区).
    static let locator = RegionLocator(regions: [
        Region(code: "370300", level: .city, name: "淄博市", parentCode: nil, synthetic: false, geometry: MultiPolygon(polygons: [])),
        Region(code: "370303", level: .district, name: "张店区", parentCode: "370300", synthetic: false, geometry: MultiPolygon(polygons: [])),
        Region(code: "370302", level: .district, name: "淄川区", parentCode: "370300", synthetic: false, geometry: MultiPolygon(polygons: [])),
        Region(code: "370371", level: .zone, name: "高新区", parentCode: "370300", synthetic: true, geometry: MultiPolygon(polygons: [])),
        Region(code: "370303001", level: .subdistrict, name: "车站街道", parentCode: "370303", synthetic: true, geometry: MultiPolygon(polygons: [])),
        Region(
            code: "370303008", level: .subdistrict, name: "四宝山街道", parentCode: "370371", divisionParentCode: "370303", synthetic: true,
            geometry: MultiPolygon(polygons: [])),
    ])

    static func principal(_ grants: [Grant], credential: Principal.Credential = .session(id: "s", csrfToken: "c")) -> Principal {
        Principal(userID: "u", username: "u", displayName: "u", grants: grants, mustChangePassword: false, credential: credential)
    }

    @Test("the standard policy: administrators hold everything, citizens report and follow their own cases")
    func policy() {
        let policy = AccessPolicy.standard
        #expect(policy.permissions(of: .administrator) == Set(Permission.allCases))
        #expect(policy.permissions(of: .citizen) == [.public, .authenticated, .casesReport, .casesRead, .photosUpload])
        #expect(policy.roles(with: .usersManage) == [.administrator])
    }

    @Test("a district grant covers its subdistricts, including one a zone took over; not another district")
    func districtScope() {
        let zd = Self.principal([Grant(role: .administrator, regionCode: "370303")])
        #expect(zd.covers(region: "370303001", for: .usersRead, policy: .standard, hierarchy: Self.locator))
        #expect(zd.covers(region: "370303008", for: .usersRead, policy: .standard, hierarchy: Self.locator))
        #expect(!zd.covers(region: "370302", for: .usersRead, policy: .standard, hierarchy: Self.locator))
        #expect(!zd.covers(region: "370300", for: .usersRead, policy: .standard, hierarchy: Self.locator))
        #expect(!zd.isCityWide(for: .usersRead, policy: .standard, hierarchy: Self.locator))
    }

    @Test("a zone grant covers the subdistricts it manages, not the rest of the county")
    func zoneScope() {
        let zone = Self.principal([Grant(role: .administrator, regionCode: "370371")])
        #expect(zone.covers(region: "370303008", for: .usersRead, policy: .standard, hierarchy: Self.locator))
        #expect(!zone.covers(region: "370303001", for: .usersRead, policy: .standard, hierarchy: Self.locator))
    }

    @Test("a permission is held only through a role that has it; an API key can narrow it")
    func keysNarrow() {
        let mixed = Self.principal([Grant(role: .inspector, regionCode: "370303001"), Grant(role: .leader, regionCode: "370300")])
        #expect(mixed.has(.usersRead, policy: .standard))
        #expect(!mixed.has(.usersManage, policy: .standard))
        #expect(mixed.isCityWide(for: .usersRead, policy: .standard, hierarchy: Self.locator))
        let key = Self.principal([Grant(role: .administrator)], credential: .apiKey(id: "k", permissions: [.operationsRead]))
        #expect(key.has(.operationsRead, policy: .standard))
        #expect(!key.has(.usersManage, policy: .standard))
        #expect(key.has(.public, policy: .standard))
    }
}
