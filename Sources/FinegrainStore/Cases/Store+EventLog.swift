import FinegrainCore
import Foundation
import SQLKit

/// A case whose stored history does not check out: found by `verify-log`, or thrown when an
/// event cannot be rebuilt from its row.
public struct EventLogProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var caseID: String
    public var sequence: Int?
    public var reason: String
    public var description: String { "case \(caseID)\(sequence.map { " event \($0)" } ?? ""): \(reason)" }
}

extension Store {
    /// Recomputes every case's hash chain and replays it against the stored projection; returns
    /// each case whose history was altered (an edited, removed or reordered event, or a case row
    /// that no longer matches its events), in case id order. Streams the log in batches, reads
    /// the case rows of each batch in one query and checks the batch's cases on all cores.
    public func verifyEventLog(batchSize: Int = 5_000, progress: ((Int) -> Void)? = nil) async throws -> [EventLogProblem] {
        var problems: [EventLogProblem] = []
        var checked = 0
        var after: (caseID: String, sequence: Int)?
        /// The rows of the batch's last case, which may go on in the next batch.
        var carried: [StoredEventRow] = []
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
                return try await query.orderBy("case_id").orderBy("sequence").limit(batchSize).all().map(StoredEventRow.init)
            }
            var all = carried + rows
            let more = rows.count == batchSize
            carried = []
            if more, let lastCase = all.last?.caseID {
                let cut = all.lastIndex { $0.caseID != lastCase }.map { $0 + 1 } ?? 0
                carried = Array(all[cut...])
                all.removeSubrange(cut...)
            }
            let cases = Self.splitByCase(all)
            let bodies: [String: String] = cases.isEmpty ? [:] : try await database.withConnection { db in
                // Read past the decoded-case cache: a row edited behind the log's back keeps its version.
                try await db.select().columns("id", "body").from("cases").where("id", .in, SQLBind.group(cases.map { $0[0].caseID })).all()
                    .reduce(into: [:]) { $0[try $1.decode(column: "id", as: String.self)] = try $1.decode(column: "body", as: String.self) }
            }
            problems += try await Self.mapCases(cases) { Self.check($0, row: bodies[$0[0].caseID]) }.compactMap { $0 }
            checked += cases.count
            progress?(checked)
            if let last = rows.last { after = (last.caseID, last.sequence) }
            if !more { break }
        }
        return problems.sorted { $0.caseID < $1.caseID }
    }

    /// The first problem with one case's history (its rows in sequence order) and its case row's
    /// JSON, or `nil` if it checks out.
    static func check(_ rows: [StoredEventRow], row body: String?) -> EventLogProblem? {
        var events: [CaseEvent] = []
        for row in rows {
            func fail(_ reason: String) -> EventLogProblem { EventLogProblem(caseID: row.caseID, sequence: row.sequence, reason: reason) }
            guard row.sequence == events.count + 1 else { return fail("event \(events.count + 1) is missing") }
            guard let (event, wholeForm) = try? row.rebuilt(after: events.last.map(PriorEvent.init) ?? .none) else {
                return fail("its content cannot be read")
            }
            guard row.hashCovers(event, wholeForm: wholeForm) else { return fail("its content does not match its hash (edited)") }
            guard !wholeForm || (try? caseDecoder.decode(WholeFormPosition.self, from: Data(row.body.utf8))) == WholeFormPosition(row)
            else { return fail("its content names another position") }
            // The current form takes its previous hash from the event before, and its own hash
            // covers it; an event in the earlier whole form says which hash it follows.
            guard event.previousHash == (events.last?.hash ?? "") else {
                return fail("it does not follow the previous event's hash (chain broken)")
            }
            events.append(event)
        }
        let caseID = rows[0].caseID
        guard let body else { return EventLogProblem(caseID: caseID, sequence: nil, reason: "events without a case row") }
        guard let stored = try? decodeCase(body) else { return EventLogProblem(caseID: caseID, sequence: nil, reason: "the case row cannot be read") }
        do {
            guard let replayed = try Case.replay(events) else { return nil }
            if replayed.storedJSON != stored.storedJSON {
                return EventLogProblem(caseID: caseID, sequence: nil, reason: "the case row differs from the replay of its events")
            }
        } catch {
            return EventLogProblem(caseID: caseID, sequence: nil, reason: "the history cannot be replayed: \(error)")
        }
        return nil
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
