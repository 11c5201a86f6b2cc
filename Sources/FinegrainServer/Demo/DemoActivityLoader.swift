public import FinegrainCore
import FinegrainDemo
public import FinegrainStore
import Foundation
public import Logging

/// Writes generated case activity (``FinegrainDemo/ActivityGenerator``) into a store through the
/// bulk path: whole hash-chained histories, a batch per transaction. Numbering continues after the
/// cases already stored, so a second run adds to the first. One loader reads the grids and the
/// catalogue once for both generators.
///
/// ```swift
/// let loader = DemoActivityLoader(store: store, logger: logger)
/// try await loader.generate(cases: 3_000, firstMonth: LocalDate("2026-08-01")!, lastMonth: LocalDate("2026-11-01")!, seed: 2026)
/// ```
public actor DemoActivityLoader {
    let store: Store
    let logger: Logger
    private var setup: (places: [ActivityGenerator.Place], catalogue: Catalogue)?

    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Generates `cases` histories reported from the first day of `firstMonth` to the end of
    /// `lastMonth`, as they stand now (or 30 days after the range, whichever is earlier); calls
    /// `progress` after each batch with (cases written, events written).
    public func generate(
        cases: Int, firstMonth: LocalDate, lastMonth: LocalDate, seed: UInt64, batch: Int = 2_000, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws {
        let (places, catalogue) = try await gridsAndCatalogue()
        let matters = catalogue.classes.filter { $0.kind == .matter && $0.active && $0.standard != CatalogueStandard.gb30428Legacy }
        var random = SeededGenerator(seed: seed)
        let teams = try await store.allDepartments().filter(\.active).map { d in
            ActivityGenerator.Team(
                departmentID: d.id, districts: d.regionCode.map { $0.count == 6 && !$0.hasSuffix("00") ? [$0] : [] } ?? [],
                meanHours: 4 + random.nextUnit() * 16, reworkRate: 0.03 + random.nextUnit() * 0.12)
        }
        guard !teams.isEmpty else { throw DemoActivityError("the database has no departments to dispatch to（数据库中没有处置部门）") }
        let workflow = Workflow(rules: .standard, policy: .standard, calendar: try ReferenceData.workingCalendar())
        let generator = ActivityGenerator(workflow: workflow, places: places, matterClasses: matters, teams: teams, seed: seed)
        let start = workflow.calendar.instant(on: LocalDate(year: firstMonth.year, month: firstMonth.month, day: 1) ?? firstMonth, hour: 0)
        let after = lastMonth.adding(days: 31)
        let end = workflow.calendar.instant(on: LocalDate(year: after.year, month: after.month, day: 1) ?? after, hour: 0)
        let now = min(Date(), end.addingTimeInterval(30 * 86_400))
        let offset = try await store.searchCases(CaseQuery(perPage: 1)).total
        let dialect = store.database.dialect
        // Reported in number order (as a city's cases arrive), so time-keyed indexes grow at their end.
        let schedule = generator.schedule(from: start, to: min(end, now), first: offset, count: cases)
        // Batch k + 1 is generated and prepared (on every core, in parts) while batch k is written:
        // the writer's share is a single thread's work, the rest spreads.
        let parts = max(1, ProcessInfo.processInfo.activeProcessorCount)
        @Sendable func prepare(_ range: Range<Int>) async throws -> [PreparedCases] {
            try await withThrowingTaskGroup(of: (Int, PreparedCases).self) { group in
                for part in 0..<parts {
                    let slice = (range.lowerBound + range.count * part / parts)..<(range.lowerBound + range.count * (part + 1) / parts)
                    group.addTask {
                        let histories = try slice.map { try generator.history(index: $0, schedule: schedule, now: now) }
                        return (part, try Store.prepareCases(histories, dialect: dialect))
                    }
                }
                var prepared: [PreparedCases?] = Array(repeating: nil, count: parts)
                for try await (part, cases) in group { prepared[part] = cases }
                return prepared.compactMap { $0 }
            }
        }
        /// The batch after the first `done` cases, being prepared; `nil` when there is none.
        func started(after done: Int) -> (range: Range<Int>, task: Task<[PreparedCases], any Error>)? {
            guard done < cases else { return nil }
            let range = (offset + done)..<(offset + done + min(batch, cases - done))
            return (range, Task { try await prepare(range) })
        }
        var written = 0
        var events = 0
        var next = started(after: 0)
        while let pending = next {
            let prepared = try await pending.task.value
            next = started(after: written + pending.range.count)
            do {
                try await store.insertCases(prepared)
            } catch {
                next?.task.cancel()
                throw error
            }
            written += pending.range.count
            events += prepared.reduce(0) { $0 + $1.events }
            progress?(written, events)
        }
    }
}

extension DemoActivityLoader {
    /// Generates `count` components (部件) at random points of the unit grids, registered to the
    /// city bureau, written through the register's own path (history kept), `batch` per transaction.
    /// Ids continue after those already stored.
    public func generateComponents(count: Int, seed: UInt64, batch: Int = 1_000, progress: (@Sendable (Int) -> Void)? = nil) async throws {
        guard count > 0 else { return }
        let (places, catalogue) = try await gridsAndCatalogue()
        let classes = catalogue.classes.filter { $0.kind == .component && $0.active && $0.standard == CatalogueStandard.gb47678 }
        let departments = try await store.allDepartments()
        guard let bureau = departments.first(where: { $0.regionCode?.hasSuffix("00") == true && $0.creditCode != nil }) ?? departments.first(where: { $0.creditCode != nil }),
            let code = bureau.creditCode
        else { throw DemoActivityError("no department with a credit code to register components to（没有带统一社会信用代码的部门）") }
        var generator = ComponentGenerator(places: places, classes: classes, authority: .init(code: code, name: bureau.name), seed: seed)
        var serials = try await store.lastComponentSerials()
        var written = 0
        while written < count {
            let components = try generator.components(count: min(batch, count - written), serials: &serials)
            var districts: [String: String] = [:]
            for component in components { districts[component.id] = String(component.id.prefix(6)) }
            try await store.upsertComponents(components, districtCodes: districts, kind: "generated", actor: .system)
            written += components.count
            progress?(written)
            if components.isEmpty { break }
        }
    }
}

extension DemoActivityLoader {
    /// The unit grids with their chains, and the class catalogue (the national directory loaded
    /// into an empty one): what both generators place things with.
    func gridsAndCatalogue() async throws -> (places: [ActivityGenerator.Place], catalogue: Catalogue) {
        if let setup { return setup }
        let catalogueIndex = CatalogueIndex(store: store, logger: logger)
        try await catalogueIndex.loadReferenceDataIfEmpty()
        let regions = try await store.allRegions()
        let locator = RegionLocator(regions: regions)
        let places = regions.filter { $0.level == .grid }.map { ActivityGenerator.Place(region: $0, chain: locator.chain(from: $0.code)) }
        guard !places.isEmpty else {
            throw DemoActivityError("the database has no unit grids; load the demo city first (finegrain demo load)（数据库中没有单元网格，请先加载演示城市）")
        }
        setup = (places, await catalogueIndex.catalogue)
        return (places, await catalogueIndex.catalogue)
    }
}

/// Why demo activity could not be generated.
public struct DemoActivityError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
