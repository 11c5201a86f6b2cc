import ArgumentParser
import FinegrainCore
import FinegrainDemo
import FinegrainServer
import FinegrainStore
import Foundation

/// `finegrain evaluate` — the national indicators and the four-in-one score of a period, ranked.
struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a period (GB/T 30428.4 indicators, four-in-one score, ranking) from the case event log.",
        discussion: """
            Periods: 2026-10 (month), 2026-W44 (ISO week), 2026-Q4, 2026, or 2026-10-01..2026-10-15. Levels:
            district (the districts with the functional zones), subdistrict, community, grid, city, department,
            inspector, operator, shift_leader, dispatcher. A month of districts or subdistricts is four-in-one
            (数字城管 + 复核督办 + 重点工作 + 第三方测评); a quarter or a year is the mean of its months
            (with the quarterly reward and penalty rules for a quarter).

            --publish freezes the month: the sheet, its configuration version and the hash of every input are
            stored; the month's four-in-one records can no longer change. --verify recomputes a published sheet
            and lists every difference (none when nothing it read changed).

            Examples:
              finegrain evaluate --period 2026-10 --level district
              finegrain evaluate --period 2026-10 --level district --publish
              finegrain evaluate --period 2026-10 --level district --verify
              finegrain evaluate --period 2026-Q4 --level district --format csv > q4.csv
            """)

    @Option(help: "The period: 2026-10, 2026-W44, 2026-Q4, 2026 or 2026-10-01..2026-10-15.")
    var period: String

    @Option(help: "district, subdistrict, community, grid, city, department, inspector, operator, shift_leader or dispatcher.")
    var level: String = "district"

    @Option(help: "table, csv, json or html (the print-ready report).")
    var format: String = "table"

    @Flag(help: "Publish (freeze) the month's sheet.")
    var publish = false

    @Flag(help: "Recompute the published sheet and list differences; exits 1 if there are any.")
    var verify = false

    @Flag(help: "Read every case of the log instead of the indexed candidates (slower; the baseline).")
    var full = false

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func validate() throws {
        guard let calendar = try? ReferenceData.workingCalendar(), let parsed = EvaluationPeriod.parse(period, calendar: calendar) else {
            throw ValidationError("--period \(period) is not a period; use 2026-10, 2026-W44, 2026-Q4, 2026 or 2026-10-01..2026-10-15")
        }
        guard EvaluationLevel(rawValue: level) != nil else {
            throw ValidationError("--level is one of \(EvaluationLevel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard ["table", "csv", "json", "html"].contains(format) else { throw ValidationError("--format is table, csv, json or html") }
        if publish && verify { throw ValidationError("--publish and --verify exclude each other") }
        if publish, parsed.kind != .month {
            throw ValidationError("--publish takes a month, e.g. --period 2026-10")
        }
    }

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.evaluate", defaultFormat: "text")
        let calendar = try ReferenceData.workingCalendar()
        guard let period = EvaluationPeriod.parse(period, calendar: calendar), let level = EvaluationLevel(rawValue: level) else { return }
        let store = try await databaseOptions.openStore(logger: logger)
        do {
            try await execute(store: store, period: period, level: level, calendar: calendar)
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
    }

    func execute(store: Store, period: EvaluationPeriod, level: EvaluationLevel, calendar: WorkingCalendar) async throws {
        if verify {
            guard let differences = try await store.verifyPublication(period: period, level: level, calendar: calendar) else {
                throw CommandFailure("\(period.label) (\(level.rawValue)) is not published（该期未发布）")
            }
            if differences.isEmpty {
                print("\(period.label) \(level.rawValue): the recomputation matches the publication（与发布结果一致）")
                return
            }
            for d in differences { print(d) }
            throw ExitCode(1)
        }
        if period.kind == .quarter || period.kind == .year {
            let (months, totals) = try await store.periodTotals(period: period, level: level, calendar: calendar)
            print("\(period.label) · \(level.nameZH) · \(months.map(\.period).joined(separator: " "))")
            if months.isEmpty { print("no month of \(period.label) has begun yet（该期尚无已开始的月份）") }
            for t in totals {
                let monthly = months.map { m in (t.months[m.period] ?? nil).map { String(format: "%.2f", $0) } ?? "—" }.joined(separator: " / ")
                print("\(t.rank.map(String.init) ?? "-"). \(t.subject.id) \(t.name)  \(t.score.map { String(format: "%.2f", $0) } ?? "—") \(t.grade?.rawValue ?? "")  [\(monthly)]  \(t.actions.joined(separator: "、"))")
            }
            return
        }
        let clock = ContinuousClock()
        let started = clock.now
        let run = try await store.evaluate(period: period, level: level, calendar: calendar, mode: full ? .full : .indexed)
        let elapsed = clock.now - started
        if publish {
            guard period.end <= Date() else { throw CommandFailure("\(period.label) has not ended yet; only a finished month can be published（该月尚未结束）") }
            let publication = try await store.publishEvaluation(run.sheet, actor: .commandLine(ProcessInfo.processInfo.environment["USER"] ?? "root"))
            FileHandle.standardError.write(Data("published \(publication.period) \(publication.level.rawValue), inputs \(publication.inputsHash)\n".utf8))
        }
        switch format {
        case "csv":
            print(EvaluationCSV.render(run.sheet, configuration: run.configuration), terminator: "")
        case "html":
            let publication = try await store.publishedEvaluation(period: period.label, level: level)
            let csvName = "evaluation-\(period.label)-\(level.rawValue).csv"
            print(try await EvaluationReport.html(run.sheet, publication: publication, store: store, calendar: calendar, csvLink: csvName))
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(run.sheet), as: UTF8.self))
        default:
            printTable(run, elapsed: elapsed)
        }
    }

    func printTable(_ run: EvaluationRun, elapsed: Duration) {
        let sheet = run.sheet
        print("\(sheet.period) · \(sheet.level.nameZH) · 配置 \(sheet.configurationVersion) · \(run.casesRead) cases read in \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds])))")
        print("inputs \(sheet.inputsHash)")
        if sheet.rows.isEmpty {
            print("nothing to evaluate at this level: load regions (finegrain import regions) or people first（该层级无考评对象，请先导入区域或人员）")
        }
        func rate(_ r: Rate?) -> String { r.flatMap { r in r.percent.map { String(format: "%.2f%%(%d/%d)", $0, r.numerator, r.denominator) } } ?? "—" }
        for row in sheet.rows {
            let change = row.scoreChange.map { String(format: "%+.2f", $0) } ?? ""
            let rankChange = row.rankChange.map { $0 > 0 ? "↑\($0)" : $0 < 0 ? "↓\(-$0)" : "=" } ?? ""
            let parts = row.components.map { "\($0.key.nameZH) \($0.score.map { String(format: "%.2f", $0) } ?? "—")" }.joined(separator: " · ")
            let counts = row.subject.kind.indicators.map { "\($0.nameZH) \(row.counts[$0] ?? 0)" }.joined(separator: " ")
            let rates = row.rates.keys.sorted().map { "\(run.configuration.rate($0)?.nameZH ?? $0) \(rate(row.rates[$0]))" }.joined(separator: " ")
            print("\(row.rank.map(String.init) ?? "-"). \(row.subject.id) \(row.name)  \(row.score.map { String(format: "%.2f", $0) } ?? "—") \(row.grade?.rawValue ?? "") \(change) \(rankChange)")
            print("    \(parts)")
            print("    \(counts)")
            print("    \(rates)")
        }
    }
}
