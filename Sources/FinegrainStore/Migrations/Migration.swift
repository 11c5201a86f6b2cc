public import SQLKit

/// One versioned step of the schema. Migrations are applied in ``version`` order, each in its own
/// transaction, and recorded in `schema_migrations`; a version is never edited once released —
/// a change is a new migration.
///
/// ```swift
/// Migration(version: 2, name: "cases") { db, dialect in
///     try await db.raw("CREATE TABLE cases (…)").run()
/// }
/// ```
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let apply: @Sendable (any SQLDatabase, Database.Dialect) async throws -> Void

    public init(version: Int, name: String, apply: @escaping @Sendable (any SQLDatabase, Database.Dialect) async throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }

    /// A migration made of plain SQL statements that both dialects accept.
    public init(version: Int, name: String, statements: [String]) {
        self.init(version: version, name: name) { db, _ in
            for statement in statements { try await db.raw(SQLQueryString(statement)).run() }
        }
    }
}
