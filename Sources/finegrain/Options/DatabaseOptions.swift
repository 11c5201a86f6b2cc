import ArgumentParser
import FinegrainStore
import Logging

/// `--database`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB (env FINEGRAIN_DATABASE; default sqlite:./finegrain.sqlite, or sqlite:./finegrain-demo.sqlite with --demo).",
            valueName: "url"))
    var database: String?

    /// The location named by the flag, else the environment, else `fallback`.
    func location(fallback: String = "sqlite:./finegrain.sqlite") throws -> DatabaseLocation {
        let text = database ?? Environment.value("DATABASE") ?? fallback
        do { return try DatabaseLocation(parsing: text) } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Opens the database and applies pending migrations.
    func openStore(logger: Logger, fallback: String = "sqlite:./finegrain.sqlite") async throws -> Store {
        let database = try await Database.open(try location(fallback: fallback), logger: logger)
        do {
            try await Migrator(database: database, logger: logger).migrate()
        } catch {
            try? await database.close()
            throw error
        }
        return Store(database: database)
    }
}

/// `--log-level` and `--log-format`, shared by every command.
struct LoggingOptions: ParsableArguments {
    @Option(help: "trace, debug, info, notice, warning, error or critical (env FINEGRAIN_LOG_LEVEL; default info).")
    var logLevel: String?

    @Option(help: "json (one object per line) or text (env FINEGRAIN_LOG_FORMAT; default json for serve, text otherwise).")
    var logFormat: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil { throw ValidationError("unknown --log-level \(logLevel)") }
        if let logFormat, !["json", "text"].contains(logFormat) { throw ValidationError("--log-format must be json or text") }
    }
}
