import FinegrainCore
import SQLKit

/// The rows of new cases, gathered and then inserted in multi-row statements: the case rows,
/// their events, and their search terms — the one place that knows every table a new case
/// lands in (single reports, intake batches and the generator's bulk path all use it).
///
/// Each case gets a `search_rowid`, an integer taken from the `case_search_rowid` counter, that
/// keys its row of `case_search`: the full-text index then answers with integers that the
/// `cases` table finds through an index, instead of case ids it must read back one by one.
///
/// ```swift
/// var rows = NewCaseRows()
/// try rows.add(projection, events: [(hashed, body)])
/// try await rows.insert(db, dialect: .sqlite)
/// ```
struct NewCaseRows {
    private var columns: [String] = []
    private var cases: [[any SQLExpression]] = []
    private var terms: [String] = []
    private var events: [[any SQLExpression]] = []

    /// Adds a case (its projection after `events`) and its hashed events with their bodies.
    mutating func add(_ c: Case, events: [(event: CaseEvent, body: String)]) throws {
        let values = try Store.projectionValues(c)
        columns = ["id"] + values.map(\.0) + ["search_rowid"]
        cases.append([SQLBind(c.id)] + values.map(\.1))
        terms.append(Store.searchTerms(c))
        self.events.append(contentsOf: events.map { Store.eventValues($0.event, body: $0.body) })
    }

    /// Inserts everything added in the open transaction `db` (the case rows first: events and
    /// terms refer to them). `firstSearchRowid` is the first of as many rowids as cases, which the
    /// caller has already taken from their counter; without it they are taken here.
    func insert(_ db: any SQLDatabase, dialect: Database.Dialect, firstSearchRowid: Int? = nil) async throws {
        guard !cases.isEmpty else { return }
        let first = if let firstSearchRowid { firstSearchRowid } else { try await Store.reserveSearchRowids(cases.count, db, dialect: dialect) }
        let caseRows = cases.enumerated().map { $0.element + [SQLBind(first + $0.offset)] }
        let searchRows: [[any SQLExpression]] = terms.enumerated().map { [SQLBind(first + $0.offset), SQLBind($0.element)] }
        try await Self.insertRows(into: "cases", columns: columns, caseRows, chunk: 100, db)
        try await Self.insertRows(into: "case_events", columns: Store.eventColumns, events, chunk: 300, db)
        try await Self.insertRows(into: "case_search", columns: Store.searchColumns(dialect), searchRows, chunk: 500, db)
    }

    /// Inserts `rows` in multi-row statements of `chunk` rows (kept under SQLite's bound-variable limit).
    static func insertRows(into table: String, columns: [String], _ rows: [[any SQLExpression]], chunk: Int, _ db: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: chunk) {
            var insert = db.insert(into: table).columns(columns)
            for row in rows[start..<min(start + chunk, rows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
    }
}
