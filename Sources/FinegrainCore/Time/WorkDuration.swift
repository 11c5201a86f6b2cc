/// A time limit (时限) of a stage of a city case, in working or in natural (wall-clock) time.
///
/// Why: the 数字城管 standards set most limits in working hours or working days (e.g. 立案 within
/// 1 working hour, 处置 within 3 working days), which stop over nights, weekends and holidays,
/// while emergencies (e.g. a missing manhole cover) run on the clock. Keeping the unit in the
/// value means one ``WorkingCalendar`` call computes either kind of deadline.
///
/// A working day is the total length of the calendar's ``WorkingPeriod``s of one day (7.5 hours
/// with ``WorkingPeriod/standard``), not "the same clock time on the next working day": 2 working
/// days from Wednesday 15:00 end on Friday 15:00 only when Thursday and Friday are both worked.
///
/// ```swift
/// let dispatch = WorkDuration.workingMinutes(60)
/// let disposal = WorkDuration.workingDays(3)
/// let manhole  = WorkDuration.naturalMinutes(120)
/// let due = calendar.adding(disposal, to: reportedAt)
/// ```
///
/// Encoded as `{"unit": "workingDays", "amount": 3}`.
public enum WorkDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Minutes of working time.
    case workingMinutes(Int)
    /// Whole working days; one is the summed length of the calendar's working periods of a day.
    case workingDays(Int)
    /// Plain wall-clock minutes, ignoring office hours and holidays: for emergencies.
    case naturalMinutes(Int)

    /// The amount, in the case's own unit.
    public var amount: Int {
        switch self {
        case .workingMinutes(let n), .workingDays(let n), .naturalMinutes(let n): n
        }
    }

    /// Whether the limit runs on the working calendar (false for ``naturalMinutes(_:)``).
    public var isWorkingTime: Bool {
        if case .naturalMinutes = self { return false }
        return true
    }

    /// `"60 working minutes"`, `"3 working days"`, `"120 minutes"`.
    public var description: String {
        switch self {
        case .workingMinutes(let n): "\(n) working minute\(n == 1 ? "" : "s")"
        case .workingDays(let n): "\(n) working day\(n == 1 ? "" : "s")"
        case .naturalMinutes(let n): "\(n) minute\(n == 1 ? "" : "s")"
        }
    }

    private enum CodingKeys: String, CodingKey { case unit, amount }
    private enum Unit: String, Codable { case workingMinutes, workingDays, naturalMinutes }

    /// The unit's name as encoded: `workingMinutes`, `workingDays` or `naturalMinutes`.
    public var unitName: String { unit.rawValue }

    private var unit: Unit {
        switch self {
        case .workingMinutes: .workingMinutes
        case .workingDays: .workingDays
        case .naturalMinutes: .naturalMinutes
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unit, forKey: .unit)
        try container.encode(amount, forKey: .amount)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let amount = try container.decode(Int.self, forKey: .amount)
        guard amount >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "a duration cannot be negative (\(amount))")
        }
        switch try container.decode(Unit.self, forKey: .unit) {
        case .workingMinutes: self = .workingMinutes(amount)
        case .workingDays: self = .workingDays(amount)
        case .naturalMinutes: self = .naturalMinutes(amount)
        }
    }
}
