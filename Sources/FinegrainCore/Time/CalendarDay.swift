/// One exception to the Monday–Friday week, as published by the State Council (国务院办公厅关于
/// 部分节假日安排的通知): a day off, or a weekend day made into a working day (调休).
///
/// Why: a working calendar is "weekdays, except these dates"; only the exceptions are data, and
/// each keeps the festival it belongs to so a deadline display can say *why* a day is skipped.
///
/// ```swift
/// let day = CalendarDay(date: LocalDate("2026-02-14")!, kind: .workday, name: "春节")
/// day.kind.isWorkingDay     // true: a Saturday worked in exchange for the Spring Festival break
/// ```
public struct CalendarDay: Sendable, Hashable, Codable {
    /// What the exception makes of its date.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A day off: a statutory holiday, a weekend day inside the break, or a day off in lieu.
        case holiday
        /// A Saturday or Sunday that is worked (调休上班).
        case workday

        /// Whether the date is worked.
        public var isWorkingDay: Bool { self == .workday }
    }

    /// The local date.
    public let date: LocalDate
    /// Day off or makeup workday.
    public let kind: Kind
    /// The festival it belongs to, e.g. `春节`, `国庆节`; may be empty.
    public let name: String

    public init(date: LocalDate, kind: Kind, name: String) {
        self.date = date
        self.kind = kind
        self.name = name
    }
}

/// Why a working-calendar file was rejected, naming its line (1 = the header) and field.
///
/// Why: the calendar is edited by hand every December when the next year's arrangement is
/// published; a wrong line must be found at once, and must never load as a silently shifted
/// deadline.
///
/// ```swift
/// do { _ = try WorkingCalendar.parseCSV(text) }
/// catch { print(error) }    // line 12: kind "holday" is not holiday or workday
/// ```
public struct CalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The specific fault.
    public enum Reason: Hashable, Sendable {
        /// The text has no lines at all.
        case empty
        /// The first line is not `date,kind,name`.
        case badHeader(String)
        /// A line does not have exactly three comma-separated fields.
        case wrongFieldCount(Int)
        /// The `date` field is not a valid `YYYY-MM-DD` date.
        case malformedDate(String)
        /// The `kind` field is neither `holiday` nor `workday`.
        case unknownKind(String)
        /// The date already appeared on an earlier line.
        case duplicateDate(LocalDate, firstLine: Int)
        /// A `workday` row falls on Monday–Friday, which is worked anyway: most likely a typo.
        case workdayOnWeekday(LocalDate, LocalDate.Weekday)
        /// The header is there but no date follows.
        case noRows
        /// No working periods were configured (``line`` is 0: not the file's fault).
        case noWorkingHours
    }

    /// The 1-based line number (the header is line 1; 0 when the text is empty).
    public let line: Int
    /// The field at fault (`date`, `kind`), or `nil` when the whole line is.
    public let field: String?
    /// What is wrong.
    public let reason: Reason

    public init(line: Int, field: String?, reason: Reason) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        let message = switch reason {
        case .empty: "the calendar is empty; expected the header date,kind,name"
        case .badHeader(let text): "header \"\(text)\" is not date,kind,name"
        case .wrongFieldCount(let n): "expected 3 fields (date,kind,name), found \(n)"
        case .malformedDate(let text): "date \"\(text)\" is not a valid YYYY-MM-DD date"
        case .unknownKind(let text): "kind \"\(text)\" is not holiday or workday"
        case .duplicateDate(let date, let first): "date \(date) is already listed on line \(first)"
        case .workdayOnWeekday(let date, let weekday):
            "date \(date) is a \(weekday), a working day anyway; a workday row must be a Saturday or Sunday"
        case .noRows: "the calendar lists no dates"
        case .noWorkingHours: "no working hours are configured"
        }
        return "line \(line): \(message)"
    }
}
