public import FinegrainCore
public import FinegrainStore
public import Foundation

/// Runs a region import against a store: reads and checks the file (``RegionImport``), fetches
/// the parents it refers to, validates the whole, and writes it in one transaction — or throws a
/// ``RegionImportFailure`` listing every problem, having written nothing.
///
/// The CLI (`finegrain import regions`) and, later, the administrators' API share it.
///
/// ```swift
/// let report = try await RegionImporter(store: store).run(data, options: .init(crs: .gcj02))
/// print(report.summary)   // "12 community, 1,530 grid"
/// ```
public struct RegionImporter: Sendable {
    /// What an import did (or, in a dry run, would do).
    public struct Report: Sendable {
        public var counts: [RegionLevel: Int]
        public var dryRun: Bool

        /// Counts by level, e.g. `3 subdistrict, 40 community`.
        public var summary: String {
            RegionLevel.allCases.compactMap { level in counts[level].map { "\($0) \(level.rawValue)" } }.joined(separator: ", ")
        }
    }

    let store: Store

    public init(store: Store) { self.store = store }

    /// Validates `data` and, unless `dryRun`, writes it.
    public func run(_ data: Data, options: RegionImport.Options, dryRun: Bool = false, actor: AuditActor) async throws -> Report {
        let parsed = RegionImport.parse(data, options: options)
        let existing = try await store.regions(codes: parsed.externalReferences)
        let regions = try RegionImport.validate(parsed, existing: existing, options: options).get()
        if !dryRun { try await store.upsertRegions(regions, actor: actor) }
        return Report(counts: Dictionary(grouping: regions, by: \.level).mapValues(\.count), dryRun: dryRun)
    }
}
