import FinegrainCore
import Synchronization
import SQLKit

/// 受理批次 (an intake batch) prepared outside the transaction: numbered from the day counters'
/// expected values, hashed, projected and turned into rows.
struct IntakePlan: Sendable {
    /// Per local date, the counter value the batch's numbers follow.
    var after: [String: Int]
    /// Per local date, how many numbers the batch takes (refused reports take none).
    var taken: [String: Int]
    /// One result per intake, in order.
    var results: [Result<Case, any Error>]
    var rows: NewCaseRows
    /// On SQLite, the rows' inserts serialised ahead of the transaction (``writeInOneStep``).
    var sqliteInserts: [SQLiteInsert]?
}

/// Writes batches of new cases for ``CommitGroup``: plans each batch while the previous one
/// commits, so that a batch's transaction only bumps the day's counter and inserts rows. On SQLite
/// the plan also holds the inserts already serialised, and the transaction runs as one job on the
/// writer's thread (``writeInOneStep(_:plan:_:)``): four statements and no suspension in between.
///
/// Why a guess is safe: the plan numbers a batch from what this writer expects each day's counter
/// to hold once the batches before it commit. Inside the transaction one statement adds the
/// batch's count to the counter and returns the new value (locking the row on PostgreSQL); if it
/// is not the expected one — another server process filed cases, or an earlier batch failed —
/// the batch is numbered again from the value the database returned, in the same transaction.
/// Numbers therefore stay gapless and unique whatever the guess was.
///
/// ```swift
/// let writer = CaseIntakeWriter(dialect: .sqlite)
/// let plan = writer.plan(intakes)                         // outside the transaction
/// try await database.transaction { db in try await writer.write(intakes, plan: plan, db) }
/// // or, on SQLite, when there is a plan (nil: it did not hold; nothing was written):
/// try await database.transactionInOneStep { session in try writer.writeInOneStep(intakes, plan: plan!, session) }
/// ```
final class CaseIntakeWriter: BatchWriter {
    let dialect: Database.Dialect
    /// Per local date, the counter value the next plan numbers after (known once a batch of that
    /// date has been written by this writer).
    private let expected = Mutex<[String: Int]>([:])

    init(dialect: Database.Dialect) {
        self.dialect = dialect
    }

    func plan(_ intakes: [CaseIntake]) -> IntakePlan? {
        let dates = Set(intakes.map(\.localDate))
        guard let after = expected.withLock({ expected in dates.allSatisfy { expected[$0] != nil } ? expected : nil }) else {
            return nil
        }
        var plan = Self.build(intakes, after: after)
        if dialect == .sqlite { plan.sqliteInserts = try? plan.rows.sqliteInserts() }
        expected.withLock { expected in
            for (date, count) in plan.taken { expected[date, default: 0] += count }
        }
        return plan
    }

    func writeInOneStep(_ intakes: [CaseIntake], plan: IntakePlan, _ session: SQLiteSession) throws -> [Result<Case, any Error>]? {
        guard let inserts = plan.sqliteInserts else { return nil }
        let (counts, rows) = Self.counts(plan)
        guard rows > 0 else { return plan.results }
        let values = try Self.values(session.rows(query: advance(counts)))
        guard Self.holds(plan, values), let last = values[Store.searchRowidCounter] else { return nil }
        for insert in inserts { try session.run(insert.statement(firstSearchRowid: last - rows + 1)) }
        return plan.results
    }

    func write(_ intakes: [CaseIntake], plan: IntakePlan?, _ db: any SQLDatabase) async throws -> [Result<Case, any Error>] {
        var before: [String: Int] = [:]  // each day's counter before this batch, as the database has it (no row: 0)
        var existing: Set<String> = []  // days whose counter row exists
        if let plan {
            let (counts, rows) = Self.counts(plan)
            let values = rows > 0 ? try Self.values(await db.raw(advance(counts)).all()) : [:]
            for (date, count) in plan.taken where count > 0 {
                guard let value = values[Self.counter(date)] else { continue }
                existing.insert(date)
                before[date] = value - count
            }
            if Self.holds(plan, values) {
                try await plan.rows.insert(db, dialect: dialect, firstSearchRowid: values[Store.searchRowidCounter].map { $0 - rows + 1 })
                return plan.results
            }
            // Hand back the search rowids taken above (the row is this transaction's until it
            // commits): the counter less its unused rowids is the number of cases (``CaseTotal``).
            if let given = values[Store.searchRowidCounter] {
                try await db.update("counters").set("value", to: SQLBind(given - rows)).where("name", .equal, Store.searchRowidCounter).run()
            }
        }
        // No plan, or its guess was wrong: number again from what the database holds.
        let dates = Set(intakes.map(\.localDate)).sorted()
        for date in dates where !existing.contains(date) {
            guard let value = try await read(date, db) else { continue }
            existing.insert(date)
            before[date] = value
        }
        let rebuilt = Self.build(intakes, after: before)
        for date in dates {
            let value = before[date, default: 0] + rebuilt.taken[date, default: 0]
            if existing.contains(date) {
                try await db.update("counters").set("value", to: SQLBind(value)).where("name", .equal, Self.counter(date)).run()
            } else if value > 0 {
                // A plain insert: if another process created the day's row meanwhile, this batch
                // fails and is retried, and reads that row (an upsert would overwrite its numbers).
                try await db.insert(into: "counters").columns("name", "value").values(SQLBind(Self.counter(date)), SQLBind(value)).run()
            }
        }
        try await rebuilt.rows.insert(db, dialect: dialect)
        expected.withLock { expected in
            for date in dates { expected[date] = before[date, default: 0] + rebuilt.taken[date, default: 0] }
        }
        return rebuilt.results
    }

