public import FinegrainCore
import Crypto
import Foundation
import SQLKit

/// Another command changed the case first: nothing was written; `current` is the case now.
public struct CaseVersionConflict: Error, Sendable {
    public let current: Case
}

extension Store {
    /// Creates a case from its first event: the event (hashed) and the projection, in one transaction.
    @discardableResult
    public func createCase(_ first: CaseEvent) async throws -> Case {
        try await appendEvents([(first, 0)])[0]
    }

    /// Appends `event` if the case is still at `expectedVersion`; otherwise throws
    /// ``CaseVersionConflict`` with the current case and writes nothing.
    @discardableResult
    public func appendEvent(_ event: CaseEvent, expectedVersion: Int) async throws -> Case {
        try await appendEvents([(event, expectedVersion)])[0]
    }

    /// Appends events to one or more cases in one transaction (a merge touches two).
    public func appendEvents(_ items: [(event: CaseEvent, expectedVersion: Int)]) async throws -> [Case] {
        defer { caseCounts.invalidate() }
        return try await database.transaction { db in
            var results: [Case] = []
            for (event, expected) in items {
                var previous: Case?
                if expected > 0 || event.sequence > 1 {
                    let lock = database.dialect == .postgres ? " FOR UPDATE" : ""
                    guard let row = try await db.raw("SELECT body FROM cases WHERE id = \(bind: event.caseID)\(unsafeRaw: lock)").first() else {
                        throw StoreConflict(.notFound, "case \(event.caseID) does not exist", "案件 \(event.caseID) 不存在")
                    }
                    let current = try Self.decodeCase(try row.decode(column: "body", as: String.self))
                    guard current.version == expected else { throw CaseVersionConflict(current: current) }
                    previous = current
                }
                let (hashed, body) = Self.chained(event, previousHash: previous?.lastHash ?? "", previousDeadlines: previous?.deadlines ?? [])
                let projection = try Case.applying(hashed, to: previous)
                if previous == nil {
                    var rows = NewCaseRows()
                    try rows.add(projection, events: [(hashed, body)])
                    try await rows.insert(db, dialect: database.dialect)
                } else {
                    // The case row first: the event refers to it.
                    try await updateProjection(projection, db)
                    try await db.insert(into: "case_events").columns(Self.eventColumns).values(Self.eventValues(hashed, body: body)).run()
                }
                results.append(projection)
            }
            return results
        }
    }

    /// The columns of the `cases` row of a projection (without `id`).
    static func projectionValues(_ c: Case) throws -> [(String, any SQLExpression)] {
        let body = c.storedJSON
        let due = c.openDeadline.map { Timestamp.string($0.dueAt) }
        return [
            ("number", SQLBind(c.number)), ("source", SQLBind(c.source.rawValue)), ("class_kind", SQLBind(c.classKind.rawValue)),
            ("class_code", SQLBind(c.classCode)), ("urgency", SQLBind(c.urgency.rawValue)), ("description", SQLBind(c.description)),
            ("lon", SQLBind(c.location.lon)), ("lat", SQLBind(c.location.lat)), ("grid_code", SQLBind(c.gridCode)),
            ("community_code", SQLBind(c.communityCode)), ("subdistrict_code", SQLBind(c.subdistrictCode)),
            ("district_code", SQLBind(c.districtCode)), ("reporter_user_id", SQLBind(c.reporterUserID)), ("status", SQLBind(c.status.rawValue)),
            ("department_id", SQLBind(c.departmentID)), ("due_at", SQLBind(due)), ("reported_at", SQLBind(Timestamp.string(c.reportedAt))),
            ("filed_at", SQLBind(c.filedAt.map(Timestamp.string))), ("closed_at", SQLBind(c.closedAt.map(Timestamp.string))),
            ("updated_at", SQLBind(Timestamp.string(c.updatedAt))), ("rework_count", SQLBind(c.reworkCount)), ("version", SQLBind(c.version)),
            ("body", SQLBind(body)),
        ]
    }

