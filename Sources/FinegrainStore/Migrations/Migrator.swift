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
    static func string(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }
    static func date(_ text: String) throws -> Date {
        if let fast = fastDate(text) { return fast }
        return try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// The form the store writes, `2026-10-12T01:00:00.000Z`, read without a formatter: history
    /// reads decode millions of these, and the general parser dominated their cost.
    static func fastDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E, b[23] == 0x5A else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for i in from..<(from + count) {
                    let digit = Int(b[i]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2), let mi = number(14, 2),
                let s = number(17, 2), let ms = number(20, 3), (1...12).contains(m), (1...31).contains(d), h < 24, mi < 60, s < 61
            else { return nil }
            // Days from the civil date (H. Hinnant's algorithm), proleptic Gregorian.
            let yy = m <= 2 ? y - 1 : y
            let era = (yy >= 0 ? yy : yy - 399) / 400
            let yoe = yy - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            let days = era * 146_097 + doe - 719_468
            let seconds = Double(days * 86_400 + h * 3_600 + mi * 60 + s) + Double(ms) / 1_000
            return Date(timeIntervalSince1970: seconds)
        }
    }
}
