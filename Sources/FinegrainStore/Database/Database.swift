@preconcurrency import AsyncKit
import Foundation
public import Logging
import Metrics
public import NIOCore
public import NIOPosix
import PostgresKit
public import SQLKit
import SQLiteKit
import Synchronization

/// The one door to the database: a small connection pool over SQLite or PostgreSQL that hands out
/// SQLKit databases for a unit of work or a transaction.
///
/// Every repository in the store is written once against ``SQLKit/SQLDatabase``; ``dialect`` tells
/// the few places where SQLite and PostgreSQL differ.
///
/// ```swift
/// let database = try await Database.open(.sqlite(path: "city.sqlite"), logger: logger)
/// try await database.transaction { db in
///     try await db.insert(into: "settings").columns("key", "value").values(SQLBind("k"), SQLBind("v")).run()
/// }
/// ```
///
/// SQLite is opened in WAL mode with `busy_timeout`, foreign keys and `synchronous` set on every
/// connection; write transactions start with `BEGIN IMMEDIATE`, so writers queue instead of failing
/// half-way. On PostgreSQL a transaction is a plain `BEGIN … COMMIT` on one pooled connection.
public final class Database: Sendable {
    /// The SQL dialect behind this database.
    public enum Dialect: String, Sendable { case sqlite, postgres }

    /// Tuning knobs, with defaults that suit a small server.
    public struct Options: Sendable {
        /// Connections per event loop (the pool has one per loop, two loops on a 2-core machine).
        public var connectionsPerEventLoop: Int = 2
        /// SQLite `synchronous`: `FULL` survives power loss; `NORMAL` (WAL) survives a killed process
        /// but may lose the last commits on power loss.
        public var sqliteSynchronous: String = "FULL"
        /// SQLite busy timeout.
        public var sqliteBusyTimeoutMilliseconds: Int = 10_000
        /// SQLite page cache per connection, in KiB (SQLite's own default is 2,000).
        public var sqliteCacheKiB: Int = 16_384
        /// PostgreSQL schema to work in (first on the `search_path`); `nil` uses the server's default.
        /// Tests give each run its own schema.
        public var postgresSchema: String?

        public init() {}
    }

    public let dialect: Dialect
    public let location: DatabaseLocation
    private let pools: Pools
    private let logger: Logger
    private let inUse = Atomic<Int>(0)
    private let writeGate = WriteGate()
    /// Raised by every migration applied in this process: part of each prepared statement's name
    /// on PostgreSQL (see ``PostgresPreparedDatabase``), so that a statement prepared before the
    /// schema changed is never executed after it.
    private let schemaGeneration = Atomic<Int>(0)
    /// Checkpoints the SQLite log in the background (nil on PostgreSQL).
    private let checkpointer: WALCheckpointer?
    private let inUseGauge: Gauge
    private let acquireTimer: Metrics.Timer
    private let transactionCounter: Counter
    private let rollbackCounter: Counter