    /// The columns of a `case_search` row: the FTS5 table's own rowid on SQLite.
    static func searchColumns(_ dialect: Database.Dialect) -> [String] {
        [dialect == .sqlite ? "rowid" : "search_rowid", "terms"]
    }

    /// The value written for a case's `terms`: the text itself into SQLite's FTS5 table, its
    /// vector (`to_tsvector('simple', …)`, migration 15) into PostgreSQL's.
    static func searchTermsValue(_ terms: String, _ dialect: Database.Dialect) -> any SQLExpression {
        switch dialect {
        case .sqlite: SQLBind(terms)
        case .postgres: SQLFunction("to_tsvector", args: SQLLiteral.string("simple"), SQLBind(terms))
        }
    }

    /// The terms a case is found by: its description and its number (both fixed at intake, so
    /// the row is written once).
    static func searchTerms(_ c: Case) -> String {
        SearchTerms.document([c.description, c.number])
    }

    /// The counter `search_rowid`s are taken from.
    static let searchRowidCounter = "case_search_rowid"

    /// The highest `search_rowid` given out: every rowid up to it is committed.
    static func searchRowidsGiven(_ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT value FROM counters WHERE name = \(bind: searchRowidCounter)").first()?.decode(column: "value", as: Int.self) ?? 0
    }

    /// Takes `count` consecutive `search_rowid`s from their counter in the open transaction `db`
    /// (one statement that adds and returns, which also locks the row on PostgreSQL); returns the first.
    static func reserveSearchRowids(_ count: Int, _ db: any SQLDatabase, dialect: Database.Dialect) async throws -> Int {
        if let last = try await db.raw("UPDATE counters SET value = value + \(bind: count) WHERE name = \(bind: searchRowidCounter) RETURNING value")
            .first()?.decode(column: "value", as: Int.self)
        {
            return last - count + 1
        }
        try await db.insert(into: "counters").columns("name", "value").values(SQLBind(searchRowidCounter), SQLBind(count)).run()
        return 1
    }

    static let eventColumns = ["case_id", "sequence", "type", "at", "actor_user_id", "actor_role", "body", "hash"]

    /// Hashes an event onto its chain (over its whole canonical form); returns the event with its
    /// hashes and the body to store (``StoredEventBody``: the deadlines as changes to `previousDeadlines`).
    static func chained(_ event: CaseEvent, previousHash: String, previousDeadlines: [StepDeadline]) -> (event: CaseEvent, body: String) {
        var hashed = event
        hashed.previousHash = previousHash
        hashed.hash = sha256(hashed.canonicalData())
        return (hashed, StoredEventBody(hashed, after: previousDeadlines).json)
    }

    /// An event's hash as stored: its 32 bytes. Every hash comes from ``chained(_:previousHash:previousDeadlines:)``,
    /// 64 hex digits; anything else is a programming error, not input.
    static func hashBytes(_ hash: String) -> Data {
        guard let bytes = Hex.decode(hash), bytes.count == 32 else { preconditionFailure("an event hash is 64 hex digits, not \(hash)") }
        return Data(bytes)
    }

    static func eventValues(_ e: CaseEvent, body: String) -> [any SQLExpression] {
        [
            SQLBind(e.caseID), SQLBind(e.sequence), SQLBind(e.type), SQLBind(Timestamp.string(e.at)), SQLBind(e.actor.userID),
            SQLBind(e.actor.role?.rawValue), SQLBind(body), SQLBind(hashBytes(e.hash)),
        ]
    }

    private func updateProjection(_ c: Case, _ db: any SQLDatabase) async throws {
        var update = db.update("cases")
        for (column, value) in try Self.projectionValues(c) { update = update.set(SQLColumn(column), to: value) }
        try await update.where("id", .equal, c.id).run()
    }

