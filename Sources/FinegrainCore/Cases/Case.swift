public import Foundation

/// 案件 (a case): one city problem from report to closure — the projection of its events.
///
/// Never edited directly: the store appends a ``CaseEvent`` and writes ``applying(_:to:)``'s result
/// in the same transaction, so the row always equals the replay of the history.
///
/// ```swift
/// let current = try Case.applying(event, to: previous)
/// current.status          // .dispatched
/// current.openDeadline    // the handle step's deadline
/// ```
public struct Case: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    /// The human case number, e.g. `ZB20261129000123`.
    public var number: String
    public var source: CaseSource
    /// The hotline's own ticket number (12345/12319 transfers).
    public var hotlineTicket: String?
    public var classKind: ClassKind
    public var classCode: String
    public var urgency: Urgency
    public var description: String
    /// WGS84.
    public var location: Coordinate
    public var address: String?
    /// The grid chain resolved at intake (finest first may be absent where no grid covers the point).
    public var gridCode: String?
    public var communityCode: String?
    public var subdistrictCode: String?
    public var districtCode: String?
    /// 报告人 — personal data, see ``CaseEvent/personalKeys``.
    public var reporterName: String?
    public var reporterPhone: String?
    public var reporterUserID: String?
    /// The component (部件标识码) the case is about, if any.
    public var componentID: String?
    /// Values of the class's extension attributes given at intake.
    public var attributes: [String: String]?
    /// SHA-256 names of the report's photos.
    public var photos: [String]
    /// Photos of the fix (处理反馈) and of checks.
    public var resultPhotos: [String]
    public var status: CaseStatus
    public var departmentID: String?
    public var deadlines: [StepDeadline]
    public var pendingExtensionMinutes: Int?
    public var pendingSuspension: Bool
    /// The status a pending void or return came from.
    public var statusBeforeRequest: CaseStatus?
    public var reworkCount: Int
    public var supervisionCount: Int
    public var selfHandled: Bool
    public var mergedInto: String?
    /// 回访满意度, once recorded.
    public var satisfaction: Satisfaction?
    public var duplicates: [String]
    public var reportedAt: Date
    public var filedAt: Date?
    public var closedAt: Date?
    public var updatedAt: Date
    /// The number of events: the version for optimistic concurrency.
    public var version: Int
    /// The hash of the last event.
    public var lastHash: String

    /// The open deadline that falls first, if any.
    public var openDeadline: StepDeadline? {
        deadlines.filter(\.isOpen).min { $0.dueAt < $1.dueAt }
    }
}

/// 超时灯 (lateness light) of an open step: green below 80 % of its limit, yellow to 100 %, red after
/// (thresholds configurable in ``DeadlinePolicy``).
public enum DeadlineLight: String, Sendable, Codable, Hashable {
    case green, yellow, red
}
