import ArgumentParser
import FinegrainStore
import Foundation
import Hummingbird
import Logging
import SQLKit

/// `finegrain bench baseline-server` — the baselines that HTTP benchmarks are measured against, on
/// the same machine and loaded the same way (by `Benchmarks/http_bench.py`).
struct BenchBaselineServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline-server",
        abstract: "Serve the HTTP baselines: a bare Hummingbird route and a one-row durable SQLite insert route.",
        discussion: """
            POST /bare answers 201 with a small JSON body and touches nothing else: the ceiling of the
            HTTP stack on this machine. POST /insert writes the request body as one row into its own
            table of --database, one transaction per request (synchronous = FULL, as the platform
            runs), then answers 201: a durable write without any of the platform's work. Used by
            Benchmarks/http_bench.py intake; stops on SIGINT or SIGTERM.
            """)

    @Option(help: "Port to listen on.")
    var port = 8091

    @Option(help: "SQLite database for POST /insert (created when missing).")
    var database = "sqlite:./baseline.sqlite"

    func run() async throws {
        let logger = Logger(label: "baseline")
        let db = try await Database.open(try DatabaseLocation(parsing: database), logger: logger)
        try await db.withConnection { sql in
            try await sql.raw("CREATE TABLE IF NOT EXISTS baseline_rows (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)").run()
        }
        let router = Router()
        router.post("bare") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Self.created
        }
        router.post("insert") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            try await db.transaction { sql in
                try await sql.insert(into: "baseline_rows").columns("at", "body").values(SQLBind(Date().description), SQLBind(body)).run()
            }
            return Self.created
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await app.runService()
        try await db.close()
    }

    static var created: Response {
        Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"ok":true}"#)))
    }
}
