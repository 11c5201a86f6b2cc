import SQLKit

extension Store {
    /// A value from the `settings` table (small facts the platform keeps about itself).
    public func setting(_ key: String) async throws -> String? {
        try await database.withConnection { db in try await setting(key, db) }
    }

    /// Sets a value in the `settings` table, in its own transaction.
    public func setSetting(_ key: String, _ value: String) async throws {
        try await database.transaction { db in try await setSetting(key, value, db) }
    }

    func setting(_ key: String, _ db: any SQLDatabase) async throws -> String? {
        try await db.select().column("value").from("settings").where("key", .equal, key).first()?
            .decode(column: "value", as: String.self)
    }

    func setSetting(_ key: String, _ value: String, _ db: any SQLDatabase) async throws {
        try await db.insert(into: "settings").columns("key", "value", "updated_at")
            .values(SQLBind(key), SQLBind(value), SQLBind(Timestamp.now()))
            .onConflict(with: ["key"]) { $0.set(excludedValueOf: "value").set(excludedValueOf: "updated_at") }
            .run()
    }
}