    /// Writes whole new histories at once (the bulk path of the activity generator): hashes each
    /// chain, projects each case, and inserts rows in multi-row statements, all in one transaction.
    public func bulkCreateCases(_ histories: [[CaseEvent]]) async throws {
        try await insertCases([try Self.prepareCases(histories, dialect: database.dialect)])
    }

    /// Turns whole new histories into rows without touching the database — hashing each chain,
    /// projecting each case, writing the JSON, and on SQLite serialising the inserts: the part of
    /// ``bulkCreateCases(_:)`` that can run on other cores while an earlier batch is written.
    ///
    /// ```swift
    /// let next = Task { try Store.prepareCases(histories, dialect: store.database.dialect) }
    /// try await store.insertCases([try await next.value])
    /// ```
    public static func prepareCases(_ histories: [[CaseEvent]], dialect: Database.Dialect) throws -> PreparedCases {
        var rows = NewCaseRows()
        for history in histories {
            var previous: Case?
            var chain: [(event: CaseEvent, body: String)] = []
            for event in history {
                let last = chain.last?.event
                let (hashed, body) = Self.chained(event, previousHash: last?.hash ?? "", previousDeadlines: last?.deadlines ?? [])
                previous = try Case.applying(hashed, to: previous)
                chain.append((hashed, body))
            }
            guard let c = previous else { continue }
            try rows.add(c, events: chain)
        }
        // If a value cannot be serialised ahead (not a plain bound value), the transaction writes
        // the statements the ordinary way.
        return PreparedCases(rows: rows, sqliteInserts: dialect == .sqlite ? try? rows.sqliteInserts() : nil)
    }

    /// Inserts prepared cases (``prepareCases(_:dialect:)``), all parts in one transaction.
    public func insertCases(_ parts: [PreparedCases]) async throws {
        guard parts.contains(where: { $0.cases > 0 }) else { return }
        defer { caseCounts.invalidate() }
        try await database.transaction { db in
            for part in parts { try await part.insert(db, dialect: database.dialect) }
            // Bulk histories reach into the past: cached evaluations of past periods are stale.
            try await bumpEvaluationRevision(db)
        }
    }

    /// Several cases in one query, in the order of `ids` (missing ones left out).
    public func caseRecords(ids: [String]) async throws -> [Case] {
        try await database.withConnection { db in try await records(ids: ids, db) }
    }

    /// The case with `id`, as projected.
    public func caseRecord(id: String) async throws -> Case? {
        try await database.withConnection { db in
            try await db.select().column("body").from("cases").where("id", .equal, id).first()
                .map { try Self.decodeCase(try $0.decode(column: "body", as: String.self)) }
        }
    }

    /// The case with a human case number.
    public func caseRecord(number: String) async throws -> Case? {
        try await database.withConnection { db in
            try await db.select().column("body").from("cases").where("number", .equal, number).first()
                .map { try Self.decodeCase(try $0.decode(column: "body", as: String.self)) }
        }
    }

    /// A case's history, in order.
    public func caseEvents(caseID: String) async throws -> [CaseEvent] {
        try await database.withConnection { db in
            try Self.events(
                try await db.select().columns(StoredEventRow.columns).from("case_events").where("case_id", .equal, caseID).orderBy("sequence").all()
                    .map(StoredEventRow.init))
        }
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).withUnsafeBytes { Hex.encode($0) }
    }

    /// How the store writes JSON bodies (cases, events, records, publications): sorted keys and
    /// ISO 8601 timestamps with milliseconds, as in the columns.
    static let caseEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.string(date))
        }
        return encoder
    }()

    static let caseDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        // Times are whole milliseconds since 1970 in case rows and event bodies written since
        // migration 12, `MillisecondTimestamp` text before (and in every other stored document).
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let milliseconds = try? container.decode(Int64.self) { return Date(millisecondsSince1970: milliseconds) }
            return try Timestamp.date(try container.decode(String.self))
        }
        return decoder
    }()

    static func decodeCase(_ text: String) throws -> Case { try caseDecoder.decode(Case.self, from: Data(text.utf8)) }
}
