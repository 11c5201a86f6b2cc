import ArgumentParser
import FinegrainCore
import FinegrainDemo
import FinegrainStore
import Foundation
import Logging

/// `finegrain bench evaluate` — a period's evaluation read through the indexes, against a full
/// recomputation over the whole event log, in the same run, with the results compared.
struct BenchEvaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "A month's evaluation: indexed candidate reads against a full recomputation over every case.",
        discussion: """
            Run on a generated database (finegrain demo generate --cases 1000000 --database sqlite:/tmp/fg1m.sqlite),
            built in release mode:
              swift build -c release --product finegrain
              .build/release/finegrain bench evaluate --period 2026-10 --database sqlite:/tmp/fg1m.sqlite
            The indexed run is repeated (--repeat) and its best time reported; the full run is the baseline. Both
            sheets must be identical, or the benchmark fails.
            """)

    @Option(help: "The period, e.g. 2026-10.")
    var period: String = "2026-10"

    @Option(help: "The level, e.g. district or subdistrict.")
    var level: String = "district"

    @Option(help: "Indexed runs (the best is reported).")
    var `repeat` = 3

    @Flag(help: "Skip the full recomputation (when only the indexed time is wanted).")
    var skipFull = false

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        let calendar = try ReferenceData.workingCalendar()
        guard let period = EvaluationPeriod.parse(period, calendar: calendar), let level = EvaluationLevel(rawValue: level) else {
            throw ValidationError("--period or --level is not valid")
        }
        let store = try await databaseOptions.openStore(logger: Logger(label: "bench"))
        do {
            try await measure(store, period: period, level: level, calendar: calendar)
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
    }

    func measure(_ store: Store, period: EvaluationPeriod, level: EvaluationLevel, calendar: WorkingCalendar) async throws {
        let cases = try await store.searchCases(CaseQuery(perPage: 1)).total
        print("database: \(cases) cases · period \(period.label) · level \(level.rawValue) · RSS \((ResidentMemory.current() ?? 0) / 1_048_576) MiB")
        let clock = ContinuousClock()
        var best: Duration?
        var indexed: EvaluationRun?
        for i in 0..<max(1, self.repeat) {
            let start = clock.now
            let run = try await store.evaluate(period: period, level: level, calendar: calendar, mode: .indexed, withPrevious: false)
            let elapsed = clock.now - start
            print("indexed run \(i + 1): \(format(elapsed)) · \(run.casesRead) cases read · RSS \((ResidentMemory.current() ?? 0) / 1_048_576) MiB")
            if best.map({ elapsed < $0 }) ?? true { best = elapsed }
            indexed = run
        }
        guard let indexed, let best else { return }
        guard !skipFull else { return }
        let start = clock.now
        let full = try await store.evaluate(period: period, level: level, calendar: calendar, mode: .full, withPrevious: false)
        let fullTime = clock.now - start
        print("full recomputation (baseline): \(format(fullTime)) · \(full.casesRead) cases read · RSS \((ResidentMemory.current() ?? 0) / 1_048_576) MiB")
        guard full.sheet == indexed.sheet else {
            throw CommandFailure("the indexed and full sheets differ: \(SheetDifference.between(full.sheet, indexed.sheet).prefix(5))")
        }
        print(String(format: "indexed is %.1f× faster than the full recomputation (same sheet, inputs %@…)", fullTime.seconds / best.seconds, String(full.sheet.inputsHash.prefix(12))))
    }

    func format(_ d: Duration) -> String {
        String(format: "%.2f s", d.seconds)
    }
}
