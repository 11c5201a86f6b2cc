import ArgumentParser
import FinegrainStore

/// `finegrain migrate` — applies pending schema migrations.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the database schema.",
        discussion: "Safe to run repeatedly and from several processes; `serve` also migrates at start.")

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.migrate", defaultFormat: "text")
        let database = try await Database.open(try databaseOptions.location(), logger: logger)
        let migrator = Migrator(database: database, logger: logger)
        let applied = try await migrator.migrate()
        let all = try await migrator.appliedVersions()
        print(applied.isEmpty
            ? "\(database.location): schema up to date (version \(all.last ?? 0))"
            : "\(database.location): applied migration(s) \(applied.map(String.init).joined(separator: ", ")); now at version \(all.last ?? 0)")
        try await database.close()
    }
}
