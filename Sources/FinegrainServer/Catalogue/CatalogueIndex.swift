public import FinegrainCore
public import FinegrainStore
import FinegrainDemo
public import Logging

/// The class catalogue in memory (a few hundred classes), loaded at start and refreshed after an
/// import. On first start with an empty catalogue it loads the bundled national directory.
public actor CatalogueIndex {
    public private(set) var catalogue = Catalogue()
    private var revision = -1
    let store: Store
    let logger: Logger

    public init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Loads the bundled GB/T 47678.5-2026 directory (and legacy classes) if the store has none,
    /// then reads the catalogue.
    public func loadReferenceDataIfEmpty() async throws {
        if try await store.catalogueCount() == 0 {
            try await store.upsertCatalogue(
                try ReferenceData.standardCatalogue(), mappings: try ReferenceData.legacyMappings(), actor: .system)
            logger.info("loaded the national class directory")
        }
        try await refresh()
    }

    /// Re-reads the catalogue if another process (or request) changed it.
    public func refresh() async throws {
        let current = try await store.catalogueRevision()
        guard current != revision else { return }
        catalogue = Catalogue(try await store.catalogueClasses())
        revision = current
    }
}
