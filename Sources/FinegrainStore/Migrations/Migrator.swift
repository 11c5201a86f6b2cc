import FinegrainCore
import Foundation
public import Logging
import SQLKit

/// Applies the pending ``Migration``s, each in its own transaction, and says which ran.
///
/// Safe to run from several processes at once: on SQLite the write lock (`BEGIN IMMEDIATE`) and on
/// PostgreSQL an advisory transaction lock serialise them, and each re-checks what is applied
/// inside its transaction.
///
/// ```swift
/// let applied = try await Migrator(database: database, logger: logger).migrate()
/// ```
public struct Migrator: Sendable {
    public let database: Database
    public let migrations: [Migration]
    let logger: Logger

    public init(database: Database, migrations: [Migration] = Schema.migrations, logger: Logger) {
        self.database = database
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Applies what is pending; returns the versions applied now.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await database.withConnection { db in
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            ).run()
        }
        var applied: [Int] = []
        for migration in migrations {
            let ran = try await database.transaction { db in
                if database.dialect == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(7314159265)").run()
                }
                let done = try await db.select().column("version").from("schema_migrations")
                    .where("version", .equal, migration.version).first()
                guard done == nil else { return false }
                try await migration.apply(db, database.dialect)
                try await db.insert(into: "schema_migrations").columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Timestamp.now()))
                    .run()
                return true
            }
            if ran {
                database.schemaChanged()
                applied.append(migration.version)
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            }
        }
        return applied
    }

    /// The versions recorded as applied.
    public func appliedVersions() async throws -> [Int] {
        try await database.withConnection { db in
            try await db.select().column("version").from("schema_migrations").orderBy("version").all()
                .map { try $0.decode(column: "version", as: Int.self) }
        }
    }
}

/// Timestamps as stored: ISO 8601 UTC text with milliseconds, which sorts correctly as text on
/// both databases.
enum Timestamp {
    static func now() -> String { string(Date()) }
    static func string(_ date: Date) -> String { MillisecondTimestamp.string(date) }
    /// Reads the stored form without a formatter (history reads decode millions of these, and the
    /// general parser dominated their cost); other ISO 8601 forms through the general parser.
    static func date(_ text: String) throws -> Date {
        if let fast = MillisecondTimestamp.date(text) { return fast }
        return try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
