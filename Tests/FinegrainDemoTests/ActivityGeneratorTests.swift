import Foundation
import Testing

@testable import FinegrainCore
@testable import FinegrainDemo

@Suite("ActivityGenerator — realistic, deterministic histories through the real workflow")
struct ActivityGeneratorTests {
    static func generator(seed: UInt64 = 11) throws -> ActivityGenerator {
        let regions = try DemoCity.build()
        let locator = RegionLocator(regions: regions)
        let places = regions.filter { $0.level == .grid }.prefix(300).map { ActivityGenerator.Place(region: $0, chain: locator.chain(from: $0.code)) }
        let matters = try ReferenceData.standardCatalogue().filter { $0.kind == .matter && $0.standard == CatalogueStandard.gb47678 }
        let teams = [
            ActivityGenerator.Team(departmentID: "fast", districts: ["370303"], meanHours: 4, reworkRate: 0.05),
            ActivityGenerator.Team(departmentID: "slow", districts: [], meanHours: 20, reworkRate: 0.15),
        ]
        let workflow = Workflow(rules: .standard, policy: .standard, calendar: try ReferenceData.workingCalendar())
        return ActivityGenerator(workflow: workflow, places: Array(places), matterClasses: matters, teams: teams, seed: seed)
    }

    @Test("histories replay, mostly close, favour street order and appearance, and repeat exactly for a seed")
    func histories() throws {
        let generator = try Self.generator()
        let start = Date(timeIntervalSince1970: 1_767_196_800)  // 2026-01-01 00:00 CST
        let end = start.addingTimeInterval(180 * 86_400)
        let now = end.addingTimeInterval(10 * 86_400)
        var statuses: [CaseStatus: Int] = [:]
        var majors: [String: Int] = [:]
        var sources: Set<CaseSource> = []
        for i in 0..<400 {
            let events = try generator.history(index: i, from: start, to: end, now: now)
            let c = try #require(try Case.replay(events))
            statuses[c.status, default: 0] += 1
            majors[String(c.classCode.prefix(2)), default: 0] += 1
            sources.insert(c.source)
            #expect(c.reportedAt >= start && c.reportedAt <= end)
            #expect(c.number.hasPrefix("SIM"))
        }
        #expect((statuses[.closed] ?? 0) > 300)
        #expect((statuses[.voided] ?? 0) > 0)
        #expect((majors["09"] ?? 0) + (majors["06"] ?? 0) > 200)
        #expect(sources.count >= 5)
        let again = try Self.generator().history(index: 17, from: start, to: end, now: now)
        #expect(again == (try generator.history(index: 17, from: start, to: end, now: now)))
        let other = try Self.generator(seed: 12).history(index: 17, from: start, to: end, now: now)
        #expect(other != again)
    }

    @Test("nothing happens after now: cases reported just before it are still open")
    func openTail() throws {
        let generator = try Self.generator()
        let start = Date(timeIntervalSince1970: 1_767_196_800)
        let end = start.addingTimeInterval(7 * 86_400)
        var open = 0
        for i in 0..<100 {
            let events = try generator.history(index: i, from: start, to: end, now: end)
            #expect(events.allSatisfy { $0.at <= end })
            if let c = try Case.replay(events), !c.status.isFinal { open += 1 }
        }
        #expect(open > 10)
    }
}
