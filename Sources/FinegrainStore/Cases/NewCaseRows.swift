import FinegrainCore
import SQLKit

/// The rows of new cases, gathered and then inserted in multi-row statements: the case rows,
/// their events, and their search terms — the one place that knows every table a new case
/// lands in (intake batches and the generator's bulk path both use it).
///
/// ```swift
/// var rows = NewCaseRows()
/// rows.add(projection, events: [(hashed, body)])
/// try await rows.insert(db)
/// ```
struct NewCaseRows {
    private var columns: [String] = []
    private var cases: [[any SQLExpression]] = []
    private var events: [[any SQLExpression]] = []
    private var search: [[any SQLExpression]] = []

    /// Adds a case (its projection after `events`) and its hashed events with their bodies.
    mutating func add(_ c: Case, events: [(event: CaseEvent, body: String)]) throws {
        let values = try Store.projectionValues(c)
        columns = ["id"] + values.map(\.0)
        cases.append([SQLBind(c.id)] + values.map(\.1))
        self.events.append(contentsOf: events.map { Store.eventValues($0.event, body: $0.body) })
        search.append(Store.searchValues(c))
    }

    /// Inserts everything added (the case rows first: events and terms refer to them).
    func insert(_ db: any SQLDatabase) async throws {
        try await Self.insertRows(into: "cases", columns: columns, cases, chunk: 100, db)
        try await Self.insertRows(into: "case_events", columns: Store.eventColumns, events, chunk: 300, db)
        try await Self.insertRows(into: "case_search", columns: Store.searchColumns, search, chunk: 500, db)
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
