public import FinegrainCore
public import FinegrainStore
public import Logging
public import ServiceLifecycle

/// The server's in-memory spatial index of the region tree, kept in step with the database.
///
/// It holds an immutable ``RegionLocator`` and the region revision it was built from. When any
/// process writes regions (the API, or `finegrain import` against the same database), the
/// revision in the database moves; ``RegionIndexRefresher`` notices and a new locator replaces the
/// old one atomically, while requests keep answering from the old one until then.
///
/// ```swift
/// let index = RegionIndex(store: store, logger: logger)
/// try await index.refresh()
/// let chain = await index.locator.locate(point)
/// ```
public actor RegionIndex {
    public private(set) var locator: RegionLocator
    public private(set) var revision: Int = -1
    let store: Store
    let logger: Logger

    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
        self.locator = RegionLocator(regions: [])
    }

    /// Rebuilds the locator if the database's region revision moved (or `force`); returns whether it did.
    @discardableResult
    public func refresh(force: Bool = false) async throws -> Bool {
        let current = try await store.regionRevision()
        guard force || current != revision else { return false }
        let start = ContinuousClock.now
        let regions = try await store.allRegions()
        locator = RegionLocator(regions: regions)
        revision = current
        logger.info(
            "region index rebuilt",
            metadata: ["regions": "\(regions.count)", "revision": "\(current)", "elapsed": "\(ContinuousClock.now - start)"])
        return true
    }
}

/// Polls the region (and catalogue) revisions and refreshes the in-memory indexes; a
/// ServiceLifecycle service that stops on graceful shutdown.
public struct RegionIndexRefresher: Service {
    let index: RegionIndex
    let catalogue: CatalogueIndex?
    let policies: DeadlinePolicyLoader?
    let interval: Duration
    let logger: Logger

    public init(
        index: RegionIndex, catalogue: CatalogueIndex? = nil, policies: DeadlinePolicyLoader? = nil, interval: Duration = .seconds(5), logger: Logger
    ) {
        self.index = index
        self.catalogue = catalogue
        self.policies = policies
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var lastConfigRevision = -1
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                do {
                    try await index.refresh()
                    try await catalogue?.refresh()
                    let configRevision = try await index.store.configRevision()
                    if configRevision != lastConfigRevision {
                        try await policies?.load()
                        lastConfigRevision = configRevision
                    }
                } catch {
                    logger.warning("region index refresh failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
