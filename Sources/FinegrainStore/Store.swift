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
    let caseIntake: CommitGroup<CaseIntakeWriter>
    /// How many cases match a list's filters, until the next case write.
    let caseCounts = CaseCountCache()
    /// The number of cases, from the search rowid counter.
    let caseTotal = CaseTotal()
    /// Cases decoded lately, each at the version it was read at.
    let recentCases = CaseRecordCache()
    /// The cases each text search matches, extended as cases are added.
    var textMatchSets = TextMatchCache()
    /// When a page walks the sort's order and checks each row against the text matches instead of
    /// letting the matches drive: walking reads about `wanted × rows ÷ matches` rows, driving reads
    /// all `matches`, so it walks when `matches² > factor × wanted × rows` (1: the two costs
    /// measured alike at a million cases; 0 always walks, infinity never).
    var textWalkFactor = 1.0

    public init(database: Database) {
        self.database = database
        self.caseIntake = CommitGroup(database: database, writer: CaseIntakeWriter(dialect: database.dialect))
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
