import FinegrainCore
import FinegrainDemo
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Testing

@Suite("ComponentGenerator — synthetic components in the grids, valid, unique, repeatable")
struct ComponentGeneratorTests {
    static func generator(seed: UInt64) throws -> ComponentGenerator {
        let regions = RegionTreeFixture.regions
        let locator = RegionLocator(regions: regions)
        let places = regions.filter { $0.level == .grid }.map { ActivityGenerator.Place(region: $0, chain: locator.chain(from: $0.code)) }
        let classes = try ReferenceData.standardCatalogue().filter { $0.kind == .component && $0.standard == CatalogueStandard.gb47678 }
        return ComponentGenerator(places: places, classes: classes, authority: .init(code: "9144030071526726XG", name: "淄博市城市管理局"), seed: seed)
    }

    @Test("components lie in their grid, pass the register's checks, never repeat an id, and repeat for a seed", arguments: TestDatabase.all)
    func generated(_ database: TestDatabase) async throws {
        var a = try Self.generator(seed: 5)
        var b = try Self.generator(seed: 5)
        var serialsA: [String: Int] = [:]
        var serialsB: [String: Int] = [:]
        let first = try a.components(count: 300, serials: &serialsA)
        let again = try b.components(count: 300, serials: &serialsB)
        #expect(first == again)
        let second = try a.components(count: 300, serials: &serialsA)
        let all = first + second
        #expect(Set(all.map(\.id)).count == 600)
        let catalogue = Catalogue(try ReferenceData.standardCatalogue())
        #expect(all.allSatisfy { $0.validate(catalogue: catalogue).isEmpty && $0.synthetic && $0.gridCode?.hasPrefix("370303001001") == true })
        #expect(all.filter { $0.classCode.hasPrefix("01") }.count > all.filter { $0.classCode.hasPrefix("05") }.count)
        let grids = Dictionary(uniqueKeysWithValues: RegionTreeFixture.regions.map { ($0.code, $0) })
        #expect(all.allSatisfy { c in grids[c.gridCode ?? ""]?.geometry.contains(c.geometry.representativePoint) == true })
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            try await store.upsertComponents(all, districtCodes: Dictionary(uniqueKeysWithValues: all.map { ($0.id, "370303") }), kind: "generated", actor: .system)
            #expect(try await store.components(ComponentQuery(perPage: 1)).total == 600)
        }
    }
}
