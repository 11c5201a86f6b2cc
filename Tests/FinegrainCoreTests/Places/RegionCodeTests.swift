import Testing

@testable import FinegrainCore

@Suite("RegionCode — GB/T 2260 and grid codes")
struct RegionCodeTests {
    @Test("parses every accepted form into its parts")
    func forms() throws {
        let city = try RegionCode("370300")
        #expect(city.form == .city)
        #expect(city.parentCode == nil)

        let county = try RegionCode("370303")
        #expect(county.form == .county)
        #expect(county.parentCode == "370300")
        #expect(county.possibleLevels == [.district, .zone])

        let town = try RegionCode("370303001")
        #expect(town.form == .subdistrict)
        #expect(town.countyCode == "370303")
        #expect(town.parentCode == "370303")

        let community = try RegionCode("370303001005")
        #expect(community.form == .community)
        #expect(community.subdistrictCode == "370303001")
        #expect(community.parentCode == "370303001")

        let grid = try RegionCode("370303001005132")
        #expect(grid.form == .grid15)
        #expect(grid.communityCode == "370303001005")
        #expect(grid.gridSequence == "132")
        #expect(grid.parentCode == "370303001005")
        #expect(grid.cityCode == "370300")

        let legacy = try RegionCode("37030300100507")
        #expect(legacy.form == .grid14)
        #expect(legacy.gridSequence == "07")
        #expect(legacy.grid15?.rawValue == "370303001005007")

        let lettered = try RegionCode("3703030010051A2")
        #expect(lettered.gridSequence == "1A2")
    }

    @Test(
        "rejects malformed codes with a reason",
        arguments: [
            ("37030", RegionCodeError.Reason.badLength(5)),
            ("3703a3", .notDigits),
            ("990303", .badProvince),
            ("370000", .provinceNotSupported),
            ("370300001", .countyPartIsCity),
            ("370303000", .zeroSequence),
            ("370303001000", .zeroSequence),
            ("37030300100500", .legacyCommunityMarker),
            ("370303001005000", .zeroSequence),
            ("370303001005a12", .badGridSequence),
            ("37030300A005132", .notDigits),
        ])
    func rejects(code: String, reason: RegionCodeError.Reason) {
        #expect(throws: RegionCodeError(code: code, reason: reason)) { try RegionCode(code) }
    }

    @Test("every error reads in English and Chinese")
    func messages() {
        do {
            _ = try RegionCode("12")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("\"12\""))
            #expect(error.descriptionZH.contains("长度"))
        }
    }
}
