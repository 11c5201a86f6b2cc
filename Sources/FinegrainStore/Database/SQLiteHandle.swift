import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO
import Synchronization
import VaporCSQLite

/// A connection to an SQLite file, opened by Finegrain itself, with a thread of its own and its
/// statements kept prepared: the writer every write transaction runs on, and each reader of the pool.
///
/// Why not sqlite-nio's connection:
/// - sqlite-nio runs each statement as its own job on a shared thread pool and comes back to a
///   task in between, so a transaction of six statements made six round trips (about 0.3 ms each
///   on a busy two-core server) while it held the write lock and every other writer waited. Here a
///   whole transaction can run as one job (``perform(_:)``, ``Database/transactionInOneStep(_:)``).
/// - It prepares every statement again on every call; a case list's statement (nine walks merged
///   in one `UNION ALL`) spent 8 % of the request's CPU in SQLite's parser. Here each distinct
///   statement text is prepared once per connection and kept.
/// - It hands every row to the event loop as a task of its own; here a statement's rows come back
///   together.
///
/// The library is the copy of SQLite that sqlite-nio embeds (its C module `VaporCSQLite`, whose
/// functions are prefixed `sqlite_nio_`), so the process holds one copy of SQLite and one view of
/// its file locks. Everything that touches the handle runs on the connection's one thread, one
/// job at a time.
///
/// ```swift
/// let writer = try await SQLiteHandle.open(path: "city.sqlite", pragmas: ["PRAGMA foreign_keys = ON"], logger: logger, on: eventLoop).get()
/// let next = try await writer.perform { session in
///     try session.run("BEGIN IMMEDIATE")
///     let value = try session.rows("UPDATE counters SET value = value + 1 WHERE name = ?1 RETURNING value", [.text("n")])
///     try session.run("COMMIT")
///     return value.first?.values[0]
/// }
/// try await writer.close()
/// ```
final class SQLiteHandle: ConnectionPoolItem, @unchecked Sendable {
    // `@unchecked`: `handle` and `statements` are only touched by jobs on `thread`, which has one
    // thread and so runs them one at a time.
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private let thread: NIOThreadPool
    private let closed = Atomic<Bool>(false)
    let path: String
    let logger: Logger
    /// The loop futures are completed on (SQLKit's older future-based API, the connection pool).
    let eventLoop: any EventLoop

    /// The most prepared statements kept; past it the cache starts afresh (multi-row inserts of
    /// every batch size each have their own text).
    private static let cachedStatements = 128

    private init(path: String, thread: NIOThreadPool, logger: Logger, eventLoop: any EventLoop) {
        self.path = path
        self.thread = thread
        self.logger = logger
        self.eventLoop = eventLoop
    }

    /// Opens (creating if needed) the database file at `path` and runs `pragmas` on the connection.
    /// No task is involved: it runs on the connection's thread and completes on `eventLoop`, so a
    /// pool asked for a connection while the cooperative threads are busy still gets one.
    static func open(path: String, pragmas: [String], logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteHandle> {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        let connection = SQLiteHandle(path: path, thread: thread, logger: logger, eventLoop: eventLoop)
        return thread.runIfActive(eventLoop: eventLoop) {
            try connection.openHandle()
            let session = SQLiteSession(connection: connection)
            for pragma in pragmas { try session.run(pragma) }
            return connection
        }
        .flatMapError { error in connection.close().flatMapThrowing { throw error } }
    }

    /// Runs `body` on the connection's thread; nothing else touches the connection meanwhile.
    /// Whatever `body` does happens without a suspension: a transaction it opens and commits is
    /// one job.
    func perform<T: Sendable>(_ body: @escaping @Sendable (SQLiteSession) throws -> T) async throws -> T {
        try await thread.runIfActive { try body(SQLiteSession(connection: self)) }
    }

    /// ``perform(_:)`` completing a future on the connection's event loop.
    func perform<T: Sendable>(_ body: @escaping @Sendable (SQLiteSession) throws -> T) -> EventLoopFuture<T> {
        thread.runIfActive(eventLoop: eventLoop) { try body(SQLiteSession(connection: self)) }
    }

    /// Finalizes the kept statements, closes the connection and stops the thread.
    func close() async throws {
        try await close().get()
    }

    var isClosed: Bool { closed.load(ordering: .acquiring) }

    func close() -> EventLoopFuture<Void> {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return eventLoop.makeSucceededVoidFuture() }
        let promise = eventLoop.makePromise(of: Void.self)
        let thread = thread
        thread.runIfActive(eventLoop: eventLoop) { self.closeHandle() }.whenComplete { _ in
            thread.shutdownGracefully { error in
                if let error { promise.fail(error) } else { promise.succeed() }
            }
        }
        return promise.futureResult
    }

