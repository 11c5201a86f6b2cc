public import FinegrainCore
public import Foundation
import SQLKit

/// What to search cases for. Region filters combine with OR (a caller's several scopes); every
/// other filter narrows.
public struct CaseQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        case reportedAt = "reported_at"
        case dueAt = "due_at"
        case updatedAt = "updated_at"
        case number
    }

    public var statuses: Set<CaseStatus>
    public var classKind: ClassKind?
    /// Class codes starting with this.
    public var classCodePrefix: String?
    /// Region codes: 6 characters match the district, 9 the subdistrict, 12 the community, 15
    /// the grid. A zone must be expanded to its subdistricts by the caller.
    public var regionCodes: [String]?
    public var sources: Set<CaseSource>
    public var departmentID: String?
    public var reporterUserID: String?
    /// Open cases whose most pressing deadline is before this time.
    public var overdueAt: Date?
    public var reportedFrom: Date?
    public var reportedTo: Date?
    /// Part of the description or the case number.
    public var text: String?
    /// Cases whose point lies in this box.
    public var boundingBox: BoundingBox?
    /// Exactly these class codes (with ``classKind``), e.g. Open311 `service_code=a,b`.
    public var classCodes: Set<String> = []
    /// Exactly these case numbers or ids.
    public var identifiers: Set<String> = []
    public var updatedFrom: Date?
    public var updatedTo: Date?
    public var sort: Sort
    public var descending: Bool
    public var page: Int
    public var perPage: Int

    public init(
        statuses: Set<CaseStatus> = [], classKind: ClassKind? = nil, classCodePrefix: String? = nil, regionCodes: [String]? = nil,
        sources: Set<CaseSource> = [], departmentID: String? = nil, reporterUserID: String? = nil, overdueAt: Date? = nil,
        reportedFrom: Date? = nil, reportedTo: Date? = nil, text: String? = nil, sort: Sort = .reportedAt, descending: Bool = true,
        page: Int = 1, perPage: Int = 50
    ) {
        self.statuses = statuses
        self.classKind = classKind
        self.classCodePrefix = classCodePrefix
        self.regionCodes = regionCodes
        self.sources = sources
        self.departmentID = departmentID
        self.reporterUserID = reporterUserID
        self.overdueAt = overdueAt
        self.reportedFrom = reportedFrom
        self.reportedTo = reportedTo
        self.text = text
        self.sort = sort
        self.descending = descending
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), 500)
    }
}

