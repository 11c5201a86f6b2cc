import FinegrainCore
import FinegrainDemo
public import FinegrainStore
import Foundation
import HummingbirdBcrypt
public import Logging

/// Loads the Zibo demo city (``FinegrainDemo/DemoCity``) into a store — once: a marker in the
/// `settings` table records that it was loaded, so restarting `serve --demo` keeps whatever the
/// demo users changed.
///
/// ```swift
/// try await DemoCityLoader(store: store, logger: logger).loadIfNeeded()
/// ```
public struct DemoCityLoader: Sendable {
    static let marker = "demo_city_loaded_at"
    let store: Store
    let logger: Logger
    let bcryptCost: UInt8

    public init(store: Store, logger: Logger, bcryptCost: UInt8 = 12) {
        self.store = store
        self.logger = logger
        self.bcryptCost = bcryptCost
    }

    /// Loads the demo city unless it was loaded before; returns whether it loaded now.
    @discardableResult
    public func loadIfNeeded() async throws -> Bool {
        if let when = try await store.setting(Self.marker) {
            logger.info("demo city already loaded", metadata: ["at": "\(when)"])
            try await loadPeople()
            return false
        }
        try await load()
        return true
    }

    /// Creates the demo departments and one user per role and scope (``DemoPeople``), skipping
    /// any that exist. All share the documented demo password.
    public func loadPeople() async throws {
        for department in DemoPeople.departments where try await store.department(id: department.id) == nil {
            try await store.createDepartment(department, actor: .system)
        }
        var missing: [UserAccount] = []
        for user in DemoPeople.users where try await store.userCredentials(username: user.username) == nil { missing.append(user) }
        if try await store.responsibilityRules().isEmpty {
            for rule in DemoPeople.responsibilityRules { try await store.addResponsibilityRule(rule, actor: .system) }
        }
        guard !missing.isEmpty else { return }
        let hash = Bcrypt.hash(DemoPeople.password, cost: bcryptCost)
        for user in missing { try await store.createUser(user, passwordHash: hash, actor: .system) }
        logger.info("demo people loaded", metadata: ["users": "\(DemoPeople.users.count)", "departments": "\(DemoPeople.departments.count)"])
    }

    /// Builds the demo city and writes it (replacing regions with the same codes) in one transaction.
    public func load() async throws {
        let start = ContinuousClock.now
        let regions = try DemoCity.build()
        let built = ContinuousClock.now
        try await store.upsertRegions(regions, actor: .system)
        try await loadPeople()
        try await store.setSetting(Self.marker, Date().formatted(.iso8601))
        let counts = Dictionary(grouping: regions, by: \.level).mapValues(\.count)
        logger.info(
            "demo city loaded",
            metadata: [
                "regions": "\(regions.count)",
                "grids": "\(counts[.grid] ?? 0)",
                "communities": "\(counts[.community] ?? 0)",
                "subdistricts": "\(counts[.subdistrict] ?? 0)",
                "build": "\(built - start)",
                "write": "\(ContinuousClock.now - built)",
            ])
    }
}
