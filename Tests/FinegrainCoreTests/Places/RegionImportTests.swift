import Foundation
import Testing

@testable import FinegrainCore

@Suite("RegionImport — validate everything, import all or nothing")
struct RegionImportTests {
    @Test("a valid tree imports with levels and parents inferred from the codes")
    func validTree() throws {
        let regions = try RegionFixtures.importing(RegionFixtures.allFeatures).get()
        #expect(regions.count == 8)
        let byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
        #expect(byCode["370300"]?.level == .city)
        #expect(byCode["370300"]?.parentCode == nil)
        #expect(byCode["370303"]?.level == .district)
        #expect(byCode["370303"]?.parentCode == "370300")
        #expect(byCode["370303001001003"]?.level == .grid)
        #expect(byCode["370303001001003"]?.parentCode == "370303001001")
        let grid = try #require(byCode["370303001001001"])
        // 0.01° × 0.01° near 36.7°N is about 893 m × 1112 m.
        #expect(abs(grid.area - 993_000) < 5_000)
    }

    @Test("one bad ring among good features rejects the whole file and names that feature")
    func oneBadRing() {
        var features = RegionFixtures.allFeatures
        var openRing = RegionFixtures.square(118.01, 36.7, 118.02, 36.71)
        openRing.removeLast()  // no longer closed
        features[7] = RegionFixtures.feature(["code": "370303001001004", "name": "网格4"], rings: [openRing])
        guard case .failure(let failure) = RegionFixtures.importing(features) else {
            Issue.record("a file with an open ring was accepted")
            return
        }
        #expect(failure.problems.allSatisfy { $0.featureIndex == 7 })
        #expect(failure.problems.contains { $0.code == "370303001001004" && $0.reason.contains("closed") })
    }

    @Test("a self-intersecting (bow-tie) polygon is refused")
    func bowTie() {
        var features = RegionFixtures.allFeatures
        let bowTie: [[Double]] = [[118.0, 36.7], [118.01, 36.71], [118.01, 36.7], [118.0, 36.71], [118.0, 36.7]]
        features[6] = RegionFixtures.feature(["code": "370303001001003", "name": "网格3"], rings: [bowTie])
        guard case .failure(let failure) = RegionFixtures.importing(features) else {
            Issue.record("a bow-tie polygon was accepted")
            return
        }
        #expect(failure.problems.contains { $0.featureIndex == 6 })
    }

    @Test("every problem is reported, not just the first")
    func everyProblem() {
        var features = RegionFixtures.allFeatures
        features[4] = RegionFixtures.feature(["code": "37030300100100x", "name": "坏编码"], rings: [RegionFixtures.square(118.0, 36.71, 118.01, 36.72)])
        features[5] = RegionFixtures.feature(["code": "370303001001002", "name": ""], rings: [RegionFixtures.square(118.01, 36.71, 118.02, 36.72)])
        features.append(RegionFixtures.feature(["code": "370303001001004", "name": "重复"], rings: [RegionFixtures.square(118.01, 36.7, 118.02, 36.71)]))
        features.append(RegionFixtures.feature(["code": "370303001002001", "name": "孤儿"], rings: [RegionFixtures.square(118.0, 36.7, 118.01, 36.71)]))
        features.append(RegionFixtures.feature(["code": "370303001001009", "name": "越界"], rings: [RegionFixtures.square(118.3, 36.7, 118.31, 36.71)]))
        features.append(RegionFixtures.feature(["code": "370303001001010", "name": "经度越界"], rings: [RegionFixtures.square(181, 36.7, 182, 36.71)]))
        guard case .failure(let failure) = RegionFixtures.importing(features) else {
            Issue.record("accepted")
            return
        }
        let indices = Set(failure.problems.compactMap(\.featureIndex))
        #expect(indices.isSuperset(of: [4, 5, 8, 9, 10, 11]))
        #expect(failure.problems.contains { $0.featureIndex == 8 && $0.reason.contains("unique") })
        #expect(failure.problems.contains { $0.featureIndex == 9 && $0.reason.contains("370303001002") })
        #expect(failure.problems.contains { $0.featureIndex == 10 && $0.reason.contains("outside its parent") })
        #expect(failure.problems.allSatisfy { !$0.reasonZH.isEmpty })
    }

