import FinegrainCore
import SQLKit
import SQLiteKit
import SQLiteNIO

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
struct NewCaseRows: Sendable {
    private var columns: [String] = []
    private var cases: [[any SQLExpression]] = []
    private var terms: [String] = []
    private var events: [[any SQLExpression]] = []

    /// How many cases, and how many events, were added.
    var count: Int { cases.count }
    var eventCount: Int { events.count }

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
        for statement in statements(dialect: dialect, firstSearchRowid: first) { try await db.execute(sql: statement) { _ in } }
    }

    /// The multi-row inserts of everything added, in the order they must run, with search rowids
    /// from `firstSearchRowid` on (one per case). Chunks stay under SQLite's bound-variable limit.
    func statements(dialect: Database.Dialect, firstSearchRowid first: Int) -> [SQLInsert] {
        chunks(dialect: dialect, firstSearchRowid: first).map(\.insert)
    }

    /// The inserts serialised for SQLite ahead of the transaction, whose search rowids are filled
    /// in once it has taken them from their counter (see ``SQLiteInsert``).
    ///
    /// The text is written here rather than by SQLKit's serializer — the same text (`"` around
    /// names, numbered `?` binds), at a third of the cost for a batch's few hundred values.
    func sqliteInserts() throws -> [SQLiteInsert] {
        let encoder = SQLiteDataEncoder()
        return try chunks(dialect: .sqlite, firstSearchRowid: 0).map { chunk in
            var sql = "INSERT INTO \"\(chunk.table)\" (" + chunk.columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
            var binds: [SQLiteData] = []
            var rowids: [Int] = []
            binds.reserveCapacity(chunk.columns.count * chunk.insert.values.count)
            for (row, values) in chunk.insert.values.enumerated() {
                if row > 0 { sql += ", " }
                sql += "("
                for (column, value) in values.enumerated() {
                    guard let bind = value as? SQLBind else { throw SQLiteInsertLayoutError(table: chunk.table) }
                    if column > 0 { sql += ", " }
                    if column == chunk.rowidColumn { rowids.append(binds.count) }
                    binds.append(try SQLiteStatement.data(bind.encodable, encoder))
                    sql += "?\(binds.count)"
                }
                sql += ")"
            }
            return SQLiteInsert(statement: SQLiteStatement(sql: sql, binds: binds), rowidBinds: rowids)
        }
    }

    private struct Chunk {
        var table: String
        var columns: [String]
        var insert: SQLInsert
        /// The column holding the search rowid, if the table has one.
        var rowidColumn: Int?
    }

    private func chunks(dialect: Database.Dialect, firstSearchRowid first: Int) -> [Chunk] {
        let caseRows = cases.enumerated().map { $0.element + [SQLBind(first + $0.offset)] }
        let searchRows: [[any SQLExpression]] = terms.enumerated().map { [SQLBind(first + $0.offset), Store.searchTermsValue($0.element, dialect)] }
        return Self.chunks(into: "cases", columns: columns, caseRows, chunk: 100, rowidColumn: columns.count - 1)
            + Self.chunks(into: "case_events", columns: Store.eventColumns, events, chunk: 300, rowidColumn: nil)
            + Self.chunks(into: "case_search", columns: Store.searchColumns(dialect), searchRows, chunk: 500, rowidColumn: 0)
    }

    private static func chunks(into table: String, columns: [String], _ rows: [[any SQLExpression]], chunk: Int, rowidColumn: Int?) -> [Chunk] {
        stride(from: 0, to: rows.count, by: chunk).map { start in
            var insert = SQLInsert(table: SQLIdentifier(table))
            insert.columns = columns.map { SQLIdentifier($0) }
            insert.values = Array(rows[start..<min(start + chunk, rows.count)])
            return Chunk(table: table, columns: columns, insert: insert, rowidColumn: rowidColumn)
        }
    }
}

/// New cases' rows made ahead of their transaction (``Store/prepareCases(_:dialect:)``), to be
/// written by ``Store/insertCases(_:)``.
public struct PreparedCases: Sendable {
    var rows: NewCaseRows
    /// On SQLite, the inserts already serialised (`nil`: written the ordinary way).
    var sqliteInserts: [SQLiteInsert]?

    /// How many cases and events the rows hold.
    public var cases: Int { rows.count }
    public var events: Int { rows.eventCount }

    /// Writes the rows in the open transaction `db`, with search rowids taken from their counter.
    func insert(_ db: any SQLDatabase, dialect: Database.Dialect) async throws {
        guard cases > 0 else { return }
        let first = try await Store.reserveSearchRowids(cases, db, dialect: dialect)
        guard let sqliteInserts else { return try await rows.insert(db, dialect: dialect, firstSearchRowid: first) }
        let sqlite = try SQLiteHandleDatabase.of(db)
        for insert in sqliteInserts { _ = try await sqlite.rows(insert.statement(firstSearchRowid: first)) }
    }
}

/// A multi-row insert of new cases serialised for SQLite before its transaction, with the binds
/// that hold search rowids marked: those are only known once the transaction has taken them from
/// their counter, and filling them in is cheaper than serialising the statement there.
struct SQLiteInsert: Sendable {
    var statement: SQLiteStatement
    /// The binds holding a search rowid; each holds its offset from the batch's first one.
    var rowidBinds: [Int]

    /// The statement with the batch's search rowids starting at `first`.
    func statement(firstSearchRowid first: Int) -> SQLiteStatement {
        var filled = statement
        for index in rowidBinds {
            if case .integer(let offset) = filled.binds[index] { filled.binds[index] = .integer(first + offset) }
        }
        return filled
    }
}

/// A value of a new case's row is not a plain bound value, so ``NewCaseRows`` cannot write its
/// insert ahead; the batch is written the ordinary way instead.
struct SQLiteInsertLayoutError: Error, CustomStringConvertible {
    let table: String
    var description: String { "a value of the insert into \(table) is not a bound value" }
}
