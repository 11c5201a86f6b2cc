import ArgumentParser
import FinegrainStore
import Foundation

/// `finegrain verify-log` — recomputes every case's hash chain.
struct VerifyLog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-log",
        abstract: "Check that no case's history was altered.",
        discussion: """
            Recomputes the SHA-256 chain of every case's events and replays them against the stored case
            row. Names every case whose history was edited, removed, reordered, or whose row no longer
            matches its events. Exit status 0 when all is intact, 1 when anything is not.
            """)

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.verify", defaultFormat: "text")
        let store = try await databaseOptions.openStore(logger: logger)
        var checked = 0
        let problems: [EventLogProblem]
        do {
            problems = try await store.verifyEventLog { checked = $0 }
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
        if problems.isEmpty {
            print("\(store.database.location): \(checked) case histories verified, all intact")
        } else {
            for problem in problems { print("ALTERED \(problem)") }
            print("\(store.database.location): \(problems.count) of \(checked) case histories were altered")
            throw ExitCode(1)
        }
    }
}
