import FinegrainCore
import FinegrainDemo
public import FinegrainStore
import Foundation
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

    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Loads the demo city unless it was loaded before; returns whether it loaded now.
    @discardableResult
    public func loadIfNeeded() async throws -> Bool {
        if let when = try await store.setting(Self.marker) {
            logger.info("demo city already loaded", metadata: ["at": "\(when)"])
            return false
        }
        try await load()
        return true
    }

    /// Builds the demo city and writes it (replacing regions with the same codes) in one transaction.
    public func load() async throws {
        let start = ContinuousClock.now
        let regions = try DemoCity.build()
        let built = ContinuousClock.now
        try await store.upsertRegions(regions)
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
