import FinegrainCore
import FinegrainStore
import FinegrainTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Store — regions, on every test database")
struct StoreRegionsTests {
    static func tree() -> [Region] { RegionTreeFixture.regions }

    @Test("regions round-trip with geometry, area and both parents", arguments: TestDatabase.all)
    func roundTrip(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(Self.tree(), actor: .system)
            let town = try #require(try await store.region(code: "370303008"))
            #expect(town.parentCode == "370371")
            #expect(town.divisionParentCode == "370303")
            #expect(town.synthetic)
            let original = Self.tree().first { $0.code == "370303008" }!
            #expect(town.geometry == original.geometry)
            #expect(abs(town.area - original.area) < 1e-6)
            #expect(try await store.region(code: "999999") == nil)
            let all = try await store.allRegions()
            #expect(all.count == 9)
            #expect(try await store.regionCounts()[.grid] == 3)
        }
    }

    @Test("listing filters, searches, sorts and pages", arguments: TestDatabase.all)
    func listing(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(Self.tree(), actor: .system)
            let grids = try await store.regions(RegionQuery(level: .grid, perPage: 2))
            #expect(grids.total == 3)
            #expect(grids.pageCount == 2)
            #expect(grids.items.map(\.code) == ["370303001001001", "370303001001002"])
            let second = try await store.regions(RegionQuery(level: .grid, page: 2, perPage: 2))
            #expect(second.items.map(\.code) == ["370303001001003"])
            let children = try await store.regions(RegionQuery(parentCode: "370300", sort: .name, descending: true))
            #expect(Set(children.items.map(\.code)) == ["370303", "370371"])
            let found = try await store.regions(RegionQuery(text: "四宝山"))
            #expect(found.items.map(\.code) == ["370303008"])
            let english = try await store.regions(RegionQuery(text: "zIBo"))
            #expect(english.items.map(\.code) == ["370300"])
            let byCode = try await store.regions(RegionQuery(text: "370303001001"))
            #expect(byCode.total == 4)
            let real = try await store.regions(RegionQuery(synthetic: false))
            #expect(Set(real.items.map(\.code)) == ["370300", "370303"])
            let byArea = try await store.regions(RegionQuery(level: .subdistrict, sort: .area, descending: true))
            #expect(byArea.items.count == 2)
            let wildcard = try await store.regions(RegionQuery(text: "%"))
            #expect(wildcard.total == 9)  // LIKE wildcards in the search text are ignored, not interpreted
        }
    }

    @Test("ancestors follow management parents up to the city", arguments: TestDatabase.all)
    func ancestors(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(Self.tree(), actor: .system)
            #expect(try await store.ancestors(of: "370303001001002").map(\.code) == ["370303001001", "370303001", "370303", "370300"])
            #expect(try await store.ancestors(of: "370303008").map(\.code) == ["370371", "370300"])
            #expect(try await store.ancestors(of: "370300").isEmpty)
        }
    }

    @Test("an upsert replaces by code and moves the revision", arguments: TestDatabase.all)
    func upsert(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            #expect(try await store.regionRevision() == 0)
            try await store.upsertRegions(Self.tree(), actor: .system)
            #expect(try await store.regionRevision() == 1)
            var renamed = Self.tree()[6]
            renamed.name = "改名网格"
            try await store.upsertRegions([renamed], actor: .system)
            #expect(try await store.region(code: renamed.code)?.name == "改名网格")
            #expect(try await store.regionRevision() == 2)
            #expect(try await store.allRegions().count == 9)
        }
    }

    @Test("a write that fails part-way leaves nothing behind", arguments: TestDatabase.all)
    func atomic(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            var orphan = Self.tree()[6]
            orphan.code = "370303002001001"
            orphan.parentCode = "370303002001"  // no such community: the deferred foreign key fails at commit
            await #expect(throws: (any Error).self) { try await store.upsertRegions(Self.tree() + [orphan], actor: .system) }
            #expect(try await store.allRegions().isEmpty)
            #expect(try await store.regionRevision() == 0)
        }
    }
}
