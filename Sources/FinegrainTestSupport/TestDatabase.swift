public import FinegrainStore
import Foundation
import Logging
import SQLKit

/// The databases the store and API tests run on: always a fresh SQLite file; also PostgreSQL when
/// `FINEGRAIN_TEST_POSTGRES_URL` is set (CI sets it). Each test gets an empty, migrated database of
/// its own — a temporary file, or a PostgreSQL schema created for it and dropped afterwards — so
/// tests can run in parallel.
///
/// ```swift
/// @Test(arguments: TestDatabase.all)
/// func roundTrip(_ kind: TestDatabase) async throws {
///     try await kind.withStore { store in … }
/// }
/// ```
public enum TestDatabase: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    /// SQLite, plus PostgreSQL when configured.
    public static var all: [TestDatabase] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["FINEGRAIN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public var description: String { rawValue }

    /// Runs `body` with a store on a new, migrated, empty database, and removes it afterwards.
    /// `migrations` are those applied (all by default; a test of a migration stops before it).
    public func withStore<T>(migrations: [Migration] = Schema.migrations, _ body: (Store) async throws -> T) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let database: Database
        var cleanup: () async -> Void = {}
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("finegrain-test-\(UUID().uuidString)")
            database = try await Database.open(.sqlite(path: directory.appendingPathComponent("test.sqlite").path), logger: logger)
            cleanup = { try? FileManager.default.removeItem(at: directory) }
        case .postgres:
            guard let url = Self.postgresURL else { throw TestDatabaseError.postgresNotConfigured }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            // Tests run in parallel: keep each one's connections few (one per event loop).
            var options = Database.Options()
            options.connectionsPerEventLoop = 1
            let admin = try await Database.open(.postgres(url: url), options: options, logger: logger)
            try await admin.withConnection { db in try await db.raw(SQLQueryString("CREATE SCHEMA \(unsafeRaw: schema)")).run() }
            try await admin.close()
            options.postgresSchema = schema
            database = try await Database.open(.postgres(url: url), options: options, logger: logger)
            cleanup = {
                var adminOptions = Database.Options()
                adminOptions.connectionsPerEventLoop = 1
                guard let admin = try? await Database.open(.postgres(url: url), options: adminOptions, logger: logger) else { return }
                try? await admin.withConnection { db in
                    try await db.raw(SQLQueryString("DROP SCHEMA \(unsafeRaw: schema) CASCADE")).run()
                }
                try? await admin.close()
            }
        }
        do {
            try await Migrator(database: database, migrations: migrations, logger: logger).migrate()
            let result = try await body(Store(database: database))
            try await database.close()
            await cleanup()
            return result
        } catch {
            try? await database.close()
            await cleanup()
            throw error
        }
    }
}

enum TestDatabaseError: Error {
    case postgresNotConfigured
}