    private enum Pools: @unchecked Sendable {
        /// Readers, and one writer connection that every write transaction uses (see ``open``).
        case sqlite(EventLoopGroupConnectionPool<TunedSQLiteSource>, writer: SQLiteHandle)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    private init(dialect: Dialect, location: DatabaseLocation, pools: Pools, poolSize: Int, logger: Logger) {
        self.dialect = dialect
        self.location = location
        self.pools = pools
        self.logger = logger
        if case .sqlite(let readers, _) = pools {
            let log = logger
            checkpointer = WALCheckpointer(interval: 64, logger: logger) {
                let connection = try await readers.requestConnection(logger: log).get()
                defer { readers.releaseConnection(connection, logger: log) }
                try await connection.perform { try $0.run("PRAGMA wal_checkpoint(PASSIVE)") }
            }
        } else {
            checkpointer = nil
        }
        let dimensions = [("database", dialect.rawValue)]
        inUseGauge = Gauge(label: "finegrain_db_connections_in_use", dimensions: dimensions)
        acquireTimer = Metrics.Timer(label: "finegrain_db_connection_wait_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
        transactionCounter = Counter(label: "finegrain_db_transactions_total", dimensions: dimensions)
        rollbackCounter = Counter(label: "finegrain_db_rollbacks_total", dimensions: dimensions)
        Gauge(label: "finegrain_db_pool_size", dimensions: dimensions).record(poolSize)
        inUseGauge.record(0)
    }

    /// Opens (and for SQLite creates) the database. Does not migrate: see ``Migrator``.
    public static func open(
        _ location: DatabaseLocation, options: Options = Options(), logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> Database {
        let loops = Array(eventLoopGroup.makeIterator()).count
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let source = TunedSQLiteSource(
                path: url.path, synchronous: options.sqliteSynchronous, busyTimeoutMilliseconds: options.sqliteBusyTimeoutMilliseconds,
                cacheKiB: options.sqliteCacheKiB)
            let pool = EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: options.connectionsPerEventLoop, logger: logger, on: eventLoopGroup)
            // One connection for every write transaction: SQLite discards a connection's whole page
            // cache when another connection has written since its last transaction, so writers
            // taking turns on pooled connections re-read every page they touch from the OS.
            // It is held, not pooled: ``transaction(_:)`` already lets one writer in at a time. It
            // is Finegrain's own (``SQLiteHandle``), so that a transaction can run as one job.
            // Its log is checkpointed in the background (``WALCheckpointer``), not in its commits.
            let writer: SQLiteHandle
            do {
                writer = try await SQLiteHandle.open(
                    path: url.path, pragmas: source.pragmas + ["PRAGMA wal_autocheckpoint = 0"], logger: logger, on: eventLoopGroup.next()
                ).get()
            } catch {
                try? await pool.shutdownAsync()
                throw DatabaseOpenError(location: location, underlying: error)
            }
            let database = Database(
                dialect: .sqlite, location: location, pools: .sqlite(pool, writer: writer), poolSize: loops * options.connectionsPerEventLoop + 1,
                logger: logger)
            do {
                try await database.withConnection { db in
                    // 8 KiB pages for a new file (ignored for an existing one): a case row (about
                    // 2.1 KB with its JSON projection) filled a 4 KiB page alone, wasting 45 % of the table.
                    try await db.raw("PRAGMA page_size = 8192").run()
                    try await db.raw("PRAGMA journal_mode = WAL").run()
                }
            } catch {
                try? await database.close()
                throw DatabaseOpenError(location: location, underlying: error)
            }
            return database
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema = options.postgresSchema { configuration.searchPath = [schema] }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: options.connectionsPerEventLoop, logger: logger, on: eventLoopGroup)
            let database = Database(
                dialect: .postgres, location: location, pools: .postgres(pool), poolSize: loops * options.connectionsPerEventLoop,
                logger: logger)
            do {
                try await database.withConnection { db in try await db.raw("SELECT 1").run() }
            } catch {
                try? await database.close()
                throw DatabaseOpenError(location: location, underlying: error)
            }
            return database
        }
    }

