/// A calendar date without a time or a time zone: the 2026-02-14 printed in a State Council notice.
///
/// Why: holidays (法定节假日) and makeup workdays (调休) are *local* dates. Keying them by `Date`
/// (an instant) invites off-by-one-day bugs at midnight and in other time zones; a plain
/// year-month-day value, converted to instants only by ``WorkingCalendar``, cannot drift.
///
/// Day arithmetic uses the proleptic Gregorian calendar through a day count since 1970-01-01
/// (H. Hinnant's civil-date algorithms), so it needs no `Calendar` and is exact for any year.
///
/// ```swift
/// let date = LocalDate("2026-02-14")!     // nil for "2026-02-30" or "14/02/2026"
/// date.weekday                            // .saturday
/// date.adding(days: 10)                   // 2026-02-24
/// date.description                        // "2026-02-14"
/// ```
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// A day of the week, numbered as in ISO 8601 (Monday = 1 … Sunday = 7), because the
    /// working-day rule only asks "Monday–Friday or weekend?" and ISO numbering makes that `>= 6`.
    ///
    /// ```swift
    /// LocalDate("2026-09-20")!.weekday.isWeekend   // true (a Sunday, worked that year as 调休)
    /// ```
    public enum Weekday: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

        /// `"Monday"` … `"Sunday"`.
        public var description: String {
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1]
        }

        /// Saturday or Sunday: a rest day unless a calendar says it is a makeup workday.
        public var isWeekend: Bool { self == .saturday || self == .sunday }
    }

    /// The year, 1…9999.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…28/29/30/31.
    public let day: Int

    /// A validated date; `nil` if the day does not exist (2026-02-29) or the year is outside 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO 8601 calendar form `YYYY-MM-DD` exactly (four-digit year, two-digit month and day).
    public init?(_ iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date `daysSince1970` days after 1970-01-01 (negative: before it).
    public init(daysSince1970: Int) {
        // civil_from_days (Hinnant): eras of 400 years = 146 097 days, starting on 0000-03-01.
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (that day is 0).
    public var daysSince1970: Int {
        // days_from_civil (Hinnant).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day of the week.
    public var weekday: Weekday { LocalDate.weekday(daysSince1970: daysSince1970) }

    /// The date `days` days later (earlier if negative).
    public func adding(days: Int) -> LocalDate { LocalDate(daysSince1970: daysSince1970 + days) }

    /// The number of days from `self` to `other` (negative if `other` is earlier).
    public func days(to other: LocalDate) -> Int { other.daysSince1970 - daysSince1970 }

    /// `YYYY-MM`: the month this day belongs to, as evaluations and configurations name months.
    public var monthLabel: String { String(description.prefix(7)) }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Encoded as the ISO string `"2026-02-14"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a YYYY-MM-DD date")
        }
        self = date
    }

    /// 28…31.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The weekday of a day number; 1970-01-01 was a Thursday.
    static func weekday(daysSince1970 days: Int) -> Weekday {
        let index = ((days + 3) % 7 + 7) % 7   // 0 = Monday
        return Weekday(rawValue: index + 1) ?? .monday
    }
}
