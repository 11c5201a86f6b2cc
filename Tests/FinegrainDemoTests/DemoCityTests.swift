import Foundation
import Testing

@testable import FinegrainCore
@testable import FinegrainDemo

/// The demo city is built once for the whole suite (about a second in debug).
private let demo: Result<[Region], any Error> = Result { try DemoCity.build() }

@Suite("DemoCity — Zibo, real where it can be, synthetic and marked where not")
struct DemoCityTests {
    let regions: [Region]
    let byCode: [String: Region]

    init() throws {
        regions = try demo.get()
        byCode = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0) })
    }

    @Test("the tree has the real city, 8 districts, 3 zones and 88 subdistricts")
    func counts() {
        let counts = Dictionary(grouping: regions, by: \.level).mapValues(\.count)
        #expect(counts[.city] == 1)
        #expect(counts[.district] == 8)
        #expect(counts[.zone] == 3)
        #expect(counts[.subdistrict] == 88)
        #expect((counts[.community] ?? 0) > 500)
        #expect((counts[.grid] ?? 0) >= 10_000)
    }

    @Test("the city's outline is the dissolved union of its districts: one polygon, same area")
    func cityOutline() throws {
        let city = try #require(byCode["370300"])
        #expect(city.geometry.polygons.count == 1)
        #expect(city.geometry.validate().isEmpty)
        let districts = regions.filter { $0.level == .district }.reduce(0) { $0 + $1.area }
        #expect(abs(city.area - districts) / districts < 1e-9)
    }

    @Test("real layers are not synthetic; generated ones are")
    func syntheticMarks() {
        for region in regions {
            switch region.level {
            case .city, .district: #expect(!region.synthetic, "\(region.code)")
            default: #expect(region.synthetic, "\(region.code)")
            }
        }
    }

    @Test("every code is well-formed, unique, and matches its parent")
    func codes() throws {
        #expect(byCode.count == regions.count)
        for region in regions where region.level != .zone {
            let code = try RegionCode(region.code)
            #expect(code.possibleLevels.contains(region.level))
            if region.level == .grid { #expect(code.form == .grid15) }
            if let official = region.officialParentCode, region.level != .district {
                #expect(code.parentCode == official, "\(region.code) under \(official)")
            }
            if let parent = region.parentCode { #expect(byCode[parent] != nil, "\(region.code)'s parent \(parent)") }
        }
    }

    @Test("district areas match the geodesic areas in SOURCES.md within 0.1 %")
    func districtAreas() {
        let expected: [String: Double] = [
            "370302": 958.9, "370303": 359.3, "370304": 697.3, "370305": 666.9,
            "370306": 307.5, "370321": 504.0, "370322": 835.3, "370323": 1636.2,
        ]
        for (code, km2) in expected {
            let area = (byCode[code]?.area ?? 0) / 1e6
            #expect(abs(area - km2) / km2 < 0.001, "\(code): \(area) km²")
        }
    }

    @Test("towns partition their district: areas add up, and every town lies inside it")
    func townsPartitionDistricts() {
        for district in regions where district.level == .district {
            let towns = regions.filter { $0.level == .subdistrict && $0.officialParentCode == district.code }
            let total = towns.reduce(0) { $0 + $1.area }
            #expect(abs(total - district.area) / district.area < 0.002, "\(district.code)")
            for town in towns { #expect(town.geometry.isWithin(district.geometry, toleranceMeters: 1), "\(town.code)") }
        }
    }

    @Test("grids are about 10,000 m², lie inside their community, and are numbered west→east, north→south")
    func grids() throws {
        let grids = regions.filter { $0.level == .grid }
        let full = grids.filter { abs($0.area - 10_000) < 200 }
        #expect(Double(full.count) / Double(grids.count) > 0.6)
        #expect(grids.allSatisfy { $0.area > 2_000 && $0.area < 20_000 })
        let sample = stride(from: 0, to: grids.count, by: 97).map { grids[$0] }
        for grid in sample {
            let community = try #require(byCode[grid.parentCode ?? ""])
            #expect(grid.geometry.isWithin(community.geometry, toleranceMeters: 0.5), "\(grid.code)")
        }
        // Within one community, the first grid is north of (or level with and west of) the next.
        let community = try #require(regions.first { $0.level == .community && $0.code.hasPrefix("370303001") })
        let ordered = grids.filter { $0.parentCode == community.code }.sorted { $0.code < $1.code }
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            let northOf = a.centroid.lat > b.centroid.lat + 0.0004
            let sameRowWest = abs(a.centroid.lat - b.centroid.lat) <= 0.0009 && a.centroid.lon < b.centroid.lon
            #expect(northOf || sameRowWest, "\(a.code) then \(b.code)")
        }
    }

    @Test("the central point of Zhangdian (118.05, 36.81) falls in a grid of 张店区")
    func zhangdianCentre() {
        let locator = RegionLocator(regions: regions)
        let chain = locator.locate(Coordinate(lon: 118.05, lat: 36.81))
        #expect(chain.first?.level == .grid)
        #expect(chain.contains { $0.code == "370303" })
        #expect(chain.last?.code == "370300")
    }

    @Test("random points: the R-tree agrees with a scan, and a located grid really contains the point")
    func randomPoints() {
        let locator = RegionLocator(regions: regions)
        let boxes = regions.filter { $0.level == .grid }.map(\.boundingBox)
        let box = boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
        var random = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let p = random.coordinate(in: box)
            let found = locator.finest(containing: p)
            #expect(found?.code == locator.finestByScan(containing: p)?.code)
            if let found {
                #expect(found.geometry.contains(p))
                // Its ancestors contain it too (within rounding at shared edges).
                for ancestor in locator.chain(from: found.code).dropFirst() {
                    guard let a = locator.region(ancestor.code) else {
                        Issue.record("ancestor \(ancestor.code) missing")
                        continue
                    }
                    let inside = a.geometry.contains(p) || a.geometry.distanceToBoundary(p) < 0.01
                    #expect(inside, "ancestor \(ancestor.code) of \(found.code)")
                }
            }
        }
    }

    @Test("the same configuration builds exactly the same city")
    func deterministic() throws {
        let again = try DemoCity.build()
        #expect(again.count == regions.count)
        for (a, b) in zip(regions, again) {
            #expect(a.code == b.code)
            #expect(a.geometry == b.geometry)
        }
    }
}
