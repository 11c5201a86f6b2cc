/// One span of office hours within a working day, in minutes since local midnight.
///
/// Why: deadlines of city cases (处置时限) are counted in *working* time, and what counts as
/// working time is configuration, not law: cities set their own office hours and many switch to
/// summer hours (夏季作息, e.g. 13:00–17:00 → 14:30–18:00 in the afternoon). ``standard`` is the
/// common 08:30–12:00 and 13:30–17:30, 7.5 hours a day; pass other periods to ``WorkingCalendar``.
///
/// ```swift
/// let morning = WorkingPeriod(start: 8 * 60 + 30, end: 12 * 60)     // 08:30–12:00
/// morning.minutes                                                  // 210
/// let summer = [WorkingPeriod(hour: 8, minute: 30, toHour: 12, minute: 0),
///               WorkingPeriod(hour: 14, minute: 30, toHour: 18, minute: 0)]
/// ```
public struct WorkingPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Minutes since local midnight at which the period begins, 0…1439.
    public let start: Int
    /// Minutes since local midnight at which it ends (exclusive), start+1…1440.
    public let end: Int

    /// A period from `start` to `end` minutes after midnight.
    ///
    /// - Precondition: `0 <= start < end <= 1440`. Periods are configuration written by people
    ///   who deploy the system; use ``init(validating:end:)`` for text that came from outside.
    public init(start: Int, end: Int) {
        precondition(0 <= start && start < end && end <= 24 * 60, "a working period must satisfy 0 <= start < end <= 1440 minutes")
        self.start = start
        self.end = end
    }

    /// `hour:minute` to `toHour:minute`, e.g. `WorkingPeriod(hour: 13, minute: 30, toHour: 17, minute: 30)`.
    public init(hour: Int, minute: Int, toHour: Int, minute endMinute: Int) {
        self.init(start: hour * 60 + minute, end: toHour * 60 + endMinute)
    }

    /// A period, or `nil` unless `0 <= start < end <= 1440`.
    public init?(validating start: Int, end: Int) {
        guard 0 <= start, start < end, end <= 24 * 60 else { return nil }
        self.start = start
        self.end = end
    }

    /// Its length in minutes.
    public var minutes: Int { end - start }

    /// 08:30–12:00 and 13:30–17:30: 7.5 working hours a day, the hours most 数字城管 centres keep.
    public static let standard: [WorkingPeriod] = [
        WorkingPeriod(start: 8 * 60 + 30, end: 12 * 60),
        WorkingPeriod(start: 13 * 60 + 30, end: 17 * 60 + 30),
    ]

    /// `"08:30–12:00"`.
    public var description: String {
        func clock(_ minutes: Int) -> String {
            let hours = minutes / 60, rest = minutes % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        return "\(clock(start))–\(clock(end))"
    }

    private enum CodingKeys: String, CodingKey { case start, end }

    /// Decodes `{"start": 510, "end": 720}`, rejecting an empty or out-of-day period.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(Int.self, forKey: .start)
        let end = try container.decode(Int.self, forKey: .end)
        guard let period = WorkingPeriod(validating: start, end: end) else {
            throw DecodingError.dataCorruptedError(
                forKey: .end, in: container,
                debugDescription: "working period \(start)…\(end) must satisfy 0 <= start < end <= 1440 minutes")
        }
        self = period
    }
}
