import ArgumentParser
import FinegrainCore
import FinegrainStore
import Foundation

/// `finegrain export …`.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export data for other systems and independent audit.",
        subcommands: [ExportEvents.self])
}

/// `finegrain export events`.
struct ExportEvents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Write the case event log (with hashes) as JSON Lines or CSV.",
        discussion: """
            Events recorded from --from (inclusive) to --to (exclusive), in time order, each with its hash
            and the previous event's hash so the chain can be checked independently. Reporters' names and
            phone numbers are left out unless --include-personal-data is given (for authorised audit).
            Writes to standard output unless --output names a file.
            """)

    @Option(help: "Start, inclusive: a date (2026-10-01) or an ISO 8601 time.")
    var from: String?

    @Option(help: "End, exclusive: a date (2026-11-01) or an ISO 8601 time.")
    var to: String?

    @Option(help: "jsonl or csv.")
    var format: String = "jsonl"

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Include reporters' names and phone numbers.")
    var includePersonalData = false

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var loggingOptions: LoggingOptions

    func validate() throws {
        guard ["jsonl", "csv"].contains(format) else { throw ValidationError("--format must be jsonl or csv") }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Self.bound(value) == nil { throw ValidationError("\(name) must be a date like 2026-10-01 or an ISO 8601 time") }
        }
    }

    /// A bound as stored (ISO 8601 UTC with milliseconds); a bare date means 00:00 China time.
    static func bound(_ text: String) -> String? {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = (try? Date.ISO8601FormatStyle().parse(text)) ?? (try? style.parse(text)) { return MillisecondTimestamp.string(date) }
        if let day = LocalDate(text) {
            let seconds = Double(day.daysSince1970) * 86_400 - 8 * 3_600
            return MillisecondTimestamp.string(Date(timeIntervalSince1970: seconds))
        }
        return nil
    }

    func run() async throws {
        let logger = loggingOptions.makeLogger(label: "finegrain.export", defaultFormat: "text")
        let store = try await databaseOptions.openStore(logger: logger)
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let opened = FileHandle(forWritingAtPath: output) else {
                try? await store.database.close()
                throw CommandFailure("cannot write \(output)")
            }
            handle = opened
        } else {
            handle = FileHandle.standardOutput
        }
        var count = 0
        if format == "csv" {
            handle.write(Data("case_id,sequence,type,at,actor,actor_role,status,payload_json,previous_hash,hash\n".utf8))
        }
        do {
            try await store.forEachEvent(from: from.flatMap(Self.bound), to: to.flatMap(Self.bound)) { events in
                var chunk = Data()
                for var event in events {
                    if !includePersonalData { for key in CaseEvent.personalKeys { event.payload[key] = nil } }
                    if format == "jsonl" {
                        chunk.append(event.jsonData())
                        chunk.append(0x0A)
                    } else {
                        var payload = JSONWriter(capacity: 256)
                        payload.object(event.payload) { $0.string($1) }
                        let fields = [
                            event.caseID, String(event.sequence), event.type, MillisecondTimestamp.string(event.at),
                            event.actor.name, event.actor.role?.rawValue ?? "", event.status.rawValue, String(decoding: payload.bytes, as: UTF8.self),
                            event.previousHash, event.hash,
                        ]
                        chunk.append(Data((fields.map(Self.csvField).joined(separator: ",") + "\n").utf8))
                    }
                    count += 1
                }
                handle.write(chunk)
            }
        } catch {
            try? await store.database.close()
            throw error
        }
        try await store.database.close()
        FileHandle.standardError.write(Data("exported \(count) events\n".utf8))
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
