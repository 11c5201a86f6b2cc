public import FinegrainCore
public import Foundation
import SQLKit

/// 立案编号与受理 (numbering and filing): one new case waiting for its number and its commit.
///
/// The report becomes its first event only once the number is known, inside the transaction that
/// allocates it, so numbers have neither gaps nor duplicates: a report the workflow refuses takes
/// no number.
///
/// ```swift
/// let created = try await store.fileCase(CaseIntake(prefix: "ZB", localDate: "2026-11-30") { number in
///     var report = template
///     report.number = number                    // ZB20261130000042
///     return try workflow.report(report, by: actor, at: now)
/// })
/// ```
public struct CaseIntake: Sendable {
    /// The city's prefix, e.g. `ZB`.
    public var prefix: String
    /// The local working day the number counts in, `YYYY-MM-DD`.
    public var localDate: String
    /// Builds the first event once the number is known; a throw refuses this case alone.
    public var makeEvent: @Sendable (_ number: String) throws -> CaseEvent

    public init(prefix: String, localDate: String, makeEvent: @escaping @Sendable (_ number: String) throws -> CaseEvent) {
        self.prefix = prefix
        self.localDate = localDate
        self.makeEvent = makeEvent
    }
}

extension Store {
    /// Files a new case: numbers it (prefix + local date + 6-digit daily sequence, e.g.
    /// `ZB20261130000042`), hashes its first event and projects it, and returns once it is
    /// committed — together with whatever other cases arrived meanwhile (see ``CommitGroup``).
    public func fileCase(_ intake: CaseIntake) async throws -> Case {
        let created = try await caseIntake.submit(intake)
        caseCounts.invalidate()
        return created
    }

    /// Writes a batch of intakes in the open transaction `db`: one counter read and write per day,
    /// multi-row inserts for the cases, their events and their search terms.
    /// On PostgreSQL the counter row is locked (`FOR UPDATE`) so that a second server process
    /// waits for this batch instead of numbering from the same value; SQLite's write lock does that.
    static func writeIntakes(_ intakes: [CaseIntake], _ db: any SQLDatabase, dialect: Database.Dialect) async throws -> [Result<Case, any Error>] {
        var last: [String: Int] = [:]
        var stored: Set<String> = []
        let lock = dialect == .postgres ? " FOR UPDATE" : ""
        for date in Set(intakes.map(\.localDate)) {
            if let value = try await db.raw("SELECT value FROM counters WHERE name = \(bind: counterName(date))\(unsafeRaw: lock)").first()?
                .decode(column: "value", as: Int.self)
            {
                last[date] = value
                stored.insert(date)
            } else {
                last[date] = 0
            }
        }
        var results: [Result<Case, any Error>] = []
        var rows = NewCaseRows()
        for intake in intakes {
            let sequence = (last[intake.localDate] ?? 0) + 1
            let number = intake.prefix + intake.localDate.replacingOccurrences(of: "-", with: "") + String(format: "%06d", sequence)
            do {
                let (hashed, body) = chained(try intake.makeEvent(number), previousHash: "", previousDeadlines: [])
                let created = try Case.applying(hashed, to: nil)
                try rows.add(created, events: [(hashed, body)])
                last[intake.localDate] = sequence
                results.append(.success(created))
            } catch {
                results.append(.failure(error))
            }
        }
        for (date, value) in last where value > 0 {
            if stored.contains(date) {
                try await db.update("counters").set("value", to: SQLBind(value)).where("name", .equal, counterName(date)).run()
            } else {
                try await db.insert(into: "counters").columns("name", "value").values(SQLBind(counterName(date)), SQLBind(value)).run()
            }
        }
        try await rows.insert(db, dialect: dialect)
        return results
    }

    private static func counterName(_ localDate: String) -> String { "case_number:\(localDate)" }
}