    // MARK: On the connection's thread

    fileprivate func openHandle() throws {
        sqlite_nio_sqlite3_initialize()
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var opened: OpaquePointer?
        let code = sqlite_nio_sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            if let opened { sqlite_nio_sqlite3_close_v2(opened) }
            throw SQLiteHandleError(code: code, message: message, sql: "open \(path)")
        }
        handle = opened
    }

    private func closeHandle() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements.removeAll()
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    /// The prepared statement for `sql`, prepared once and kept.
    fileprivate func statement(_ sql: String) throws -> OpaquePointer {
        if let kept = statements[sql] { return kept }
        guard let handle else { throw SQLiteHandleError(code: SQLITE_MISUSE, message: "the connection is closed", sql: sql) }
        var prepared: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw error(code, sql) }
        if statements.count >= Self.cachedStatements {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll()
        }
        statements[sql] = prepared
        return prepared
    }

    fileprivate func error(_ code: Int32, _ sql: String) -> SQLiteHandleError {
        let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown error"
        return SQLiteHandleError(code: code, message: message, sql: sql)
    }
}

/// The connection inside one ``SQLiteHandle/perform(_:)`` job: runs statements with positional
/// binds (`?1`, `?2`, … or `?`), each prepared once and kept for the next time.
struct SQLiteSession {
    let connection: SQLiteHandle

    /// Runs `sql` and discards any rows it returns.
    func run(_ sql: String, _ binds: [SQLiteData] = []) throws {
        _ = try execute(sql, binds, collecting: false)
    }

    /// Runs `sql` and returns its rows.
    func rows(_ sql: String, _ binds: [SQLiteData] = []) throws -> [SQLiteResultRow] {
        try execute(sql, binds, collecting: true)
    }

    private func execute(_ sql: String, _ binds: [SQLiteData], collecting: Bool) throws -> [SQLiteResultRow] {
        let statement = try connection.statement(sql)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (offset, bind) in binds.enumerated() {
            let code = Self.bind(bind, at: Int32(offset + 1), to: statement)
            guard code == SQLITE_OK else { throw connection.error(code, sql) }
        }
        var rows: [SQLiteResultRow] = []
        var columns: SQLiteResultRow.Columns?
        while true {
            let code = sqlite_nio_sqlite3_step(statement)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw connection.error(code, sql) }
            guard collecting else { continue }
            let count = sqlite_nio_sqlite3_column_count(statement)
            let names = columns ?? SQLiteResultRow.Columns((0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) })
            columns = names
            rows.append(SQLiteResultRow(columns: names, values: (0..<count).map { Self.value(at: $0, of: statement) }))
        }
    }

    private static func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(let text): sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
        case .blob(let buffer):
            buffer.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), transient) }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private static func value(at column: Int32, of statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let bytes = sqlite_nio_sqlite3_column_blob(statement, column) else { return .blob(ByteBuffer()) }
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }
}

/// SQLite copies a bound value before the bind call returns (`SQLITE_TRANSIENT`), so Swift's
/// temporary C strings may go away at once.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A statement on an ``SQLiteHandle`` failed: SQLite's extended result code, its message and the
/// statement.
struct SQLiteHandleError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    let sql: String

    var description: String { "SQLite error \(code): \(message) (in \(sql.prefix(200)))" }
}
