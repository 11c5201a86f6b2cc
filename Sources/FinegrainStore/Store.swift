import FinegrainCore

/// The store API: every read and write the platform makes, written once against SQLKit and run on
/// SQLite or PostgreSQL. Grouped by concept in extensions (`Store+Regions`, …); every method that
/// writes does so in one transaction.
///
/// ```swift
/// let store = Store(database: database)
/// try await store.upsertRegions(regions)
/// let page = try await store.regions(RegionQuery(parentCode: "370303"))
/// ```
public struct Store: Sendable {
    public let database: Database
    /// New cases, filed in groups: one commit for everyone who arrived while the last one flushed.
    let caseIntake: CommitGroup<CaseIntake, Case>
    /// How many cases match a list's filters, until the next case write.
    let caseCounts = CaseCountCache()
    /// Cases decoded lately, each at the version it was read at.
    let recentCases = CaseRecordCache()
    /// Above this many text matches, a SQLite page sorted by time walks the sort's index and
    /// checks each row against the matches (a page of a common word is found after a few hundred
    /// rows); below it, the matches drive and are sorted (a rare word is found at once).
    var textWalkThreshold = 2_000

    public init(database: Database) {
        self.database = database
        self.caseIntake = CommitGroup(database: database) { intakes, db in
            try await Self.writeIntakes(intakes, db, dialect: database.dialect)
        }
    }
}

/// One page of a listing, with what a client needs to ask for the next.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Total number of matches, across all pages.
    public var total: Int
    /// One-based page number.
    public var page: Int
    public var perPage: Int

    public init(items: [Item], total: Int, page: Int, perPage: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.perPage = perPage
    }

    /// The number of pages (at least 1).
    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
}

extension Page: Encodable where Item: Encodable {}
