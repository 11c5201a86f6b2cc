public import Foundation

/// Who acted on a case, in which role (and for which department).
public struct CaseActor: Sendable, Hashable, Codable {
    public var userID: String?
    public var name: String
    public var role: Role?
    public var departmentID: String?
    /// Where the step came from: the client address and the request id (as in the audit trail).
    public var address: String?
    public var requestID: String?

    public init(userID: String?, name: String, role: Role?, departmentID: String? = nil, address: String? = nil, requestID: String? = nil) {
        self.userID = userID
        self.name = name
        self.role = role
        self.departmentID = departmentID
        self.address = address
        self.requestID = requestID
    }

    /// The platform itself (sensor alerts, merges).
    public static let system = CaseActor(userID: nil, name: "system", role: nil)
}

/// The time limit of one step: when it started, when it is due, and when (if) it was done.
///
/// Deadlines are computed when the event is decided (with the working calendar and the policy in
/// force) and stored in the event, so that replaying events never needs the calendar and a past
/// month can be recomputed exactly.
public struct StepDeadline: Sendable, Hashable, Codable {
    public var step: CaseStep
    public var startedAt: Date
    public var dueAt: Date
    public var limit: WorkDuration
    public var completedAt: Date?
    /// Set while the case is suspended (挂账): the clock is paused.
    public var pausedAt: Date?
    /// Working (or, for natural-time limits, natural) minutes left when paused.
    public var remainingMinutesAtPause: Int?
    /// Extensions granted, in minutes.
    public var extendedMinutes: Int

    public init(step: CaseStep, startedAt: Date, dueAt: Date, limit: WorkDuration) {
        self.step = step
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.limit = limit
        self.extendedMinutes = 0
    }

    /// Reads every stored form: `extendedMinutes` is left out where there were none (case rows
    /// and event bodies since migration 12).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        step = try container.decode(CaseStep.self, forKey: .step)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        dueAt = try container.decode(Date.self, forKey: .dueAt)
        limit = try container.decode(WorkDuration.self, forKey: .limit)
        completedAt = try container.decodeIfPresent(Date.self, forKey: .completedAt)
        pausedAt = try container.decodeIfPresent(Date.self, forKey: .pausedAt)
        remainingMinutesAtPause = try container.decodeIfPresent(Int.self, forKey: .remainingMinutesAtPause)
        extendedMinutes = try container.decodeIfPresent(Int.self, forKey: .extendedMinutes) ?? 0
    }

    public var isOpen: Bool { completedAt == nil }
    /// Done within its time.
    public var onTime: Bool? { completedAt.map { $0 <= dueAt } }
}

/// 案件事件 (a case event): one accepted step in a case's history — append-only, chained by hash.
///
/// The store writes `previousHash` and `hash` (SHA-256 over ``canonicalData()`` and the previous
/// hash), so editing any stored event breaks the chain from that point; `finegrain verify-log`
/// finds it. The case row is a projection of its events (``Case/applying(_:)``).
///
/// ```swift
/// let case1 = try events.reduce(nil) { try Case.applying($1, to: $0) }
/// ```
public struct CaseEvent: Sendable, Hashable, Codable {
    public var caseID: String
    /// 1-based position in the case's history.
    public var sequence: Int
    /// `reported` for the first event, else a ``CaseCommand/Kind`` raw value.
    public var type: String
    public var at: Date
    public var actor: CaseActor
    /// What the step carried (notes, photos, department, …), flat and sortable for hashing.
    public var payload: [String: String]
    /// The case's status after this event.
    public var status: CaseStatus
    /// Every step deadline after this event.
    public var deadlines: [StepDeadline]
    public var previousHash: String
    public var hash: String

    public init(
        caseID: String, sequence: Int, type: String, at: Date, actor: CaseActor, payload: [String: String], status: CaseStatus,
        deadlines: [StepDeadline], previousHash: String = "", hash: String = ""
    ) {
        self.caseID = caseID
        self.sequence = sequence
        self.type = type
        self.at = at
        self.actor = actor
        self.payload = payload
        self.status = status
        self.deadlines = deadlines
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Payload keys holding a reporter's personal data: shown only to operators and the case's
    /// handlers, never in public views or Open311, and redacted in exports unless authorised.
    public static let personalKeys: Set<String> = ["reporter_name", "reporter_phone"]

    /// The bytes the hash covers: every field but `hash` (written as `""`), in a canonical JSON
    /// form — sorted keys, unescaped slashes, times as ``MillisecondTimestamp``s, absent optionals
    /// left out; exactly what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` gives,
    /// written directly (a test compares the two on thousands of events).
    public func canonicalData() -> Data {
        var unhashed = self
        unhashed.hash = ""
        return unhashed.jsonData()
    }

    /// The event in the canonical form with its `hash` — what an export writes, so that anyone can
    /// blank the hash, hash the rest and compare.
    public func jsonData() -> Data {
        var writer = JSONWriter(capacity: 512 + 200 * deadlines.count)
        writer.object { o in
            o.member("actor", actor)
            o.member("at", timestamp: at)
            o.member("caseID", caseID)
            o.member("deadlines", deadlines)
            o.member("hash", hash)
            o.member("payload", payload)
            o.member("previousHash", previousHash)
            o.member("sequence", sequence)
            o.member("status", status.rawValue)
            o.member("type", type)
        }
        return Data(writer.bytes)
    }
}

extension CaseActor: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        Self.writeJSON(address: address, departmentID: departmentID, name: name, requestID: requestID, role: role, userID: userID, to: &writer)
    }

    /// An actor's members in sorted order, absent ones left out: the whole actor, or the part of
    /// it an event's stored body keeps.
    public static func writeJSON(
        address: String?, departmentID: String?, name: String?, requestID: String?, role: Role?, userID: String?, to writer: inout JSONWriter
    ) {
        writer.object { o in
            o.member("address", address)
            o.member("departmentID", departmentID)
            o.member("name", name)
            o.member("requestID", requestID)
            o.member("role", role?.rawValue)
            o.member("userID", userID)
        }
    }
}

/// Written in the stored form: times as ``MillisecondTimestamp``s.
extension StepDeadline: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { o in
            o.member("completedAt", timestamp: completedAt)
            o.member("dueAt", timestamp: dueAt)
            o.member("extendedMinutes", extendedMinutes)
            o.member("limit") { w in
                w.object { o in
                    o.member("amount", limit.amount)
                    o.member("unit", limit.unitName)
                }
            }
            o.member("pausedAt", timestamp: pausedAt)
            o.member("remainingMinutesAtPause", remainingMinutesAtPause)
            o.member("startedAt", timestamp: startedAt)
            o.member("step", step.rawValue)
        }
    }
}
