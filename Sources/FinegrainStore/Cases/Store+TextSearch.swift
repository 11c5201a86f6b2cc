import FinegrainCore
import Foundation
import SQLKit

/// Searching cases by their text: the words as a full-text query, each word's matches kept and
/// extended (``TextMatchCache``), and the pages a common word gives without the database's match.
/// ``Store/searchCases(_:)`` decides with these how a page is read.
extension Store {
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
    func textFilter(_ query: CaseQuery) async throws -> TextFilter? {
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
    /// (see ``Database/withConnection(workMemory:_:)``): at ten million, a word in one case of
    /// fifteen needed 16 (at 8 its bitmap went lossy); one in every case, read whole, more.
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
        let high = try await database.withConnection { db in try await searchRowidsGiven(db) }
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
        func rowids() async throws -> [Int] {
            try await db.raw(matching).all().map { try $0.decode(column: $0.allColumns[0], as: Int.self) }
        }
        guard timedLimit > 0 else { return .untimed(try await rowids()) }
        if after == 0 {
            // A first read takes the rowids alone and keeps them if there are too many to order
            // by report time: one pass over the word's matches. (It counted them first, and then
            // a common word's matches were read twice — on PostgreSQL each time from the table's
            // pages they lie on.)
            let found = try await rowids()
            if found.count > timedLimit { return .untimed(found) }
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
    func reportTimePageIDs(_ query: CaseQuery, _ order: [TextMatchCache.Match], _ db: any SQLDatabase) async throws -> [String] {
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

    /// A common word's page: the rows in the sort's order (other filters applied by the database),
    /// kept when their `search_rowid` is among `matches`, read in growing chunks. `nil` when the
    /// other filters make the word so rare that ``walkLimit`` rows did not fill the page (the
    /// database then matches through its index).
    func walkedPageIDs(_ query: CaseQuery, matches: TextMatchCache.Entry, _ db: any SQLDatabase) async throws -> [String]? {
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
}