    @Test("a parent already in the database is found through `existing`")
    func existingParent() throws {
        let tree = try RegionFixtures.importing(RegionFixtures.allFeatures).get()
        let existing = Dictionary(uniqueKeysWithValues: tree.filter { $0.level != .grid }.map { ($0.code, $0) })
        let regions = try RegionFixtures.importing([RegionFixtures.gridFeatures[0]], existing: existing).get()
        #expect(regions.map(\.code) == ["370303001001001"])
        guard case .failure = RegionFixtures.importing([RegionFixtures.gridFeatures[0]]) else {
            Issue.record("a grid without its community was accepted")
            return
        }
    }

    @Test("a subdistrict managed by a functional zone keeps its official code and county")
    func functionalZone() throws {
        var features = RegionFixtures.allFeatures
        features.append(
            RegionFixtures.feature(["code": "370371", "name": "高新区", "level": "zone"], rings: [RegionFixtures.square(118.0, 36.7, 118.1, 36.8)]))
        features.append(
            RegionFixtures.feature(
                ["code": "370303008", "name": "四宝山街道", "managed_by": "370371"], rings: [RegionFixtures.square(118.05, 36.75, 118.1, 36.8)]))
        let regions = try RegionFixtures.importing(features).get()
        let town = try #require(regions.first { $0.code == "370303008" })
        #expect(town.parentCode == "370371")
        #expect(town.divisionParentCode == "370303")
        #expect(town.officialParentCode == "370303")
        let zone = try #require(regions.first { $0.code == "370371" })
        #expect(zone.level == .zone)
    }

    @Test("GCJ-02 input is converted to WGS84 before it is stored")
    func gcj02() throws {
        let tree = try RegionFixtures.importing(RegionFixtures.allFeatures).get()
        let existing = Dictionary(uniqueKeysWithValues: tree.filter { $0.level != .grid }.map { ($0.code, $0) })
        let wgs = [Coordinate(lon: 118.002, lat: 36.712), Coordinate(lon: 118.008, lat: 36.712), Coordinate(lon: 118.008, lat: 36.718), Coordinate(lon: 118.002, lat: 36.718)]
        let gcj = (wgs + [wgs[0]]).map(GCJ02.fromWGS84).map { [$0.lon, $0.lat] }
        let regions = try RegionFixtures.importing(
            [RegionFixtures.feature(["code": "370303001001001", "name": "网格1"], rings: [gcj])], existing: existing, crs: .gcj02
        ).get()
        let stored = try #require(regions.first?.geometry.polygons.first?.exterior.coordinates)
        for original in wgs {
            #expect(stored.contains { abs($0.lon - original.lon) < 1e-9 && abs($0.lat - original.lat) < 1e-9 })
        }
    }

    @Test("not a FeatureCollection: one file-level problem")
    func notGeoJSON() {
        let parsed = RegionImport.parse(Data("[1,2]".utf8), options: .init())
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems[0].featureIndex == nil)
        let garbage = RegionImport.parse(Data("{not json".utf8), options: .init())
        #expect(garbage.problems.first?.reason.contains("JSON") == true)
    }
}

@Suite("FeatureLines — where each feature starts")
struct FeatureLinesTests {
    @Test("lines of features in a pretty-printed file, ignoring brackets inside strings")
    func prettyPrinted() {
        let text = """
            {
              "type": "FeatureCollection",
              "name": "tricky [ { , } ] \\" name",
              "features": [
                {
                  "type": "Feature", "properties": {"name": "a, [b]"},
                  "geometry": {"type": "Polygon", "coordinates": [[[1, 2], [3, 4]]]}
                },
                {"type": "Feature"},

                {
                  "type": "Feature"
                }
              ]
            }
            """
        let lines = FeatureLines(Data(text.utf8))
        #expect(lines.line(ofFeature: 0) == 5)
        #expect(lines.line(ofFeature: 1) == 9)
        #expect(lines.line(ofFeature: 2) == 11)
        #expect(lines.line(ofFeature: 3) == nil)
    }

    @Test("import problems carry the line of their feature")
    func problemsCarryLines() throws {
        let data = try JSONSerialization.data(
            withJSONObject: ["type": "FeatureCollection", "features": [["type": "Feature"], ["type": "Nope"]]], options: [.prettyPrinted])
        let parsed = RegionImport.parse(data, options: .init())
        guard case .failure(let failure) = RegionImport.validate(parsed, existing: [:], options: .init()) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.problems.allSatisfy { $0.line != nil })
    }
}
