import Foundation
import Logging
import NIOCore
import PostgresKit
import SQLKit

/// A PostgreSQL connection as an SQLKit database whose reads run as named prepared statements,
/// so the server plans each query shape once per connection instead of on every call.
///
/// Why: postgres-nio runs every query as an unnamed statement, which PostgreSQL parses and plans
/// each time. A case list's page walks up to eleven statuses in one `UNION ALL`, and the
/// planner weighs every index of `cases` for each arm: at a million cases, planning was more
/// than half of the server's CPU on such a page (`bind` 0.9 ms against `execute` 0.1 ms).
///
/// A `SELECT` whose binds are all text, integers, floating-point numbers, booleans or lists of text is named by
/// a hash of its text and its binds' types; postgres-nio prepares a name the first time a
/// connection sees it (with those types, as the unnamed statement would declare them) and binds
/// it after that. Anything else — writes, statements with a `NULL` bind (whose type the name
/// could not tell), other bind types, more than ``PreparedRead/bindLimit`` binds — runs the
/// ordinary way.
///
/// ```swift
/// let db = PostgresPreparedDatabase(connection: connection)
/// let rows = try await db.raw("SELECT id FROM cases WHERE status = \(bind: "filed") LIMIT 20").all()
/// ```
struct PostgresPreparedDatabase: SQLDatabase {
    let connection: PostgresConnection
    /// The ``Database``'s count of migrations applied: part of every name, so that a statement
    /// prepared before a migration is not run after it (PostgreSQL refuses a prepared `SELECT *`
    /// whose table has gained a column: "cached plan must not change result type").
    let schemaGeneration: Int
    let queryLogLevel: Logger.Level?

    init(connection: PostgresConnection, schemaGeneration: Int = 0, queryLogLevel: Logger.Level? = .trace) {
        self.connection = connection
        self.schemaGeneration = schemaGeneration
        self.queryLogLevel = queryLogLevel
    }

    private var plain: any SQLDatabase { connection.sql(queryLogLevel: queryLogLevel) }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { PostgresDialect() }

    /// SQLKit's older, future-based entry runs unprepared (the store reads through `async`).
    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        plain.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        guard let statement = PreparedRead(sql: sql, binds: binds, schemaGeneration: schemaGeneration) else {
            return try await plain.execute(sql: SerializedStatement(sql: sql, binds: binds), onRow)
        }
        if let queryLogLevel {
            logger.log(level: queryLogLevel, "Executing prepared query", metadata: ["sql": .string(sql), "name": .string(statement.shape.name)])
        }
        let rows = try await PreparedRead.$shape.withValue(statement.shape) {
            try await connection.execute(statement, logger: logger)
        }
        for try await row in rows { onRow(row.sql()) }
    }
}

/// One read run as a named prepared statement (see ``PostgresPreparedDatabase``).
///
/// postgres-nio takes a prepared statement's name, text and bind types from its type's static
/// members, read when the statement is handed to the connection; a task-local value gives them
/// for the call at hand, so one type serves every query shape.
struct PreparedRead: PostgresPreparedStatement {
    /// A statement's name, text and bind types.
    struct Shape: Sendable {
        var name: String
        var sql: String
        var types: [PostgresDataType]
    }

    @TaskLocal static var shape = Shape(name: "", sql: "", types: [])

    static var name: String { shape.name }
    static var sql: String { shape.sql }
    static var bindingDataTypes: [PostgresDataType] { shape.types }

    let shape: Shape
    let bindings: PostgresBindings

    /// The most binds a prepared read has. A connection keeps every statement it has prepared
    /// until it closes, and a list of as many binds as there are matches (up to 20,000 search
    /// rowids) would make a new one for every length; lists that long are planned each time.
    static let bindLimit = 64

    /// `nil` unless `sql` is a read and every bind has a type a name can tell.
    init?(sql: String, binds: [any Encodable], schemaGeneration: Int = 0) {
        guard sql.hasPrefix("SELECT "), binds.count <= Self.bindLimit else { return nil }
        var bindings = PostgresBindings(capacity: binds.count)
        var types: [PostgresDataType] = []
        types.reserveCapacity(binds.count)
        func add(_ value: some PostgresDynamicTypeEncodable) {
            bindings.append(value)
            types.append(value.psqlType)
        }
        for bind in binds {
            switch bind {
            case let value as String: add(value)
            case let value as Int: add(value)
            case let value as Double: add(value)
            case let value as Bool: add(value)
            case let value as [String]: add(value)
            default: return nil
            }
        }
        let key = sql + "\u{0}" + types.map { String($0.rawValue) }.joined(separator: ",") + "\u{0}\(schemaGeneration)"
        self.shape = Shape(name: "fg_" + Store.sha256(Data(key.utf8)).prefix(32), sql: sql, types: types)
        self.bindings = bindings
    }

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// A whole statement already serialised for PostgreSQL, written again as it is: the ordinary
/// path then does not serialise a large write a second time (an intake batch's inserts hold
/// hundreds of values; serialising them twice cost a sixth of PostgreSQL intake).
private struct SerializedStatement: SQLExpression {
    let sql: String
    let binds: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.sql += sql
        serializer.binds += binds
    }
}
