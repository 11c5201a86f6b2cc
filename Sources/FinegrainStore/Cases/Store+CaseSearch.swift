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
            total = try await caseCounts.count(for: query) { [self] in
                try await database.withConnection { db in
                    try await filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("cases"), query, text: text)
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

    /// A search's text, as the full-text query, with how the page should use it.
    struct TextFilter {
        var query: String
        /// The cases it matches (from ``TextMatchCache``).
        var matches: TextMatchCache.Entry
        /// Walk the sort's order and keep the matching rows (see ``Store/textWalkFactor``), rather
        /// than fetch every match and sort them.
        var walk: Bool
    }

    /// The text of `query` with its matches. A common word's page walks the sort's order checking
    /// membership; a rare word's matches drive: walking wins when `matches² > factor × page rows ×
    /// cases` (the walk reads about `page rows × cases ÷ matches` rows, the drive `matches`).
    private func textFilter(_ query: CaseQuery) async throws -> TextFilter? {
        guard let text = query.text, let textQuery = Self.textQuery(text, database.dialect) else { return nil }
        let database = database
        let matches = try await textMatchSets.matches(for: textQuery) { after, timedLimit in
            try await Self.readTextMatches(textQuery, after: after, timedLimit: timedLimit, database)
        }
        let count = Double(matches.rowids.count)
        let pageRows = Double(query.page * query.perPage)
        let cases = Double(max(matches.high, 1))
        let walk: Bool = count * count > textWalkFactor * pageRows * cases
        return TextFilter(query: textQuery, matches: matches, walk: walk)
    }

    /// The memory, in megabytes, each statement reading a word's matches may use for its bitmap
    /// (see ``Database/withConnection(workMemory:_:)``): a word in every case of ten million needs
    /// about 40; one in fifteen, 16.
    static let textMatchWorkMemory = 64

    /// The highest `search_rowid` given out and the cases above `after` that `textQuery` matches
    /// (up to that highest, so that a row committed meanwhile is read next time): with their
    /// report times when there are no more than `timedLimit`, else their rowids alone (from the
    /// text index, without touching `cases`). The counter is raised in the transaction that
    /// writes the rows, so every rowid up to it is committed. The counter is read on its own
    /// (every search reads it); only a read of matches takes room for its bitmap.
    static func readTextMatches(
        _ textQuery: String, after: Int, timedLimit: Int, _ database: Database
    ) async throws -> (high: Int, found: TextMatchCache.Found) {
        let high = try await database.withConnection { db in
            try await db.raw("SELECT value FROM counters WHERE name = \(bind: searchRowidCounter)").first()?.decode(column: "value", as: Int.self) ?? 0
        }
        guard high > after else { return (high, .timed([])) }
        let found = try await database.withConnection(workMemory: textMatchWorkMemory) { db in
            try await readTextMatches(textQuery, after: after, upTo: high, timedLimit: timedLimit, database.dialect, db)
        }
        return (high, found)
    }

    /// The cases in `(after, high]` that `textQuery` matches (see above).
    private static func readTextMatches(
        _ textQuery: String, after: Int, upTo high: Int, timedLimit: Int, _ dialect: Database.Dialect, _ db: any SQLDatabase
    ) async throws -> TextMatchCache.Found {
        let key = dialect == .sqlite ? "rowid" : "search_rowid"
        let matching: SQLQueryString = "\(textMatches(textQuery, dialect)) AND \(unsafeRaw: key) > \(bind: after) AND \(unsafeRaw: key) <= \(bind: high)"
        var timed = timedLimit > 0
        if timed, after == 0 {
            // Counting in the index alone is cheap; reading every match's report time is not.
            let count: SQLQueryString = "SELECT count(*) AS n FROM (\(textMatches(textQuery, dialect))) AS matches"
            timed = try await db.raw(count).first()?.decode(column: "n", as: Int.self) ?? 0 <= timedLimit
        }
        guard timed else {
            return .untimed(try await db.raw(matching).all().map { try $0.decode(column: $0.allColumns[0], as: Int.self) })
        }
        let sql: SQLQueryString = "SELECT search_rowid, reported_at FROM cases WHERE search_rowid IN (\(matching))"
        let matches = try await db.raw(sql).all().map { row in
            TextMatchCache.Match(
                reportedAt: try Timestamp.date(try row.decode(column: "reported_at", as: String.self)).millisecondsSince1970,
                rowid: try row.decode(column: "search_rowid", as: Int.self))
        }
        return .timed(matches)
    }

    /// A page of a search by text alone in report time order, from the kept matches: the page's
    /// slice (widened to every case reported in the same millisecond as its first or last), then
    /// those rows read and ordered as the database orders a list (time, then id, both in the
    /// list's direction).
    private func reportTimePageIDs(_ query: CaseQuery, _ order: [TextMatchCache.Match], _ db: any SQLDatabase) async throws -> [String] {
        let start = (query.page - 1) * query.perPage
        guard start < order.count else { return [] }
        let end = min(start + query.perPage, order.count)
        func at(_ i: Int) -> TextMatchCache.Match { query.descending ? order[order.count - 1 - i] : order[i] }
        var low = start
        while low > 0, at(low - 1).reportedAt == at(start).reportedAt { low -= 1 }
        var high = end
        while high < order.count, at(high).reportedAt == at(end - 1).reportedAt { high += 1 }
        let rows = try await db.select().columns("id", "reported_at").from("cases")
            .where("search_rowid", .in, SQLBind.group((low..<high).map { at($0).rowid })).all()
            .map { (id: try $0.decode(column: "id", as: String.self), reported: try $0.decode(column: "reported_at", as: String.self)) }
            .sorted { a, b in a.reported != b.reported ? (a.reported > b.reported) == query.descending : (a.id > b.id) == query.descending }
        return rows.dropFirst(start - low).prefix(end - start).map(\.id)
    }

    /// Whether `query` filters by its text and nothing else (its total is then the number of
    /// matches, and in report time order its page a slice of them).
    static func filtersOnlyText(_ query: CaseQuery) -> Bool {
        var rest = query
        rest.text = nil
        return CaseCountCache.key(rest) == CaseCountCache.key(CaseQuery())
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

    /// A common word's page: the rows in the sort's order (other filters applied by the database),
    /// kept when their `search_rowid` is among `matches`, read in growing chunks. `nil` when the
    /// other filters make the word so rare that ``walkLimit`` rows did not fill the page (the
    /// database then matches through its index).
    private func walkedPageIDs(_ query: CaseQuery, matches: TextMatchCache.Entry, _ db: any SQLDatabase) async throws -> [String]? {
        let wanted = query.page * query.perPage
        var found: [String] = []
        var offset = 0
        // Enough rows for the page at the word's share of all cases, with a margin.
        let share = Double(max(matches.rowids.count, 1)) / Double(max(matches.high, 1))
        var chunk = min(Self.walkLimit, max(500, 4 * wanted, Int(1.5 * Double(wanted) / share)))
        while found.count < wanted {
            guard offset < Self.walkLimit else { return nil }
            let rows = try await listOrder(filtered(db.select().columns("id", "search_rowid").from("cases"), query, text: nil, forPage: true), query)
                .limit(chunk).offset(offset).all()
            for row in rows where matches.rowids.contains(try row.decode(column: "search_rowid", as: Int.self)) {
                found.append(try row.decode(column: "id", as: String.self))
            }
            if rows.count < chunk { break }
            offset += chunk
            chunk *= 2
        }
        return Array(found.dropFirst((query.page - 1) * query.perPage).prefix(query.perPage))
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
    private func filtered(
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

    /// The full-text query for `text` in `dialect`'s syntax; `nil` if `text` has no letter or
    /// digit to look for. Terms hold only letters and digits: quoting them needs no escapes.
    static func textQuery(_ text: String, _ dialect: Database.Dialect) -> String? {
        let parts = SearchTerms.query(text)
        guard !parts.isEmpty else { return nil }
        switch dialect {
        case .sqlite:
            return parts.map { part in
                switch part {
                case .phrase(let terms): "\"" + terms.joined(separator: " ") + "\""
                case .prefix(let term): "\"" + term + "\"*"
                }
            }.joined(separator: " AND ")
        case .postgres:
            return parts.map { part in
                switch part {
                case .phrase(let terms): "(" + terms.map { "'" + $0 + "'" }.joined(separator: " <-> ") + ")"
                case .prefix(let term): "'" + term + "':*"
                }
            }.joined(separator: " & ")
        }
    }

    /// The `search_rowid`s of the cases `textQuery` matches, as a subquery.
    static func textMatches(_ textQuery: String, _ dialect: Database.Dialect) -> SQLQueryString {
        switch dialect {
        case .sqlite: "SELECT rowid FROM case_search WHERE case_search MATCH \(bind: textQuery)"
        case .postgres: "SELECT search_rowid FROM case_search WHERE terms @@ to_tsquery('simple', \(bind: textQuery))"
        }
    }

    /// Writes the `case_search` rows of every case (the migration that keyed the index by
    /// `search_rowid`), a batch at a time, as text: on PostgreSQL migration 15 then turns the
    /// table into vectors.
    static func indexCaseText(_ db: any SQLDatabase, _ dialect: Database.Dialect, batch: Int = 5_000) async throws {
        var after = 0
        while true {
            let rows = try await db.select().columns("search_rowid", "description", "number").from("cases")
                .where("search_rowid", .greaterThan, after).orderBy("search_rowid").limit(batch).all()
            guard let last = rows.last else { return }
            after = try last.decode(column: "search_rowid", as: Int.self)
            var insert = db.insert(into: "case_search").columns(searchColumns(dialect))
            for row in rows {
                let terms = SearchTerms.document([try row.decode(column: "description", as: String.self), try row.decode(column: "number", as: String.self)])
                insert = insert.values(SQLBind(try row.decode(column: "search_rowid", as: Int.self)), SQLBind(terms))
            }
            try await insert.run()
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }

    static func likePrefix(_ text: String) -> String { escapeLike(text) + "%" }
}
