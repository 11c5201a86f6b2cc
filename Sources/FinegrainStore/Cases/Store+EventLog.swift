import FinegrainCore
import Foundation
import SQLKit

/// A case whose stored history does not check out.
public struct EventLogProblem: Sendable, Hashable, CustomStringConvertible {
    public var caseID: String
    public var sequence: Int?
    public var reason: String
    public var description: String { "case \(caseID)\(sequence.map { " event \($0)" } ?? ""): \(reason)" }
}

extension Store {
    /// Recomputes every case's hash chain and replays it against the stored projection; returns
    /// each case whose history was altered (an edited, removed or reordered event, or a case row
    /// that no longer matches its events), in case id order. Streams the log in batches and reads
    /// the case rows of each batch in one query.
    public func verifyEventLog(progress: ((Int) -> Void)? = nil) async throws -> [EventLogProblem] {
        var problems: [EventLogProblem] = []
        var checked = 0
        var after: (caseID: String, sequence: Int)?
        var currentCase: String?
        var events: [CaseEvent] = []
        var broken = false
        /// Whole, unbroken histories waiting for their case rows.
        var histories: [(caseID: String, events: [CaseEvent])] = []

        func finish(_ caseID: String) {
            if !broken { histories.append((caseID, events)) }
            events.removeAll(keepingCapacity: true)
            broken = false
            checked += 1
            progress?(checked)
        }

        func compareWithRows() async throws {
            guard !histories.isEmpty else { return }
            // Read past the decoded-case cache: a row edited behind the log's back keeps its version.
            let stored = try await database.withConnection { db in
                try await db.select().column("body").from("cases").where("id", .in, SQLBind.group(histories.map(\.caseID))).all()
                    .reduce(into: [String: Case]()) { cases, row in
                        let c = try Self.decodeCase(try row.decode(column: "body", as: String.self))
                        cases[c.id] = c
                    }
            }
            for (caseID, events) in histories {
                guard let row = stored[caseID] else {
                    problems.append(EventLogProblem(caseID: caseID, sequence: nil, reason: "events without a case row"))
                    continue
                }
                do {
                    guard let replayed = try Case.replay(events) else { continue }
                    if replayed.storedJSON != row.storedJSON {
                        problems.append(EventLogProblem(caseID: caseID, sequence: nil, reason: "the case row differs from the replay of its events"))
                    }
                } catch {
                    problems.append(EventLogProblem(caseID: caseID, sequence: nil, reason: "the history cannot be replayed: \(error)"))
                }
            }
            histories.removeAll(keepingCapacity: true)
        }

        while true {
            let rows: [StoredEventRow] = try await database.withConnection { db in
                var query = db.select().columns(StoredEventRow.columns).from("case_events")
                if let after {
                    query = query.where { g in
                        g.where("case_id", .greaterThan, after.caseID).orWhere { g in
                            g.where("case_id", .equal, after.caseID).where("sequence", .greaterThan, after.sequence)
                        }
                    }
                }
                return try await query.orderBy("case_id").orderBy("sequence").limit(5_000).all().map(StoredEventRow.init)
            }
            for row in rows {
                if row.caseID != currentCase {
                    if let done = currentCase { finish(done) }
                    currentCase = row.caseID
                }
                if broken { continue }
                func fail(_ reason: String) {
                    problems.append(EventLogProblem(caseID: row.caseID, sequence: row.sequence, reason: reason))
                    broken = true
                }
                guard row.sequence == events.count + 1 else { fail("event \(events.count + 1) is missing"); continue }
                guard let (event, wholeForm) = try? row.rebuilt(after: events.last?.deadlines ?? []) else { fail("its content cannot be read"); continue }
                guard row.hashCovers(event, wholeForm: wholeForm) else { fail("its content does not match its hash (edited)"); continue }
                guard !wholeForm || (try? Self.caseDecoder.decode(WholeFormPosition.self, from: Data(row.body.utf8))) == WholeFormPosition(row)
                else { fail("its content names another position"); continue }
                guard row.previousHash == event.previousHash, row.previousHash == (events.last?.hash ?? "") else {
                    fail("it does not follow the previous event's hash (chain broken)")
                    continue
                }
                events.append(event)
            }
            try await compareWithRows()
            if let last = rows.last { after = (last.caseID, last.sequence) }
            if rows.count < 5_000 { break }
        }
        if let done = currentCase { finish(done) }
        try await compareWithRows()
        // Stable: a case's own problems stay in the order they were found.
        return problems.enumerated().sorted { ($0.element.caseID, $0.offset) < ($1.element.caseID, $1.offset) }.map(\.element)
    }
}

/// Where an event in the earlier whole form says it stands; it must agree with its row's columns
/// (in the current form the columns alone say it, and the hash covers them).
private struct WholeFormPosition: Decodable, Equatable {
    var caseID: String
    var sequence: Int
    var type: String
    var at: String

    init(_ row: StoredEventRow) {
        (caseID, sequence, type, at) = (row.caseID, row.sequence, row.type, row.at)
    }
}
