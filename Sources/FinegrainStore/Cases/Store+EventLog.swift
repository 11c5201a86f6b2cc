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
    /// that no longer matches its events). Streams the log in batches.
    public func verifyEventLog(progress: ((Int) -> Void)? = nil) async throws -> [EventLogProblem] {
        var problems: [EventLogProblem] = []
        var checked = 0
        var after: (caseID: String, sequence: Int)?
        var currentCase: String?
        var events: [CaseEvent] = []
        var broken = false

        func finish(_ caseID: String) async throws {
            defer {
                events.removeAll(keepingCapacity: true)
                broken = false
                checked += 1
                progress?(checked)
            }
            guard !broken else { return }
            guard let stored = try await caseRecord(id: caseID) else {
                problems.append(EventLogProblem(caseID: caseID, sequence: nil, reason: "events without a case row"))
                return
            }
            do {
                guard let replayed = try Case.replay(events) else { return }
                if try Self.caseEncoder.encode(replayed) != Self.caseEncoder.encode(stored) {
                    problems.append(EventLogProblem(caseID: caseID, sequence: nil, reason: "the case row differs from the replay of its events"))
                }
            } catch {
                problems.append(EventLogProblem(caseID: caseID, sequence: nil, reason: "the history cannot be replayed: \(error)"))
            }
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
                    if let done = currentCase { try await finish(done) }
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
            if let last = rows.last { after = (last.caseID, last.sequence) }
            if rows.count < 5_000 { break }
        }
        if let done = currentCase { try await finish(done) }
        return problems
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
