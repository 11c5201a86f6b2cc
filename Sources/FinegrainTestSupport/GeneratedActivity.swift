public import FinegrainCore
import FinegrainDemo
public import Foundation

/// Generated case histories on the ``RegionTreeFixture`` grids, through the real workflow, for
/// tests that need a realistic month.
///
/// ```swift
/// let histories = try GeneratedActivity.histories(0..<300, from: "2026-08-01", to: "2026-11-10", now: "2026-11-15")
/// try await store.bulkCreateCases(histories)
/// ```
public enum GeneratedActivity {
    public static let calendar = try! ReferenceData.workingCalendar()
    public static let workflow = Workflow(rules: .standard, policy: .standard, calendar: calendar)

    /// Case numbers `range`, reported between the days `from` and `to`, as they stand at `now`.
    public static func histories(_ range: Range<Int>, from: String, to: String, now: String, seed: UInt64 = 11) throws -> [[CaseEvent]] {
        let regions = RegionTreeFixture.regions
        let locator = RegionLocator(regions: regions)
        let places = regions.filter { $0.level == .grid }.map { ActivityGenerator.Place(region: $0, chain: locator.chain(from: $0.code)) }
        let matters = try ReferenceData.standardCatalogue().filter { $0.kind == .matter && $0.standard == CatalogueStandard.gb47678 }
        let generator = ActivityGenerator(
            workflow: workflow, places: places, matterClasses: matters,
            teams: [ActivityGenerator.Team(departmentID: "d1", districts: [], meanHours: 14, reworkRate: 0.1)], seed: seed)
        func at(_ day: String) -> Date { calendar.instant(on: LocalDate(day)!, hour: 0) }
        let schedule = generator.schedule(from: at(from), to: at(to), first: range.lowerBound, count: range.count)
        return try range.map { try generator.history(index: $0, schedule: schedule, now: at(now)) }
    }
}
