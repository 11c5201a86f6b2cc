import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// An ``SQLiteHandle`` as an SQLKit database, so that every repository reads and writes through
/// it as through any other connection. Each statement is one job on the connection's thread;
/// values are encoded and decoded as sqlite-kit does it.
///
/// ```swift
/// let db = SQLiteHandleDatabase(connection: writer)
/// try await db.update("counters").set("value", to: SQLBind(1)).where("name", .equal, "n").run()
/// ```
struct SQLiteHandleDatabase: SQLDatabase {
    let connection: SQLiteHandle

    init(connection: SQLiteHandle) {
        self.connection = connection
    }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .trace }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        for row in try await rows(SQLiteStatement(query)) { onRow(row) }
    }

    /// `db` as the SQLite connection it is (every SQLite database here is one).
    static func of(_ db: any SQLDatabase) throws -> SQLiteHandleDatabase {
        guard let handle = db as? SQLiteHandleDatabase else {
            throw SQLiteHandleError(code: SQLITE_MISUSE, message: "not an SQLite connection: \(type(of: db))", sql: "")
        }
        return handle
    }

    /// The rows of a statement already serialised (see ``SQLiteStatement``).
    func rows(_ statement: SQLiteStatement) async throws -> [SQLiteResultRow] {
        logger.trace("Executing query", metadata: ["sql": .string(statement.sql)])
        return try await connection.perform { try $0.rows(statement.sql, statement.binds) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            let statement = try SQLiteStatement(query)
            return connection.perform { try $0.rows(statement.sql, statement.binds) }.map { rows in rows.forEach(onRow) }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }
}

/// A row read on an ``SQLiteHandle``, decoded as sqlite-kit decodes its rows.
struct SQLiteResultRow: SQLRow, Sendable {
    /// A result's column names, shared by its rows.
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]

        init(_ names: [String]) {
            self.names = names
            index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let columns: Columns
    let values: [SQLiteData]
    /// sqlite-kit's decoder (it wraps a `JSONDecoder`: made once, not per value).
    private static let decoder = SQLiteDataDecoder()

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let offset = columns.index[column] else { return true }
        return values[offset] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let offset = columns.index[column] else { throw SQLiteMissingColumn(column: column) }
        return try Self.decoder.decode(D.self, from: values[offset])
    }
}

/// A row read on an ``SQLiteHandle`` has no column of that name.
struct SQLiteMissingColumn: Error, CustomStringConvertible {
    let column: String
    var description: String { "no column \(column) in the row" }
}

/// An SQLKit query as SQLite runs it: its text and its binds as SQLite values, serialised (as
/// sqlite-kit does) before the job that runs it — even before its transaction begins.
///
/// ```swift
/// let insert = try SQLiteStatement(SQLInsert(table: SQLIdentifier("t")))
/// try await connection.perform { session in try session.run(insert) }
/// ```
struct SQLiteStatement: Sendable {
    var sql: String
    var binds: [SQLiteData]

    init(sql: String, binds: [SQLiteData]) {
        self.sql = sql
        self.binds = binds
    }

    init(_ query: any SQLExpression) throws {
        var serializer = SQLSerializer(database: SQLiteDialectDatabase())
        query.serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        sql = serializer.sql
        binds = try serializer.binds.map { try Self.data($0, encoder) }
    }

    /// A bound value as SQLite data: the plain types a row holds directly, anything else through
    /// sqlite-kit's encoder. The encoder first asks every value whether it conforms to its own
    /// protocols (a conformance lookup each), which was 1 % of filing a case; the answer is the same.
    static func data(_ value: any Encodable, _ encoder: SQLiteDataEncoder) throws -> SQLiteData {
        switch value {
        case let text as String: .text(text)
        case let integer as Int: .integer(integer)
        case let double as Double: .float(double)
        case let text as String?: text.map(SQLiteData.text) ?? .null
        case let integer as Int?: integer.map(SQLiteData.integer) ?? .null
        default: try encoder.encode(value)
        }
    }
}

/// What SQLKit's serializer asks of a database to write SQLite's SQL: its dialect. It serialises
/// ``SQLiteStatement``s and runs nothing.
private struct SQLiteDialectDatabase: SQLDatabase {
    private static let logger = Logger(label: "finegrain.sqlite.dialect")
    var logger: Logger { Self.logger }
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(SQLiteHandleError(code: SQLITE_MISUSE, message: "a dialect, not a connection", sql: ""))
    }
}

extension SQLiteSession {
    /// Runs a serialised statement and discards its rows.
    func run(_ statement: SQLiteStatement) throws {
        try run(statement.sql, statement.binds)
    }

    /// Runs an SQLKit query and returns its rows.
    func rows(query: any SQLExpression) throws -> [SQLiteResultRow] {
        let statement = try SQLiteStatement(query)
        return try rows(statement.sql, statement.binds)
    }
}
