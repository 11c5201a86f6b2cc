import FinegrainCore
import Foundation

/// A deadline an event opened, as its body keeps it: without its start when that is the event's
/// own time (every step's start is), and without its extensions when there are none. Bodies
/// written before this form hold the whole deadline, which reads the same way.
struct OpenedDeadline: Codable, Equatable {
    var step: CaseStep
    /// `nil`: the event's time.
    var startedAt: Date?
    var dueAt: Date
    var limit: WorkDuration
    var completedAt: Date?
    var pausedAt: Date?
    var remainingMinutesAtPause: Int?
    /// `nil`: none.
    var extendedMinutes: Int?

}

// The conversions stand in extensions so that the memberwise initialisers stay (a reader fills them in).
extension OpenedDeadline {
    init(_ deadline: StepDeadline, at: Date) {
        step = deadline.step
        startedAt = deadline.startedAt == at ? nil : deadline.startedAt
        dueAt = deadline.dueAt
        limit = deadline.limit
        completedAt = deadline.completedAt
        pausedAt = deadline.pausedAt
        remainingMinutesAtPause = deadline.remainingMinutesAtPause
        extendedMinutes = deadline.extendedMinutes == 0 ? nil : deadline.extendedMinutes
    }

    /// The whole deadline, opened by an event recorded at `at`.
    func deadline(at: Date) -> StepDeadline {
        var d = StepDeadline(step: step, startedAt: startedAt ?? at, dueAt: dueAt, limit: limit)
        d.completedAt = completedAt
        d.pausedAt = pausedAt
        d.remainingMinutesAtPause = remainingMinutesAtPause
        d.extendedMinutes = extendedMinutes ?? 0
        return d
    }

    func write(to writer: inout JSONWriter) {
        StepDeadline.writeStored(
            step: step, startedAt: startedAt, dueAt: dueAt, limit: limit, completedAt: completedAt, pausedAt: pausedAt,
            remainingMinutesAtPause: remainingMinutesAtPause, extendedMinutes: extendedMinutes, to: &writer)
    }
}

/// 操作人 (the actor) as an event's body keeps it: what the row's `actor_user_id` and `actor_role`
/// columns do not already say. Bodies written before this form hold the whole actor, user id and
/// role included; both read the same way (a body's own value first, then the column's).
struct StoredActor: Codable, Equatable {
    var userID: String?
    var name: String?
    var role: Role?
    var departmentID: String?
    var address: String?
    var requestID: String?

}

extension StoredActor {
    /// What the columns do not say of `actor`; `nil` if nothing (a simulated or system actor whose
    /// name is its user id).
    init?(_ actor: CaseActor) {
        name = actor.name == actor.userID ? nil : actor.name
        departmentID = actor.departmentID
        address = actor.address
        requestID = actor.requestID
        if name == nil, departmentID == nil, address == nil, requestID == nil { return nil }
    }

    /// The whole actor, given the row's columns.
    static func actor(_ stored: StoredActor?, userID column: String?, role roleColumn: Role?) -> CaseActor {
        let userID = stored?.userID ?? column
        let role = stored?.role ?? roleColumn
        return CaseActor(
            userID: userID, name: stored?.name ?? userID ?? "", role: role, departmentID: stored?.departmentID,
            address: stored?.address, requestID: stored?.requestID)
    }

    func write(to writer: inout JSONWriter) {
        CaseActor.writeJSON(address: address, departmentID: departmentID, name: name, requestID: requestID, role: role, userID: userID, to: &writer)
    }
}

/// The fields of one earlier ``StepDeadline`` that an event changed (completed, paused, resumed,
/// extended). A deadline whose step, start or limit changed cannot be said this way.
struct DeadlineChange: Codable, Equatable {
    var dueAt: Date?
    var completedAt: Date?
    var pausedAt: Date?
    var remainingMinutesAtPause: Int?
    var extendedMinutes: Int?
    /// Optional fields set back to none (`pausedAt` and `remainingMinutesAtPause` on resuming).
    var cleared: [Field]?

    /// The optional fields of a deadline, by name.
    enum Field: String, Codable {
        case completedAt, pausedAt, remainingMinutesAtPause
    }

}

extension DeadlineChange {
    init?(from old: StepDeadline, to new: StepDeadline) {
        guard old.step == new.step, old.startedAt == new.startedAt, old.limit == new.limit else { return nil }
        var cleared: [Field] = []
        if old.dueAt != new.dueAt { dueAt = new.dueAt }
        if old.extendedMinutes != new.extendedMinutes { extendedMinutes = new.extendedMinutes }
        func note<T: Equatable>(_ field: Field, _ old: T?, _ new: T?, _ set: (inout DeadlineChange, T) -> Void) {
            guard old != new else { return }
            if let new { set(&self, new) } else { cleared.append(field) }
        }
        note(.completedAt, old.completedAt, new.completedAt) { $0.completedAt = $1 }
        note(.pausedAt, old.pausedAt, new.pausedAt) { $0.pausedAt = $1 }
        note(.remainingMinutesAtPause, old.remainingMinutesAtPause, new.remainingMinutesAtPause) { $0.remainingMinutesAtPause = $1 }
        self.cleared = cleared.isEmpty ? nil : cleared
    }

    func write(to writer: inout JSONWriter) {
        writer.object { o in
            o.member("cleared", cleared?.map(\.rawValue))
            o.member("completedAt", milliseconds: completedAt)
            o.member("dueAt", milliseconds: dueAt)
            o.member("extendedMinutes", extendedMinutes)
            o.member("pausedAt", milliseconds: pausedAt)
            o.member("remainingMinutesAtPause", remainingMinutesAtPause)
        }
    }

    /// Whether the change only completes the deadline, at `at`.
    func isCompletion(at: Date) -> Bool {
        completedAt == at && dueAt == nil && pausedAt == nil && remainingMinutesAtPause == nil && extendedMinutes == nil && cleared == nil
    }

    var isEmpty: Bool {
        dueAt == nil && completedAt == nil && pausedAt == nil && remainingMinutesAtPause == nil && extendedMinutes == nil && cleared == nil
    }

    func applied(to deadline: StepDeadline) -> StepDeadline {
        var d = deadline
        for field in cleared ?? [] {
            switch field {
            case .completedAt: d.completedAt = nil
            case .pausedAt: d.pausedAt = nil
            case .remainingMinutesAtPause: d.remainingMinutesAtPause = nil
            }
        }
        if let dueAt { d.dueAt = dueAt }
        if let extendedMinutes { d.extendedMinutes = extendedMinutes }
        if let completedAt { d.completedAt = completedAt }
        if let pausedAt { d.pausedAt = pausedAt }
        if let remainingMinutesAtPause { d.remainingMinutesAtPause = remainingMinutesAtPause }
        return d
    }
}