    /// Numbers, hashes and projects `intakes` after the given counter values (absent: 0).
    static func build(_ intakes: [CaseIntake], after: [String: Int]) -> IntakePlan {
        var plan = IntakePlan(after: after, taken: [:], results: [], rows: NewCaseRows())
        for intake in intakes {
            let sequence = (after[intake.localDate] ?? 0) + (plan.taken[intake.localDate] ?? 0) + 1
            do {
                let (hashed, body) = Store.chained(try intake.makeEvent(intake.number(sequence)), previousHash: "", previousDeadlines: [])
                let created = try Case.applying(hashed, to: nil)
                try plan.rows.add(created, events: [(hashed, body)])
                plan.taken[intake.localDate, default: 0] += 1
                plan.results.append(.success(created))
            } catch {
                plan.results.append(.failure(error))
            }
        }
        return plan
    }

    /// What one statement adds to each counter for `plan`: every day's count, and as many search
    /// rowids as cases; and that number of cases.
    private static func counts(_ plan: IntakePlan) -> (counts: [String: Int], cases: Int) {
        var counts = Dictionary(uniqueKeysWithValues: plan.taken.filter { $0.value > 0 }.map { (counter($0.key), $0.value) })
        let cases = plan.taken.values.reduce(0, +)
        counts[Store.searchRowidCounter] = cases
        return (counts, cases)
    }

    /// Whether the plan holds: every day counter it numbered on moved on from the value it was
    /// numbered after (`values`: the counters after ``advance(_:)``).
    private static func holds(_ plan: IntakePlan, _ values: [String: Int]) -> Bool {
        plan.taken.allSatisfy { date, count in
            count == 0 || values[counter(date)].map { $0 - count } == plan.after[date]
        }
    }

    /// The counters' names and values in `rows`.
    private static func values(_ rows: [any SQLRow]) throws -> [String: Int] {
        var values: [String: Int] = [:]
        for row in rows { values[try row.decode(column: "name", as: String.self)] = try row.decode(column: "value", as: Int.self) }
        return values
    }

    /// One statement that adds each count to its counter (by name) and returns the new values; a
    /// counter without a row is missing from the answer.
    ///
    /// On PostgreSQL the rows are locked first, in name order — the order the numbering-again path
    /// takes them in (a day's counter, then the search rowids) — so that two server processes
    /// cannot each hold one row while waiting for the other's.
    private func advance(_ counts: [String: Int]) -> SQLQueryString {
        let names = counts.keys.sorted()
        let steps = names.map { "WHEN \(bind: $0) THEN CAST(\(bind: counts[$0] ?? 0) AS BIGINT)" as SQLQueryString }.joined(separator: " ")
        return switch dialect {
        case .sqlite:
            "UPDATE counters SET value = value + CASE name \(steps) END WHERE name IN (\(binds: names)) RETURNING name, value"
        case .postgres:
            """
            UPDATE counters SET value = counters.value + CASE counters.name \(steps) END
            FROM (SELECT name FROM counters WHERE name IN (\(binds: names)) ORDER BY name FOR UPDATE) AS locked
            WHERE counters.name = locked.name RETURNING counters.name, counters.value
            """
        }
    }

    /// The day's counter (locked on PostgreSQL until the transaction ends; SQLite's write lock
    /// already keeps other writers out).
    private func read(_ date: String, _ db: any SQLDatabase) async throws -> Int? {
        let lock = dialect == .postgres ? " FOR UPDATE" : ""
        return try await db.raw("SELECT value FROM counters WHERE name = \(bind: Self.counter(date))\(unsafeRaw: lock)").first()?
            .decode(column: "value", as: Int.self)
    }

    static func counter(_ localDate: String) -> String { "case_number:\(localDate)" }
}
