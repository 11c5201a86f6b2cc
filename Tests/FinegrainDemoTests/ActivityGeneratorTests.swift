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
        let schedule = generator.schedule(from: start, to: end, first: 0, count: 400)
        var previous = start
        for i in 0..<400 {
            let events = try generator.history(index: i, schedule: schedule, now: now)
            let c = try #require(try Case.replay(events))
            statuses[c.status, default: 0] += 1
            majors[String(c.classCode.prefix(2)), default: 0] += 1
            sources.insert(c.source)
            #expect(c.reportedAt >= previous && c.reportedAt <= end, "reported in number order")
            previous = c.reportedAt
            #expect(c.number.hasPrefix("SIM"))
        }
        #expect((statuses[.closed] ?? 0) > 300)
        #expect((statuses[.voided] ?? 0) > 0)
        #expect((majors["09"] ?? 0) + (majors["06"] ?? 0) > 200)
        #expect(sources.count >= 5)
        let again = try Self.generator().history(index: 17, schedule: schedule, now: now)
        #expect(again == (try generator.history(index: 17, schedule: schedule, now: now)))
        let other = try Self.generator(seed: 12).history(index: 17, schedule: schedule, now: now)
        #expect(other != again)
    }

    @Test("nothing happens after now: cases reported just before it are still open")
    func openTail() throws {
        let generator = try Self.generator()
        let start = Date(timeIntervalSince1970: 1_767_196_800)
        let end = start.addingTimeInterval(7 * 86_400)
        var open = 0
        let schedule = generator.schedule(from: start, to: end, first: 0, count: 100)
        for i in 0..<100 {
            let events = try generator.history(index: i, schedule: schedule, now: end)
            #expect(events.allSatisfy { $0.at <= end })
            if let c = try Case.replay(events), !c.status.isFinal { open += 1 }
        }
        #expect(open > 10)
    }

    @Test("a schedule puts reports in number order, with the rhythm of days and hours, across the whole range")
    func schedule() throws {
        let calendar = try ReferenceData.workingCalendar()
        let start = calendar.instant(on: LocalDate("2026-09-01")!, hour: 0)
        let end = calendar.instant(on: LocalDate("2026-11-01")!, hour: 0)  // September and October, with 国庆
        let schedule = ReportSchedule(calendar: calendar, from: start, to: end, first: 500, count: 20_000)
        var random = SeededGenerator(seed: 5)
        let times = (500..<20_500).map { schedule.time(of: $0, jitter: random.nextUnit()) }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(times.first! < start.addingTimeInterval(86_400) && times.last! > end.addingTimeInterval(-86_400) && times.last! < end)
        var perKind: [String: (reports: Int, days: Set<LocalDate>)] = [:]
        var daytime = 0
        for time in times {
            let day = calendar.localDate(of: time)
            let kind = calendar.isWorkingDay(day) ? "working" : calendar.holidayName(day) != nil ? "holiday" : "off"
            perKind[kind, default: (0, [])].reports += 1
            perKind[kind, default: (0, [])].days.insert(day)
            let hour = Int((time.timeIntervalSince1970 + 8 * 3_600).truncatingRemainder(dividingBy: 86_400) / 3_600)
            if (7...20).contains(hour) { daytime += 1 }
        }
        func perDay(_ kind: String) -> Double { Double(perKind[kind]?.reports ?? 0) / Double(max(1, perKind[kind]?.days.count ?? 0)) }
        // Day rates in proportion 1 : 0.6 : 0.35, daytime 14 hours at 1 against 10 at 0.15.
        #expect(abs(perDay("off") / perDay("working") - 0.6) < 0.05)
        #expect(abs(perDay("holiday") / perDay("working") - 0.35) < 0.05)
        #expect(abs(Double(daytime) / Double(times.count) - 14.0 / 15.5) < 0.02)
        // Outside the run, numbers wrap round rather than fall off the range.
        #expect(schedule.time(of: 20_500, jitter: 0) == schedule.time(of: 500, jitter: 0))
    }
}
