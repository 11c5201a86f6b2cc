import FinegrainCore
import Foundation

/// Reading a stored event body directly (``JSONScanner``) rather than through `JSONDecoder`: a
/// month's evaluation at a million cases decodes half a million bodies, and decoding was half its
/// time. The scanner reads the form written since migration 12 (times as milliseconds, deadlines as
/// changes); anything else — a body in an earlier form, a value it does not take — makes it throw,
/// and ``StoredEventBody/read(_:)`` decodes that body with `JSONDecoder` as before. A test checks
/// that both read every generated body the same.
///
/// ```swift
/// let body = try StoredEventBody.read(row.body)
/// ```
extension StoredEventBody {
    /// The body in `text`: scanned, or else decoded.
    static func read(_ text: String) throws -> StoredEventBody {
        if let scanned = try? JSONScanner.scan(text, { try StoredEventBody(scanning: &$0) }) { return scanned }
        return try Store.caseDecoder.decode(StoredEventBody.self, from: Data(text.utf8))
    }

    /// A body in the current form; throws at anything else (the earlier whole form included).
    init(scanning s: inout JSONScanner) throws {
        var actor: StoredActor?
        var payload: [String: String]?
        var status: CaseStatus?
        var opened: [OpenedDeadline]?
        var completed: [Int]?
        var changed: [String: DeadlineChange]?
        try s.object { s, key in
            guard try !s.null() else { return }
            switch key {
            case "actor": actor = try StoredActor(scanning: &s)
            case "payload": payload = try s.members { try $0.string() }
            case "status": status = try s.string(as: CaseStatus.self)
            case "opened": opened = try s.list { try OpenedDeadline(scanning: &$0) }
            case "completed": completed = try s.list { try $0.int() }
            case "changed": changed = try s.members { try DeadlineChange(scanning: &$0) }
            case "deadlines", "caseID", "previousHash":
                throw s.unexpected()  // the earlier whole form: decoded instead
            default:
                try s.skipValue()
            }
        }
        guard let payload, let status else { throw s.unexpected() }
        self.init(actor: actor, payload: payload, status: status, opened: opened, completed: completed, changed: changed)
    }
}

extension JSONScanner {
    /// A stored time: whole milliseconds since 1970.
    /// (Text is left to `JSONDecoder`: `int()` throws at it.)
    mutating func storedDate() throws -> Date {
        Date(millisecondsSince1970: Int64(try int()))
    }
}

extension StoredActor {
    init(scanning s: inout JSONScanner) throws {
        var actor = StoredActor()
        try s.object { s, key in
            guard try !s.null() else { return }
            switch key {
            case "userID": actor.userID = try s.string()
            case "name": actor.name = try s.string()
            case "role": actor.role = try s.string(as: Role.self)
            case "departmentID": actor.departmentID = try s.string()
            case "address": actor.address = try s.string()
            case "requestID": actor.requestID = try s.string()
            default: try s.skipValue()
            }
        }
        self = actor
    }
}

extension OpenedDeadline {
    init(scanning s: inout JSONScanner) throws {
        var step: CaseStep?
        var dueAt: Date?
        var limit: WorkDuration?
        var deadline = (startedAt: Date?.none, completedAt: Date?.none, pausedAt: Date?.none, remaining: Int?.none, extended: Int?.none)
        try s.object { s, key in
            guard try !s.null() else { return }
            switch key {
            case "step": step = try s.string(as: CaseStep.self)
            case "startedAt": deadline.startedAt = try s.storedDate()
            case "dueAt": dueAt = try s.storedDate()
            case "limit": limit = try WorkDuration(scanning: &s)
            case "completedAt": deadline.completedAt = try s.storedDate()
            case "pausedAt": deadline.pausedAt = try s.storedDate()
            case "remainingMinutesAtPause": deadline.remaining = try s.int()
            case "extendedMinutes": deadline.extended = try s.int()
            default: try s.skipValue()
            }
        }
        guard let step, let dueAt, let limit else { throw s.unexpected() }
        self.init(
            step: step, startedAt: deadline.startedAt, dueAt: dueAt, limit: limit, completedAt: deadline.completedAt, pausedAt: deadline.pausedAt,
            remainingMinutesAtPause: deadline.remaining, extendedMinutes: deadline.extended)
    }
}

extension DeadlineChange {
    init(scanning s: inout JSONScanner) throws {
        var change = DeadlineChange()
        try s.object { s, key in
            guard try !s.null() else { return }
            switch key {
            case "dueAt": change.dueAt = try s.storedDate()
            case "completedAt": change.completedAt = try s.storedDate()
            case "pausedAt": change.pausedAt = try s.storedDate()
            case "remainingMinutesAtPause": change.remainingMinutesAtPause = try s.int()
            case "extendedMinutes": change.extendedMinutes = try s.int()
            case "cleared": change.cleared = try s.list { try $0.string(as: Field.self) }
            default: try s.skipValue()
            }
        }
        self = change
    }
}

extension WorkDuration {
    init(scanning s: inout JSONScanner) throws {
        var amount: Int?
        var unit: String?
        try s.object { s, key in
            switch key {
            case "amount": amount = try s.int()
            case "unit": unit = try s.string()
            default: try s.skipValue()
            }
        }
        guard let amount, amount >= 0 else { throw s.unexpected() }
        switch unit {
        case "workingMinutes": self = .workingMinutes(amount)
        case "workingDays": self = .workingDays(amount)
        case "naturalMinutes": self = .naturalMinutes(amount)
        default: throw s.unexpected()
        }
    }
}
