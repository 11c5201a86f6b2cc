import ArgumentParser
import FinegrainCore
import FinegrainDemo
import FinegrainStore
import Foundation

/// `finegrain evaluate` — the national indicators of a period, by region.
struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the GB/T 30428.4 region indicators of a month from the case event log.",
        discussion: """
            For every region of --level: 立案数, 监督举报核实数, 应结案数, 结案数, 按期结案数, 超期未结案数, the rates
            with their numerators and denominators, and the composite score and grade (weights 10/20/30/40 %,
            configuration because the standard's weights are unconfirmed). Events after the month are
            ignored, so a past month always gives the same figures. Full recomputation from the log (the
            incremental path and the four-in-one composite are still to come).
            """)

    @Option(help: "The month, e.g. 2026-10.")
    var period: String

    @Option(help: "district, zone, subdistrict, community or grid.")
    var level: String = "district"

    @Option(help: "table or csv.")
    var format: String = "table"

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func validate() throws {
        guard LocalDate(period + "-01") != nil else { throw ValidationError("--period is a month like 2026-10") }
        guard ["district", "zone", "subdistrict", "community", "grid"].contains(level) else {
            throw ValidationError("--level is district, zone, subdistrict, community or grid")
        }
        guard ["table", "csv"].contains(format) else { throw ValidationError("--format is table or csv") }
    }

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.evaluate", defaultFormat: "text")
        let store = try await databaseOptions.openStore(logger: logger)
        let calendar = try ReferenceData.workingCalendar()
        guard let month = EvaluationPeriod.month(period, calendar: calendar) else { throw CommandFailure("bad period \(period)") }
        var byCase: [String: [CaseEvent]] = [:]
        let regions: [Region]
        do {
            try await store.forEachEvent(from: nil, to: Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(month.end)) { events in
                for event in events { byCase[event.caseID, default: []].append(event) }
            }
            regions = try await store.allRegions()
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
        let locator = RegionLocator(regions: regions)
        let histories = byCase.values.map { $0.sorted { $0.sequence < $1.sequence } }
        let result = RegionIndicators.compute(histories: histories, period: month) { c in
            switch level {
            case "district": return c.districtCode
            case "zone": return c.subdistrictCode.flatMap { locator.region($0)?.parentCode }.flatMap { locator.level(of: $0) == .zone ? $0 : nil }
            case "subdistrict": return c.subdistrictCode
            case "community": return c.communityCode
            default: return c.gridCode
            }
        }
        let scoring = RegionScoring()
        let rows = result.values.map { ($0, scoring.score($0)) }.sorted { ($1.1.score, $0.0.region) < ($0.1.score, $1.0.region) }
        func rate(_ r: Rate) -> String { r.percent.map { String(format: "%.2f%% (%d/%d)", $0, r.numerator, r.denominator) } ?? "— (0/0)" }
        if format == "csv" {
            print("rank,region,name,filed,public_reports,due_to_close,closed,closed_on_time,overdue_open,closure_rate,on_time_closure_rate,public_report_rate,score,grade")
            for (rank, (i, s)) in rows.enumerated() {
                let fields: [String] = [
                    String(rank + 1), i.region, locator.region(i.region)?.name ?? "", String(i.filed.count), String(i.publicReportsFiled.count),
                    String(i.dueToClose.count), String(i.closed.count), String(i.closedOnTime.count), String(i.overdueOpen.count),
                    i.closureRate.percent.map { String($0) } ?? "", i.onTimeClosureRate.percent.map { String($0) } ?? "",
                    i.publicReportRate.percent.map { String($0) } ?? "", String(s.score), s.grade.rawValue,
                ]
                print(fields.joined(separator: ","))
            }
        } else {
            print("\(period) · \(level) · \(histories.count) case histories read")
            for (rank, (i, s)) in rows.enumerated() {
                print(
                    "\(rank + 1). \(i.region) \(locator.region(i.region)?.name ?? "")  score \(String(format: "%.2f", s.score)) \(s.grade.rawValue)  "
                        + "立案 \(i.filed.count)  应结案 \(i.dueToClose.count)  结案率 \(rate(i.closureRate))  按期结案率 \(rate(i.onTimeClosureRate))  "
                        + "监督举报率 \(rate(i.publicReportRate))  超期未结 \(i.overdueOpen.count)")
            }
        }
    }
}
