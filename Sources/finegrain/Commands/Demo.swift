import FinegrainStore
import FinegrainCore
import ArgumentParser
import FinegrainServer

/// `finegrain demo …` — the Zibo demo city.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the Zibo demo city.",
        subcommands: [DemoLoad.self])
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