    /// Runs `body` with one pooled connection. Use ``transaction(_:)`` for anything that writes.
    public func withConnection<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection(writing: false, body)
    }

    /// Runs `body` with one pooled connection whose sorts and bitmaps may each use `megabytes` of
    /// memory, for a statement that reads a large set once. SQLite has no such limit; on PostgreSQL
    /// the statements run in a read-only transaction with `SET LOCAL work_mem`, so the setting
    /// ends with them.
    ///
    /// Why: PostgreSQL's default `work_mem` is 4 MB. A full-text match of 681,106 cases (one in
    /// fifteen, at ten million) then turned its bitmap lossy, and rechecking every row of the
    /// lossy pages took 40 s where an exact bitmap took 0.7 s (before migration 15 stored the
    /// vectors; with them, 2.7 s against 1.2 s).
    ///
    /// ```swift
    /// let rowids = try await database.withConnection(workMemory: 64) { db in
    ///     try await db.raw("SELECT search_rowid FROM case_search WHERE …").all()
    /// }
    /// ```
    public func withConnection<T>(workMemory megabytes: Int, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard dialect == .postgres else { return try await withConnection(writing: false, body) }
        return try await withConnection(writing: false) { db in
            try await inTransaction(db, begin: "BEGIN READ ONLY") { db in
                try await db.raw("SET LOCAL work_mem = '\(unsafeRaw: String(max(1, megabytes)))MB'").run()
                return try await body(db)
            }
        }
    }

    private func withConnection<T>(writing: Bool, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        switch pools {
        case .sqlite(let readers, let writer):
            if writing {
                acquired(since: start)
                defer { released() }
                return try await body(SQLiteHandleDatabase(connection: writer))
            }
            let connection = try await readers.requestConnection(logger: logger).get()
            acquired(since: start)
            defer { released(); readers.releaseConnection(connection, logger: logger) }
            return try await body(SQLiteHandleDatabase(connection: connection))
        case .postgres(let pool):
            let connection = try await pool.requestConnection(logger: logger).get()
            acquired(since: start)
            defer { released(); pool.releaseConnection(connection, logger: logger) }
            return try await body(PostgresPreparedDatabase(connection: connection, schemaGeneration: schemaGeneration.load(ordering: .relaxed)))
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// On SQLite the transaction takes the write lock at once (`BEGIN IMMEDIATE`).
    public func transaction<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard dialect == .sqlite else { return try await runTransaction(body) }
        return try await gated { try await runTransaction(body) }
    }

    /// Runs `body` once the ``WriteGate`` lets it in, and lets the next writer in after it.
    private func gated<T>(_ body: () async throws -> T) async throws -> T {
        await writeGate.enter()
        do {
            let result = try await body()
            await writeGate.leave()
            return result
        } catch {
            await writeGate.leave()
            throw error
        }
    }

    /// Runs `body` as one write transaction in a single job on SQLite's writer thread: its
    /// statements follow one another without a suspension, so the write lock is held for the
    /// database's own work only. Committed when `body` returns a value, rolled back when it returns
    /// `nil` or throws. On PostgreSQL nothing runs and the answer is `nil`; use ``transaction(_:)``.
    ///
    /// ```swift
    /// let written = try await database.transactionInOneStep { session in
    ///     try session.run("INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)", [.text("k"), .text("v"), .text(now)])
    ///     return true
    /// }
    /// ```
    func transactionInOneStep<T: Sendable>(_ body: @escaping @Sendable (SQLiteSession) throws -> T?) async throws -> T? {
        guard case .sqlite(_, let writer) = pools else { return nil }
        return try await gated {
            acquired(since: .now)
            defer { released() }
            let result: T?
            do {
                result = try await writer.perform { session -> T? in
                    try session.run("BEGIN IMMEDIATE")
                    do {
                        guard let result = try body(session) else {
                            try session.run("ROLLBACK")
                            return nil
                        }
                        try session.run("COMMIT")
                        return result
                    } catch {
                        try? session.run("ROLLBACK")
                        throw error
                    }
                }
            } catch {
                rollbackCounter.increment()
                throw error
            }
            guard result != nil else {
                rollbackCounter.increment()
                return nil
            }
            transactionCounter.increment()
            if checkpointer?.committed() == true { await checkpointOnWriter(SQLiteHandleDatabase(connection: writer)) }
            return result
        }
    }

    /// The frames written since the background checkpoint began (``WALCheckpointer``).
    private func checkpointOnWriter(_ db: any SQLDatabase) async {
        do { try await db.raw("PRAGMA wal_checkpoint(PASSIVE)").run() } catch {
            logger.warning("WAL checkpoint on the writer failed", metadata: ["error": "\(error)"])
        }
    }

    private func runTransaction<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection(writing: true) { db in
            let result: T
            do {
                result = try await inTransaction(db, begin: dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN", body)
            } catch {
                rollbackCounter.increment()
                throw error
            }
            transactionCounter.increment()
            if checkpointer?.committed() == true { await checkpointOnWriter(db) }
            return result
        }
    }

    /// `body` between `begin` and `COMMIT` on `db`; rolled back when it throws.
    private func inTransaction<T>(_ db: any SQLDatabase, begin: SQLQueryString, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.raw(begin).run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            do { try await db.raw("ROLLBACK").run() } catch {
                logger.error("rollback failed", metadata: ["error": "\(error)"])
            }
            throw error
        }
    }

    /// The schema has changed (a migration was applied): statements prepared before are not used again.
    func schemaChanged() {
        schemaGeneration.add(1, ordering: .relaxed)
    }

    /// Waits for a running background checkpoint of the SQLite log (tests use it to make their
    /// writes' timing irrelevant).
    func checkpointFinished() async {
        await checkpointer?.finish()
    }

    /// `true` when a trivial query answers.
    public func ping() async -> Bool {
        do {
            return try await withConnection { db in
                try await db.raw("SELECT 1 AS ok").first()?.decode(column: "ok", as: Int.self) == 1
            }
        } catch {
            logger.warning("database ping failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Closes every connection.
    public func close() async throws {
        switch pools {
        case .sqlite(let readers, let writer):
            await checkpointer?.finish()
            try await readers.shutdownAsync()
            try await writer.close()
        case .postgres(let pool): try await pool.shutdownAsync()
        }
    }

    private func acquired(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        acquireTimer.recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        inUseGauge.record(inUse.add(1, ordering: .relaxed).newValue)
    }

    private func released() {
        inUseGauge.record(inUse.subtract(1, ordering: .relaxed).newValue)
    }
}

/// The database could not be opened or did not answer.
public struct DatabaseOpenError: Error, CustomStringConvertible {
    public let location: DatabaseLocation
    public let underlying: any Error
    public var description: String { "cannot open database \(location): \(String(reflecting: underlying))" }
}
