import Foundation
import Testing

@testable import FinegrainCore

@Suite("Shipped catalogue — GB/T 47678.5-2026, legacy GB/T 30428.2-2013 and the mapping")
struct ShippedCatalogueTests {
    static let current = "gb47678-5-2026.csv"
    static let legacy = "gb30428-2-2013-legacy.csv"
    static let mapping = "legacy-mapping.csv"

    @Test("the GB/T 47678.5-2026 file parses with no problems: 153 components, 250 matters")
    func counts() throws {
        let (classes, problems) = try CatalogueFixtures.shipped(Self.current)
        #expect(problems.isEmpty, "\(problems)")
        #expect(classes.filter { $0.kind == .component }.count == 153)
        #expect(classes.filter { $0.kind == .matter }.count == 250)
        #expect(classes.allSatisfy { $0.standard == CatalogueStandard.gb47678 && $0.active && $0.attributes.isEmpty })
        #expect(Catalogue(classes).count == 403)
    }

    @Test("every component C has a matter C named C's name + 异常, except 01066 紧急报警点异常SOS")
    func mirroredMatters() throws {
        let catalogue = Catalogue(try CatalogueFixtures.shipped(Self.current).classes)
        let components = catalogue.search(kind: .component)
        #expect(components.count == 153)
        for component in components {
            let matter = try #require(catalogue.class(kind: .matter, code: component.code), "no matter \(component.code)")
            let expected = component.code == "01066" ? "紧急报警点异常SOS" : component.name + "异常"
            #expect(matter.name == expected)
            #expect(matter.majorCode == component.majorCode)
            #expect(matter.majorName == component.majorName + "类")
        }
        #expect(catalogue.class(kind: .component, code: "01066")?.name == "紧急报警点SOS")
        // 250 − 153 = 97 matters of their own, in majors 06–10.
        let own = catalogue.search(kind: .matter).filter { catalogue.class(kind: .component, code: $0.code) == nil }
        #expect(own.count == 97)
        #expect(Set(own.map(\.majorCode)) == ["06", "07", "08", "09", "10"])
    }

    @Test("spot checks and major classes")
    func spotChecks() throws {
        let catalogue = Catalogue(try CatalogueFixtures.shipped(Self.current).classes)
        #expect(catalogue.class(kind: .component, code: "01001")?.name == "供水井盖")
        #expect(catalogue.class(kind: .component, code: "01001")?.majorName == "市政公用设施")
        #expect(catalogue.class(kind: .matter, code: "01001")?.name == "供水井盖异常")
        #expect(catalogue.class(kind: .matter, code: "06001")?.name == "私搭乱建")
        #expect(catalogue.class(kind: .component, code: "06001") == nil)
        #expect(catalogue.class(kind: .matter, code: "10001")?.name == "道路积雪、结冰")
        #expect(catalogue.class(kind: .matter, code: "06021")?.name == "病虫害")
        #expect(catalogue.class(kind: .matter, code: "06022")?.name == "非法伐树")
        #expect(catalogue.class(kind: .component, code: "05009")?.name == "文物古迹")
        // Gaps in the source stay gaps.
        for gap in ["01016", "05001", "05004", "05008"] { #expect(catalogue.class(kind: .component, code: gap) == nil) }
        for gap in ["06031", "07005", "09007"] { #expect(catalogue.class(kind: .matter, code: gap) == nil) }

        #expect(catalogue.majors(of: .component).map(\.name) == ["市政公用设施", "交通设施", "市容环卫设施", "园林绿化设施", "其他管理部件"])
        #expect(catalogue.majors(of: .matter).map(\.code) == ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"])
        #expect(catalogue.majors(of: .matter).suffix(5).map(\.name) == ["市容环境类", "宣传广告类", "施工管理类", "街面秩序类", "其他事项类"])
        #expect(catalogue.children(ofMajor: "01", kind: .component).count == 76)
        #expect(catalogue.children(ofMajor: "02", kind: .component).count == 44)
        #expect(catalogue.children(ofMajor: "06", kind: .matter).count == 51)
        #expect(catalogue.children(ofMajor: "01").count == 152)
    }

    @Test("the legacy file parses: 4-digit codes, marked partial")
    func legacy() throws {
        let (classes, problems) = try CatalogueFixtures.shipped(Self.legacy)
        #expect(problems.isEmpty, "\(problems)")
        #expect(!classes.isEmpty)
        #expect(classes.allSatisfy { $0.code.count == 4 && $0.standard == CatalogueStandard.gb30428Legacy })
        #expect(classes.allSatisfy { $0.note?.hasPrefix("partial; from deployed apps, not the standard text") == true })
        let catalogue = Catalogue(classes)
        #expect(catalogue.class(kind: .component, code: "0101")?.name == "上水井盖")
        #expect(catalogue.class(kind: .matter, code: "0407")?.majorName == "突发事件")
    }

    @Test("every mapping row points at classes that exist, and kinds are kept")
    func mappingResolves() throws {
        let (mappings, problems) = LegacyMappingCSV.parse(try CatalogueFixtures.text(Self.mapping), file: Self.mapping)
        #expect(problems.isEmpty, "\(problems)")
        #expect(!mappings.isEmpty)
        let legacy = Catalogue(try CatalogueFixtures.shipped(Self.legacy).classes)
        let current = Catalogue(try CatalogueFixtures.shipped(Self.current).classes)
        #expect(LegacyMappingCSV.unresolved(mappings, legacy: legacy, current: current).isEmpty)
        #expect(mappings.allSatisfy { $0.legacyKind == $0.newKind })
        // Rows marked "same name" really share the name, up to parenthesis width and dropped aliases.
        for m in mappings where m.basis == "same name" {
            let old = try #require(legacy.class(id: m.legacyID)).name.replacingOccurrences(of: "(", with: "（")
                .replacingOccurrences(of: ")", with: "）")
            #expect(old == current.class(id: m.newID)?.name, "\(m)")
        }
        let byLegacy = Dictionary(uniqueKeysWithValues: mappings.map { ($0.legacyID, $0) })
        #expect(byLegacy["component:0101"]?.newCode == "01001")
        #expect(byLegacy["component:0102"]?.newCode == "01002")
        #expect(byLegacy["matter:0407"]?.newCode == "10001")
        #expect(byLegacy["matter:0401"] == nil)  // 路面塌陷: no clear successor
    }

    @Test("the example in the catalogue README parses and layers over the standard directory")
    func readmeExample() throws {
        let readme = try CatalogueFixtures.text("README.md")
        let block = try #require(readme.components(separatedBy: "```csv\n").dropFirst().first?
            .components(separatedBy: "```").first)
        let local = try CatalogueCSV.load(block, file: "README.md")
        #expect(local.count == 2)
        #expect(local[0].attributes.first?.type == .singleChoice)
        let city = Catalogue(try CatalogueFixtures.shipped(Self.current).classes).merging(local)
        #expect(city.count == 404)
        #expect(city.class(kind: .matter, code: "06013")?.active == false)
        #expect(city.search(kind: .matter, codePrefix: "06").count == 50)
    }
}
