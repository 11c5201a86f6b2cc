public import FinegrainCore
import SQLKit

extension Store {
    /// Events recorded in `[from, to)` (ISO 8601 bounds), in time order, delivered in batches so an
    /// export of years does not sit in memory.
    ///
    /// A stored event holds its deadlines as changes to its case's previous event
    /// (``StoredEventBody``), so each event is rebuilt from the one before it: a ``EventTrail``
    /// remembers the last event of each case seen, and a case first met in the middle of its
    /// history has its earlier events read once.
    public func forEachEvent(from: String?, to: String?, batchSize: Int = 2_000, _ body: ([CaseEvent]) async throws -> Void) async throws {
        var after: (at: String, caseID: String, sequence: Int)?
        var trail = EventTrail()
        while true {
            let rows: [StoredEventRow] = try await database.withConnection { db in
                var query = db.select().columns(StoredEventRow.columns).from("case_events")
                if let from { query = query.where("at", .greaterThanOrEqual, from) }
                if let to { query = query.where("at", .lessThan, to) }
                if let after {
                    // Keyset pagination on (at, case_id, sequence).
                    query = query.where { g in
                        g.where("at", .greaterThan, after.at).orWhere { g in
                            g.where("at", .equal, after.at).where { g in
                                g.where("case_id", .greaterThan, after.caseID).orWhere { g in
                                    g.where("case_id", .equal, after.caseID).where("sequence", .greaterThan, after.sequence)
                                }
                            }
                        }
                    }
                }
                return try await query.orderBy("at").orderBy("case_id").orderBy("sequence").limit(batchSize).all().map(StoredEventRow.init)
            }
            guard let last = rows.last else { return }
            let unknown = trail.casesWithoutPredecessor(rows)
            if !unknown.isEmpty {
                let earlier = try await database.withConnection { db in
                    try await db.select().columns(StoredEventRow.columns).from("case_events").where("case_id", .in, SQLBind.group(unknown.keys.sorted()))
                        .orderBy("case_id").orderBy("sequence").all().map(StoredEventRow.init)
                }
                for event in try Self.events(earlier) where event.sequence < unknown[event.caseID] ?? 0 { trail.record(event) }
            }
            var events: [CaseEvent] = []
            events.reserveCapacity(rows.count)
            for row in rows {
                let event = try row.event(after: trail.prior(of: row.caseID, before: row.sequence))
                trail.record(event)
                events.append(event)
            }
            trail.prune()
            try await body(events)
            after = (last.at, last.caseID, last.sequence)
            if rows.count < batchSize { return }
        }
    }
}

/// The last event seen of each case (its deadlines and hash), while reading events in time order.
struct EventTrail {
    private var last: [String: (sequence: Int, status: CaseStatus, prior: PriorEvent)] = [:]
    /// Beyond this many cases, closed ones are forgotten (and everything, if that is not enough).
    var capacity = 100_000

    /// What rebuilding event `sequence` of the case needs, if its event before was the last seen.
    func prior(of caseID: String, before sequence: Int) -> PriorEvent? {
        guard let entry = last[caseID], entry.sequence == sequence - 1 else { return nil }
        return entry.prior
    }

    mutating func record(_ event: CaseEvent) {
        last[event.caseID] = (event.sequence, event.status, PriorEvent(event))
    }

    /// The cases in `rows` (in order) whose previous event is neither remembered nor earlier in
    /// `rows`, each with the sequence of its first event there.
    func casesWithoutPredecessor(_ rows: [StoredEventRow]) -> [String: Int] {
        var seen: [String: Int] = [:]
        var unknown: [String: Int] = [:]
        for row in rows {
            if row.sequence > 1, seen[row.caseID] != row.sequence - 1, last[row.caseID]?.sequence != row.sequence - 1, unknown[row.caseID] == nil {
                unknown[row.caseID] = row.sequence
            }
            seen[row.caseID] = row.sequence
        }
        return unknown
    }

    mutating func prune() {
        guard last.count > capacity else { return }
        last = last.filter { !$0.value.status.isFinal }
        if last.count > capacity { last.removeAll() }
    }
}
