import FinegrainStore
import FinegrainCore
import FinegrainDemo
import Foundation
import Logging
import ArgumentParser
import FinegrainServer

/// `finegrain demo …` — the Zibo demo city.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the Zibo demo city.",
        subcommands: [DemoLoad.self, DemoGenerate.self])
}

/// `finegrain demo load`.
struct DemoLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load the Zibo demo city's regions into a database.",
        discussion: "Without --force, does nothing if the demo city was loaded before. `serve --demo` does this on first start.")

    @Flag(help: "Load again even if loaded before (regions with the same codes are replaced).")
    var force = false

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.demo", defaultFormat: "text")
        let store = try await databaseOptions.openStore(logger: logger, fallback: "sqlite:./finegrain-demo.sqlite")
        do {
            let loader = DemoCityLoader(store: store, logger: logger)
            if force { try await loader.load() } else { try await loader.loadIfNeeded() }
            let counts = try await store.regionCounts()
            print("\(store.database.location): " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", "))
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
    }
}

/// `finegrain demo generate`.
struct DemoGenerate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate realistic, deterministic case activity on the demo city (through the real workflow).",
        discussion: """
            Cases are reported between --from and --to (months, inclusive) on the gridded area, with the
            class mix, daily/weekly rhythm, holiday dips, channels and department habits of a real city, and
            run through the workflow (some voided, returned, extended, suspended, reworked; recent ones still
            open). Reports come in number order, as a city's do, so a run of millions keeps its pace.
            Numbers start with SIM and continue after the cases already stored: a second run adds another
            sweep of the same months. The same --seed gives the same activity. Loads the demo city first if
            the database has none.
            """)

    @Option(help: "How many cases (default 0).")
    var cases: Int = 0

    @Option(help: "Components (部件) to generate in the unit grids as well (default 0).")
    var components: Int = 0

    @Option(help: "First month, e.g. 2024-01.")
    var from: String = "2024-01"

    @Option(help: "Last month, e.g. 2026-10.")
    var to: String = "2026-10"

    @Option(help: "Random seed.")
    var seed: UInt64 = 2026

    @Option(help: "Cases written per transaction.")
    var batch: Int = 2000

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func validate() throws {
        guard cases >= 0, cases <= 50_000_000 else { throw ValidationError("--cases must be between 0 and 50000000") }
        guard (0...20_000_000).contains(components) else { throw ValidationError("--components must be between 0 and 20000000") }
        guard cases + components > 0 else { throw ValidationError("give --cases, --components or both") }
        guard Self.month(from) != nil, Self.month(to) != nil else { throw ValidationError("--from and --to are months like 2024-01") }
        guard (1...20_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 20000") }
    }

    static func month(_ text: String) -> LocalDate? { LocalDate(text + "-01") }

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.generate", defaultFormat: "text")
        let store = try await databaseOptions.openStore(logger: logger, fallback: "sqlite:./finegrain-demo.sqlite")
        do {
            try await generate(store, logger: logger)
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
    }

    func generate(_ store: Store, logger: Logger) async throws {
        try await DemoCityLoader(store: store, logger: logger).loadIfNeeded()
        guard let first = Self.month(from), let last = Self.month(to) else { return }
        let began = ContinuousClock.now
        let loader = DemoActivityLoader(store: store, logger: logger)
        do {
            try await loader.generate(cases: cases, firstMonth: first, lastMonth: last, seed: seed, batch: batch) {
                written, events in
                let seconds = (ContinuousClock.now - began).seconds
                let line = "\(written) cases, \(events) events, \(String(format: "%.0f", Double(written) / max(seconds, 0.001))) cases/s\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            if components > 0 {
                let started = ContinuousClock.now
                try await loader.generateComponents(count: components, seed: seed) { written in
                    let seconds = (ContinuousClock.now - started).seconds
                    FileHandle.standardOutput.write(Data("\(written) components, \(String(format: "%.0f", Double(written) / max(seconds, 0.001))) components/s\n".utf8))
                }
            }
        } catch let error as DemoActivityError {
            throw CommandFailure(error.description)
        }
    }
}
