import ArgumentParser
import FinegrainCore
import FinegrainDemo
import FinegrainServer
import FinegrainStore
import Hummingbird
import Foundation
import Logging

/// `finegrain serve` — runs the HTTP server until SIGINT/SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the platform's HTTP API.",
        discussion: """
            With --demo, opens ./finegrain-demo.sqlite (unless --database says otherwise), creating and
            migrating it on first run, and loads the Zibo demo city once, with --demo-cases generated cases
            over the last three months and 2,000 components in the grids (so queues, maps and evaluations
            have something to show).
            Stops cleanly on SIGINT or SIGTERM.
            """)

    @Flag(help: "Serve the Zibo demo city (loaded into the database on first run).")
    var demo = false

    @Option(help: "Generated cases for a first --demo start, over the last three months up to now (env FINEGRAIN_DEMO_CASES; default 3000; 0 for none).")
    var demoCases: Int?

    @Option(help: "Address to listen on (env FINEGRAIN_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (env FINEGRAIN_PORT; default 8080).")
    var port: Int?

    @Flag(help: "Trust X-Forwarded-For/-Proto from a reverse proxy (env FINEGRAIN_TRUST_PROXY=1). Only behind a proxy you run.")
    var trustProxy = false

    @Flag(help: "Always mark session cookies Secure (env FINEGRAIN_SECURE_COOKIES=1); otherwise only when a trusted proxy reports HTTPS.")
    var secureCookies = false

    @Option(help: "Directory for photos (env FINEGRAIN_DATA_DIR; default ./finegrain-data).")
    var dataDir: String?

    @Option(help: "Prefix of case numbers, e.g. ZB for Zibo (env FINEGRAIN_CASE_PREFIX; default FG, or ZB with --demo).")
    var casePrefix: String?

    @Option(help: "Working hours for deadlines, e.g. 08:30-12:00,13:30-17:30 (env FINEGRAIN_WORKING_HOURS; default that).")
    var workingHours: String?

    @Option(help: "A JSON file of workflow rules (who may take which step in which state); default: the national model. See GET /api/v1/config/workflow-rules for the format.")
    var workflowRules: String?

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if let demoCases, !(0...200_000).contains(demoCases) { throw ValidationError("--demo-cases must be between 0 and 200000") }
        if port == nil, let text = Environment.value("PORT"), Int(text).map({ (0...65535).contains($0) }) != true {
            throw ValidationError("FINEGRAIN_PORT=\(text) is not a port number")
        }
    }

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain", defaultFormat: "json")
        FinegrainMetrics.bootstrap()
        let store = try await databaseOptions.openStore(
            logger: logger, fallback: demo ? "sqlite:./finegrain-demo.sqlite" : "sqlite:./finegrain.sqlite")
        if demo {
            let loadedNow = try await DemoCityLoader(store: store, logger: logger).loadIfNeeded()
            let cases = demoCases ?? Environment.value("DEMO_CASES").flatMap(Int.init) ?? 3_000
            if loadedNow, cases > 0 {
                let calendar = try ReferenceData.workingCalendar()
                let today = calendar.localDate(of: Date())
                let first = LocalDate(year: today.month > 3 ? today.year : today.year - 1, month: (today.month + 8) % 12 + 1, day: 1) ?? today
                let loader = DemoActivityLoader(store: store, logger: logger)
                try await loader.generate(cases: cases, firstMonth: first, lastMonth: today, seed: 2026)
                // And components in the grids, for the map's components layer.
                try await loader.generateComponents(count: 2_000, seed: 2026)
                logger.info("demo activity generated", metadata: ["cases": "\(cases)", "components": "2000", "from": "\(first)"])
            }
        } else {
            let defaults = try await store.usersWithDefaultPasswords()
            if !defaults.isEmpty {
                try? await store.database.close()
                throw CommandFailure(
                    "refusing to serve: \(defaults.count) enabled account(s) still have the documented demo password "
                        + "(\(defaults.prefix(5).joined(separator: ", "))\(defaults.count > 5 ? ", …" : "")). "
                        + "Change their passwords or disable them, or run with --demo for a demonstration.")
            }
        }
        let settings = ServerSettings(
            host: host ?? Environment.value("HOST") ?? "127.0.0.1",
            port: port ?? Environment.value("PORT").flatMap(Int.init) ?? 8080,
            dataDirectory: URL(fileURLWithPath: dataDir ?? Environment.value("DATA_DIR") ?? "./finegrain-data"),
            caseNumberPrefix: casePrefix ?? Environment.value("CASE_PREFIX") ?? (demo ? "ZB" : "FG"))
        logger.info(
            "starting", metadata: ["database": "\(store.database.location)", "host": "\(settings.host)", "port": "\(settings.port)"])
        var access = AccessSettings()
        access.trustForwardedHeaders = trustProxy || Environment.value("TRUST_PROXY") == "1"
        if secureCookies || Environment.value("SECURE_COOKIES") == "1" { access.secureCookies = true }
        var rules = WorkflowRules.standard
        if let workflowRules {
            do {
                rules = try JSONDecoder().decode(WorkflowRules.self, from: Data(contentsOf: URL(fileURLWithPath: workflowRules)))
            } catch {
                try? await store.database.close()
                throw CommandFailure("cannot read workflow rules from \(workflowRules): \(error)")
            }
        }
        var periods = WorkingPeriod.standard
        if let text = workingHours ?? Environment.value("WORKING_HOURS") {
            guard let parsed = Self.parsePeriods(text) else {
                try? await store.database.close()
                throw CommandFailure("working hours \"\(text)\" are not like 08:30-12:00,13:30-17:30")
            }
            periods = parsed
        }
        let app = try await buildApplication(
            store: store, settings: settings, access: access, workflowRules: rules, workingHours: periods, logger: logger)
        do {
            try await app.runService()
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
        logger.info("stopped")
    }

    /// `08:30-12:00,13:30-17:30` → periods; `nil` if malformed or overlapping.
    static func parsePeriods(_ text: String) -> [WorkingPeriod]? {
        var periods: [WorkingPeriod] = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let start = minutes(ends[0]), let end = minutes(ends[1]),
                let period = WorkingPeriod(validating: start, end: end)
            else { return nil }
            periods.append(period)
        }
        let sorted = periods.sorted { $0.start < $1.start }
        guard !sorted.isEmpty, zip(sorted, sorted.dropFirst()).allSatisfy({ $0.end <= $1.start }) else { return nil }
        return sorted
    }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...24).contains(parts[0]), (0..<60).contains(parts[1]) else { return nil }
        return parts[0] * 60 + parts[1]
    }
}