extension Store {
    /// A page of cases matching `query`, with the number of all matches. The count takes its own
    /// connection (it may be computed for several callers, or in the background).
    public func searchCases(_ query: CaseQuery) async throws -> Page<Case> {
        let text = try await textFilter(query)
        let total: Int
        if let matches = text?.matches, Self.filtersOnlyText(query) {
            total = matches.rowids.count  // every case has one row in the text index
        } else {
            let unfiltered = text == nil && Self.filtersOnlyText(query)
            total = try await caseCounts.count(for: query) { [self] in
                try await database.withConnection { db in
                    if unfiltered { return try await caseTotal.count(db) }
                    return try await filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("cases"), query, text: text)
                        .first()?.decode(column: "n", as: Int.self) ?? 0
                }
            }
        }
        let items = try await database.withConnection { db in try await records(try await pageIDs(query, text, db), db) }
        return Page(items: items, total: total, page: query.page, perPage: query.perPage)
    }

    /// The cases of `query`'s page without counting every match — for a caller that needs no
    /// total, such as the duplicate check on each case page.
    public func findCases(_ query: CaseQuery) async throws -> [Case] {
        let text = try await textFilter(query)
        return try await database.withConnection { db in try await records(try await pageIDs(query, text, db), db) }
    }

    /// The most matches bound into a query as values (both databases take far more parameters);
    /// a larger set is matched by the database's own index.
    static let boundMatchLimit = 20_000

    /// The rows with `ids`, in that order (missing ones left out). Each row's `version` is read
    /// first; a case the ``CaseRecordCache`` holds at that version is not read or decoded again.
    func records(ids: [String], _ db: any SQLDatabase) async throws -> [Case] {
        try await records(PageIDs(ids: ids), db)
    }

    /// The cases of `page`, in its order; the versions it carries are not read again.
    private func records(_ page: PageIDs, _ db: any SQLDatabase) async throws -> [Case] {
        let ids = page.ids
        guard !ids.isEmpty else { return [] }
        var byID: [String: Case] = [:]
        var missing: [String] = []
        var versions = page.versions ?? [:]
        if page.versions == nil {
            for row in try await db.select().columns("id", "version").from("cases").where("id", .in, SQLBind.group(ids)).all() {
                versions[try row.decode(column: "id", as: String.self)] = try row.decode(column: "version", as: Int.self)
            }
        }
        for id in ids {
            guard let version = versions[id] else { continue }
            if let hit = recentCases.case(id: id, version: version) {
                byID[id] = hit
            } else {
                missing.append(id)
            }
        }
        if !missing.isEmpty {
            for row in try await db.select().column("body").from("cases").where("id", .in, SQLBind.group(missing)).all() {
                let c = try Self.decodeCase(try row.decode(column: "body", as: String.self))
                recentCases.insert(c)
                byID[c.id] = c
            }
        }
        return ids.compactMap { byID[$0] }
    }

    /// The ids of a page, in order, with their versions when the statement that found them read
    /// those too.
    struct PageIDs {
        var ids: [String]
        var versions: [String: Int]?
    }

    /// The ids of `query`'s page, read through an index before any body (the sort carries only keys).
    /// Ties in the sort are broken by id in the same direction, so that the `(time, id)` indexes
    /// give a page in one scan, without reading a row (migration 11). A first page read in the
    /// sort's order takes each row's version with it: its twenty rows are read for their version
    /// anyway, and a statement fewer is a round trip fewer on PostgreSQL. A deeper page does not:
    /// the rows it skips would be read too.
    private func pageIDs(_ query: CaseQuery, _ text: TextFilter?, _ db: any SQLDatabase) async throws -> PageIDs {
        let statuses = Self.statuses(query)
        let wanted = query.page * query.perPage
        if let matches = text?.matches {
            if query.sort == .reportedAt, Self.filtersOnlyText(query), let order = matches.byReportTime {
                return PageIDs(ids: try await reportTimePageIDs(query, order, db))
            }
            if text?.walk == true, let ids = try await walkedPageIDs(query, matches: matches, db) { return PageIDs(ids: ids) }
        }
        // A rare word must drive the page itself: walking each status's index would read them all.
        if statuses.count > 1, query.sort == .dueAt || query.sort == .reportedAt, wanted <= Self.mergedPageLimit, query.identifiers.isEmpty,
            text?.walk ?? true
        {
            return PageIDs(ids: try await mergedPageIDs(query, statuses: statuses, wanted: wanted, text, db))
        }
        let first = query.page == 1
        let rows = try await listOrder(filtered(db.select().columns(first ? ["id", "version"] : ["id"]).from("cases"), query, text: text, forPage: true), query)
            .limit(query.perPage).offset((query.page - 1) * query.perPage).all()
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        guard first else { return PageIDs(ids: ids) }
        var versions: [String: Int] = [:]
        for (id, row) in zip(ids, rows) { versions[id] = try row.decode(column: "version", as: Int.self) }
        return PageIDs(ids: ids, versions: versions)
    }

    /// The statuses of cases still in the loop (not closed, voided or merged).
    static let openStatuses = Set(CaseStatus.allCases.filter { !$0.isFinal })

    /// The statuses `query` asks for, empty for any: "overdue" means open, so with it only the
    /// open ones among those asked for (all open ones when none are).
    static func statuses(_ query: CaseQuery) -> Set<CaseStatus> {
        guard query.overdueAt != nil else { return query.statuses }
        return query.statuses.isEmpty ? openStatuses : query.statuses.intersection(openStatuses)
    }

    /// A list's order: the sort, then the id in the same direction (the list indexes end with it).
    func listOrder(_ builder: SQLSelectBuilder, _ query: CaseQuery) -> SQLSelectBuilder {
        let direction: SQLDirection = query.descending ? .descending : .ascending
        return builder.orderBy(query.sort.rawValue, direction).orderBy("id", direction)
    }

    /// The most rows a common word's page walks before handing the page to the database.
    static let walkLimit = 50_000

    /// How deep into a list the per-status merge goes; deeper pages let the database sort.
    static let mergedPageLimit = 1_000

    /// Several statuses sorted by time: each status walks its own `(status, time)` index for just
    /// the rows the page needs, and the runs are merged here — instead of sorting every matching
    /// row (19,000 open cases at a million) for twenty. The walks go to the database as one
    /// statement (on SQLite a `UNION ALL` of one limited select per status, on PostgreSQL one
    /// select joined laterally to the statuses): a statement per status cost a round trip each,
    /// and the nine open statuses' round trips were most of an "overdue" page.
    private func mergedPageIDs(
        _ query: CaseQuery, statuses: Set<CaseStatus>, wanted: Int, _ text: TextFilter?, _ db: any SQLDatabase
    ) async throws -> [String] {
        var runs: [(key: String?, id: String)] = []
        for row in try await walkedRuns(query, statuses: statuses, wanted: wanted, text, db) {
            runs.append((try row.decode(column: query.sort.rawValue, as: String?.self), try row.decode(column: "id", as: String.self)))
        }
        let nullsFirst = database.dialect == .sqlite  // where each database puts NULL in an ascending sort
        runs.sort { a, b in
            if a.key != b.key {
                guard let x = a.key else { return nullsFirst != query.descending }
                guard let y = b.key else { return nullsFirst == query.descending }
                return query.descending ? x > y : x < y
            }
            return query.descending ? a.id > b.id : a.id < b.id
        }
        return runs.dropFirst((query.page - 1) * query.perPage).prefix(query.perPage).map(\.id)
    }

    /// The first `wanted` rows (sort key and id) of each status, in one statement.
    private func walkedRuns(
        _ query: CaseQuery, statuses: Set<CaseStatus>, wanted: Int, _ text: TextFilter?, _ db: any SQLDatabase
    ) async throws -> [any SQLRow] {
        let columns = db.select().columns(query.sort.rawValue, "id")
        if database.dialect == .sqlite {
            // SQLite's planner has no statistics to prefer this index over a region's; name it.
            let index = query.sort == .dueAt ? "cases_status" : "cases_status_reported"
            // The arms differ only in their status: one arm is serialised (SQLKit's serialiser
            // was a fifth of an "overdue" page's CPU for nine) and its text repeated with each
            // status written in. The arms share their binds: SQLite's `?NNN` may recur.
            let walk = listOrder(
                filtered(columns.from(SQLRaw("cases INDEXED BY \(index)")), query, text: text, forPage: true, status: SQLRaw(Self.statusMarker)),
                query
            ).limit(wanted)
            let arm = try SQLiteStatement(SQLQueryString("SELECT * FROM (\(walk.select)) AS walk"))
            let pieces = arm.sql.components(separatedBy: Self.statusMarker)
            let sql = statuses.map(\.rawValue).sorted().map { pieces.joined(separator: "'\($0)'") }.joined(separator: " UNION ALL ")
            return try await SQLiteHandleDatabase.of(db).rows(SQLiteStatement(sql: sql, binds: arm.binds))
        }
        // PostgreSQL: one walk joined laterally to the list of statuses. It is planned once,
        // where a `UNION ALL` of an arm per status had it weigh every index of `cases` for each
        // arm (planning was most of its work for an "overdue" page), and its text stays the same
        // whichever statuses are asked for, so one prepared statement serves them all.
        let walk = listOrder(filtered(columns.from("cases"), query, text: text, forPage: true, status: SQLRaw("asked.status")), query)
            .limit(wanted)
        let asked = statuses.map(\.rawValue).sorted()
        return try await db.raw("SELECT walk.* FROM unnest(\(bind: asked)::text[]) AS asked (status) CROSS JOIN LATERAL (\(walk.select)) AS walk")
            .all()
    }

    /// Where a status is written into an SQLite walk's text (a status is a fixed ASCII word that
    /// needs no quoting); SQLKit never writes this character.
    private static let statusMarker = "\u{1}status\u{1}"

    /// `query`'s filters on `builder`. `forPage`: the rows of a page sorted by another time than
    /// the deadline; the database then must not choose the `(status, due_at)` index for "overdue"
    /// (`+due_at` hides it) but walk the sort's own index and stop after a page.
    /// `status`: the one status rows must have, as an expression (a lateral walk's outer status),
    /// instead of `query`'s.
    func filtered(
        _ builder: SQLSelectBuilder, _ query: CaseQuery, text: TextFilter?, forPage: Bool = false, status: (any SQLExpression)? = nil
    ) -> SQLSelectBuilder {
        var b = builder
        let statuses = Self.statuses(query)
        if let status {
            b = b.where(SQLColumn("status"), .equal, status)
        } else if query.overdueAt != nil && statuses.isEmpty {
            b = b.where(SQLRaw("1 = 0"))
        } else if !statuses.isEmpty {
            b = b.where("status", .in, statuses.map(\.rawValue).sorted())
        }
        if let kind = query.classKind { b = b.where("class_kind", .equal, kind.rawValue) }
        if let prefix = query.classCodePrefix, !prefix.isEmpty { b = b.where("class_code", .like, Self.likePrefix(prefix)) }
        if !query.sources.isEmpty { b = b.where("source", .in, query.sources.map(\.rawValue).sorted()) }
        if let department = query.departmentID { b = b.where("department_id", .equal, department) }
        if let reporter = query.reporterUserID { b = b.where("reporter_user_id", .equal, reporter) }
        if let from = query.reportedFrom { b = b.where("reported_at", .greaterThanOrEqual, Timestamp.string(from)) }
        if let to = query.reportedTo { b = b.where("reported_at", .lessThan, Timestamp.string(to)) }
        if let overdue = query.overdueAt {
            // Hidden from the planners (`+due_at`, `(due_at || '')`): with it in an index condition,
            // PostgreSQL estimated 8 overdue suspended cases, fetched all 19,124 and sorted them.
            let hidden: any SQLExpression = database.dialect == .sqlite ? SQLRaw("+due_at") : SQLRaw("(due_at || '')")
            b = b.where(forPage && query.sort != .dueAt ? hidden : SQLColumn("due_at"), .lessThan, SQLBind(Timestamp.string(overdue)))
        }
        if !query.classCodes.isEmpty { b = b.where("class_code", .in, query.classCodes.sorted()) }
        if !query.identifiers.isEmpty {
            let ids = query.identifiers.sorted()
            b = b.where { $0.where("number", .in, ids).orWhere("id", .in, ids) }
        }
        if let from = query.updatedFrom { b = b.where("updated_at", .greaterThanOrEqual, Timestamp.string(from)) }
        if let to = query.updatedTo { b = b.where("updated_at", .lessThan, Timestamp.string(to)) }
        if let box = query.boundingBox {
            b = b.where("lon", .greaterThanOrEqual, box.minLon).where("lon", .lessThanOrEqual, box.maxLon)
                .where("lat", .greaterThanOrEqual, box.minLat).where("lat", .lessThanOrEqual, box.maxLat)
        }
        if let text {
            let matches = text.matches.rowids
            if matches.count <= Self.boundMatchLimit, !(text.walk && forPage) {
                b = matches.isEmpty ? b.where(SQLRaw("1 = 0")) : b.where("search_rowid", .in, SQLBind.group(matches.sorted()))
            } else {
                // `+search_rowid` keeps SQLite from driving the page by the matches (see TextFilter.walk).
                let column: any SQLExpression = text.walk && forPage && database.dialect == .sqlite ? SQLRaw("+search_rowid") : SQLColumn("search_rowid")
                b = b.where(column, .in, SQLGroupExpression(Self.textMatches(text.query, database.dialect)))
            }
        }
        if let regions = query.regionCodes { b = Self.whereInRegions(b, regions) }
        return b
    }

    /// Restricts to rows in any of `regions`, by the length of each code: 6 characters match the
    /// `district_code` column, 9 `subdistrict_code`, 12 `community_code`, others `grid_code`.
    /// An empty list matches nothing.
    static func whereInRegions(_ builder: SQLSelectBuilder, _ regions: [String]) -> SQLSelectBuilder {
        guard !regions.isEmpty else { return builder.where(SQLRaw("1 = 0")) }
        // Only the terms themselves: a constant `1 = 0 OR …` in front kept SQLite from using a
        // region's index (an overdue count in 张店区 at ten million read 192,577 rows: 0.6–3.4 s).
        let terms = Dictionary(grouping: regions, by: \.count).sorted { $0.key < $1.key }.map { length, codes in
            let column = switch length {
            case 6: "district_code"
            case 9: "subdistrict_code"
            case 12: "community_code"
            default: "grid_code"
            }
            return (SQLColumn(column), SQLGroupExpression(codes.sorted().map { SQLBind($0) }))
        }
        guard terms.count > 1 else { return builder.where(terms[0].0, .in, terms[0].1) }
        return builder.where { group in
            terms.reduce(group) { $0.orWhere($1.0, .in, $1.1) }
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }

    static func likePrefix(_ text: String) -> String { escapeLike(text) + "%" }
}
