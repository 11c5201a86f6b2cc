import FinegrainCore
import Foundation
import SQLKit

/// 事件存储体 (an event's stored body): what `case_events.body` holds — only what the row's
/// columns and the case's previous event do not already say.
///
/// A ``CaseEvent`` carries every step deadline of its case after the event, and a case's history
/// repeats each deadline in every later event; stored whole, those copies were about 70 % of the
/// event log (12 KB per case). The body keeps the actor, the payload, the status and the
/// deadline *changes*: deadlines this event opened in full, and for earlier ones only the fields
/// it changed (mostly a `completedAt`). The case id, position, type and time come from the
/// columns. Reading a case's events in order rebuilds each event exactly.
///
/// The actor keeps only what the row's `actor_user_id` and `actor_role` columns do not say: its
/// name (left out too when it is the user id), department, address and request id.
///
/// The hash is unchanged: it still covers the whole canonical event (``CaseEvent/canonicalData()``),
/// so exports, audits and old rows verify as before, and editing a body or a column is caught.
/// Rows written before this form (whole canonical events, recognised by their `caseID` key; or
/// bodies with the whole actor) are read as they are; the forms live side by side.
///
/// Deadlines the event opened leave out their start (the event's time) and zero extensions;
/// earlier deadlines it completed at its own time are listed by index; times are whole
/// milliseconds since 1970. A dispatch by 王五 (its columns say user, role, time):
///
/// ```json
/// {"actor":{"name":"王五"},"completed":[1],
///  "opened":[{"dueAt":1713945600000,"limit":{"amount":1,"unit":"workingDays"},"step":"handle"}],
///  "payload":{"department_id":"dept-sanitation"},"status":"dispatched"}
/// ```
struct StoredEventBody: Codable, Equatable {
    /// What the row's columns do not say of the actor; `nil` if they say it all.
    var actor: StoredActor?
    var payload: [String: String]
    var status: CaseStatus
    /// Deadlines this event opened, appended after the previous ones.
    var opened: [OpenedDeadline]?
    /// Earlier deadlines this event completed at its own time and changed in no other way (most
    /// steps complete one), by their index in the list.
    var completed: [Int]?
    /// Other changes to earlier deadlines, keyed by their index in the list.
    var changed: [String: DeadlineChange]?
    /// The whole list: a stored event before this form, or a change that is not an append plus
    /// field changes (no workflow step makes one today).
    var deadlines: [StepDeadline]?
    /// Set only in rows written before this form, which hold the whole canonical event.
    var caseID: String?
    var previousHash: String?
}

// The conversions stand in extensions so that the memberwise initialisers stay (a reader fills them in).
extension StoredEventBody {
    /// The body of `event`, given the deadlines after its case's previous event.
    init(_ event: CaseEvent, after previous: [StepDeadline]) {
        actor = StoredActor(event.actor)
        payload = event.payload
        status = event.status
        let changes = event.deadlines.count >= previous.count
            ? previous.indices.map { DeadlineChange(from: previous[$0], to: event.deadlines[$0]) } : []
        if changes.count == previous.count, changes.allSatisfy({ $0 != nil }) {
            let opened = event.deadlines[previous.count...].map { OpenedDeadline($0, at: event.at) }
            self.opened = opened.isEmpty ? nil : opened
            var completed: [Int] = []
            var changed: [String: DeadlineChange] = [:]
            for (index, change) in changes.enumerated() {
                guard let change, !change.isEmpty else { continue }
                if change.isCompletion(at: event.at) { completed.append(index) } else { changed[String(index)] = change }
            }
            self.completed = completed.isEmpty ? nil : completed
            self.changed = changed.isEmpty ? nil : changed
        } else {
            deadlines = event.deadlines
        }
    }

    /// The deadlines after this event, recorded at `at`, given those after the previous one
    /// (`nil`: not known).
    func deadlines(after previous: [StepDeadline]?, at: Date) -> [StepDeadline]? {
        if let deadlines { return deadlines }
        guard var list = previous else { return nil }
        for index in completed ?? [] {
            guard list.indices.contains(index) else { return nil }
            list[index].completedAt = at
        }
        for (key, change) in changed ?? [:] {
            guard let index = Int(key), list.indices.contains(index) else { return nil }
            list[index] = change.applied(to: list[index])
        }
        return list + (opened ?? []).map { $0.deadline(at: at) }
    }
}

