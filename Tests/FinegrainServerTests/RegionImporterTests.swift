import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Testing

@Suite("RegionImporter — all or nothing, on every database")
struct RegionImporterTests {
    static func feature(_ code: String, _ name: String, ring: [[Double]]) -> [String: Any] {
        ["type": "Feature", "properties": ["code": code, "name": name], "geometry": ["type": "Polygon", "coordinates": [ring]]]
    }

    static func square(_ lon: Double, _ lat: Double, _ size: Double) -> [[Double]] {
        [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    }

    static func file(_ features: [[String: Any]]) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features])
    }

    /// Two new grids in the fixture's community 370303001001 (118.00–118.03 × 36.70–36.73).
    static var goodGrids: [[String: Any]] {
        [
            feature("370303001001004", "网格四", ring: square(118.00, 36.70, 0.01)),
            feature("370303001001005", "网格五", ring: square(118.01, 36.70, 0.01)),
        ]
    }

    @Test("good features are written and the revision moves", arguments: TestDatabase.all)
    func imports(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            let report = try await RegionImporter(store: store).run(try Self.file(Self.goodGrids), options: .init(), actor: .system)
            #expect(report.counts[.grid] == 2)
            #expect(try await store.regionCounts()[.grid] == 5)
            #expect(try await store.regionRevision() == 2)
        }
    }

    @Test("one bad ring among good features: refused whole, that feature named, nothing changed", arguments: TestDatabase.all)
    func refusesWhole(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            var bad = Self.square(118.02, 36.70, 0.01)
            bad[2] = [118.02, 36.70]  // folds back on itself
            let features = Self.goodGrids + [Self.feature("370303001001006", "坏网格", ring: bad)]
            do {
                _ = try await RegionImporter(store: store).run(try Self.file(features), options: .init(), actor: .system)
                Issue.record("a file with a bad ring was imported")
            } catch let failure as RegionImportFailure {
                #expect(Set(failure.problems.compactMap(\.featureIndex)) == [2])
                #expect(failure.problems.allSatisfy { $0.code == "370303001001006" })
            }
            #expect(try await store.regionCounts()[.grid] == 3)
            #expect(try await store.regionRevision() == 1)
        }
    }

    @Test("a dry run validates and writes nothing", arguments: TestDatabase.all)
    func dryRun(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            let report = try await RegionImporter(store: store).run(try Self.file(Self.goodGrids), options: .init(), dryRun: true, actor: .system)
            #expect(report.dryRun && report.counts[.grid] == 2)
            #expect(try await store.regionCounts()[.grid] == 3)
        }
    }

    @Test("a region cannot change level by re-import", arguments: TestDatabase.all)
    func levelChange(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            var zoneAsDistrict = Self.feature("370371", "高新区", ring: Self.square(118.05, 36.75, 0.05))
            zoneAsDistrict["properties"] = ["code": "370371", "name": "高新区", "level": "district"]
            await #expect(throws: RegionImportFailure.self) {
                _ = try await RegionImporter(store: store).run(try Self.file([zoneAsDistrict]), options: .init(), actor: .system)
            }
        }
    }
}