extension StoredEventBody {
    /// The body as stored: exactly what ``Store/caseEncoder`` writes, written directly (see
    /// ``JSONWriter``; a test compares the two).
    var json: String {
        var writer = JSONWriter(capacity: 512)
        writer.object { o in
            if let actor { o.member("actor") { actor.write(to: &$0) } }
            o.member("caseID", caseID)
            if let changed { o.member("changed") { $0.object(changed) { $1.write(to: &$0) } } }
            if let completed { o.member("completed") { w in w.array(completed) { $0.int($1) } } }
            if let deadlines { o.member("deadlines") { w in w.array(deadlines) { $1.writeStored(to: &$0) } } }
            if let opened { o.member("opened") { w in w.array(opened) { $1.write(to: &$0) } } }
            o.member("payload", payload)
            o.member("previousHash", previousHash)
            o.member("status", status.rawValue)
        }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// What rebuilding an event needs of the case's event before it: its deadlines (the body holds
/// changes to them) and its hash (the event's previous hash, which is not stored).
struct PriorEvent: Equatable, Sendable {
    var deadlines: [StepDeadline]
    var hash: String

    /// Before a case's first event.
    static let none = PriorEvent(deadlines: [], hash: "")

    init(deadlines: [StepDeadline], hash: String) {
        self.deadlines = deadlines
        self.hash = hash
    }

    init(_ event: CaseEvent) {
        self.init(deadlines: event.deadlines, hash: event.hash)
    }
}

/// A row of `case_events` as read, before its event is rebuilt.
struct StoredEventRow: Sendable {
    var caseID: String
    var sequence: Int
    var type: String
    var at: String
    var actorUserID: String?
    var actorRole: String?
    var body: String
    /// Lower-case hex, as ``CaseEvent/hash``; stored as its 32 bytes.
    var hash: String

    /// The columns ``init(_:)`` reads.
    static let columns = ["case_id", "sequence", "type", "at", "actor_user_id", "actor_role", "body", "hash"]

    init(_ row: any SQLRow) throws {
        caseID = try row.decode(column: "case_id", as: String.self)
        sequence = try row.decode(column: "sequence", as: Int.self)
        type = try row.decode(column: "type", as: String.self)
        at = try row.decode(column: "at", as: String.self)
        actorUserID = try row.decode(column: "actor_user_id", as: String?.self)
        actorRole = try row.decode(column: "actor_role", as: String?.self)
        body = try row.decode(column: "body", as: String.self)
        hash = try row.decode(column: "hash", as: Data.self).hexEncoded
    }

    /// The event, given the case's event before it (ignored for the first; `nil` if not known,
    /// which only a row in the earlier whole form can do without).
    func event(after previous: PriorEvent?) throws -> CaseEvent {
        try rebuilt(after: previous).event
    }

    /// The event and whether this row holds it in the earlier whole form.
    func rebuilt(after previous: PriorEvent?) throws -> (event: CaseEvent, wholeForm: Bool) {
        let stored = try StoredEventBody.read(body)
        let prior = sequence == 1 ? PriorEvent.none : previous
        let time = try Timestamp.date(at)
        guard let deadlines = stored.deadlines(after: prior?.deadlines, at: time), let previousHash = stored.previousHash ?? prior?.hash else {
            throw EventLogProblem(
                caseID: caseID, sequence: sequence,
                reason: "it cannot be rebuilt: event \(sequence - 1) of the case is missing or unreadable (run `finegrain verify-log`)")
        }
        let role = try actorRole.map { raw in
            guard let role = Role(rawValue: raw) else {
                throw EventLogProblem(caseID: caseID, sequence: sequence, reason: "its actor_role column holds an unknown role \"\(raw)\" (run `finegrain verify-log`)")
            }
            return role
        }
        let actor = StoredActor.actor(stored.actor, userID: actorUserID, role: role)
        let event = CaseEvent(
            caseID: caseID, sequence: sequence, type: type, at: time, actor: actor, payload: stored.payload,
            status: stored.status, deadlines: deadlines, previousHash: previousHash, hash: hash)
        return (event, stored.caseID != nil)
    }

    /// Whether the row's hash covers `event` (rebuilt from it): in the earlier whole form the
    /// body's own bytes, else the canonical form of the rebuilt event.
    func hashCovers(_ event: CaseEvent, wholeForm: Bool) -> Bool {
        Store.sha256(wholeForm ? Data(body.utf8) : event.canonicalData()) == hash
    }
}

extension Store {
    /// Rows ordered by case, cut into one run per case.
    static func splitByCase(_ rows: [StoredEventRow]) -> [[StoredEventRow]] {
        var cases: [[StoredEventRow]] = []
        for row in rows {
            if cases.last?.last?.caseID == row.caseID { cases[cases.count - 1].append(row) } else { cases.append([row]) }
        }
        return cases
    }

    /// `transform` of every case's rows, in order, computed on all cores: rebuilding events (JSON
    /// decoding) is most of the cost of reading histories, for an evaluation and for verify-log.
    static func mapCases<T: Sendable>(
        _ cases: [[StoredEventRow]], _ transform: @escaping @Sendable ([StoredEventRow]) throws -> T
    ) async throws -> [T] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, cases.count / 50))
        return try await withThrowingTaskGroup(of: (Int, [T]).self) { group in
            for part in 0..<parts {
                let slice = cases[cases.count * part / parts..<cases.count * (part + 1) / parts]
                group.addTask { (part, try slice.map(transform)) }
            }
            var results = [[T]](repeating: [], count: parts)
            for try await (part, mapped) in group { results[part] = mapped }
            return results.flatMap { $0 }
        }
    }

    /// Rebuilds events from rows ordered by case and sequence, each case from its first event on.
    static func events(_ rows: [StoredEventRow]) throws -> [CaseEvent] {
        var events: [CaseEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows {
            let previous = events.last.flatMap { $0.caseID == row.caseID && $0.sequence == row.sequence - 1 ? PriorEvent($0) : nil }
            events.append(try row.event(after: previous))
        }
        return events
    }
}
