public import Foundation

/// The working calendar (工作日历) in which the deadlines of city cases are counted.
///
/// Why: a case reported on Friday at 16:00 with 3 working hours to act is due on Monday morning —
/// or on Saturday morning, when that Saturday is a makeup workday (调休) — and never during the
/// Spring Festival break. Every deadline, remaining-time display and traffic light (绿/黄/红灯)
/// goes through one calendar so they all agree.
///
/// **Rule.** A date is a working day if it is listed as a `workday`, or it is Monday–Friday and
/// not listed as a `holiday`. Within a working day, only the ``workingHours`` count.
///
/// **Coverage.** The State Council publishes each year's arrangement in the preceding November or
/// December, so the data ends somewhere. ``coverage`` is the span of the listed dates widened to
/// whole years; outside it the calendar knows weekends only. It says so: check ``isCovered(_:)``
/// and warn instead of presenting a deadline next January as certain. (Caveat: a notice
/// occasionally moves days at the very end of the preceding year, e.g. 2018-12-29 was worked for
/// the 2019 New Year; the last covered December can change when the next notice appears.)
///
/// **Time zone.** Dates are local dates of ``timeZone`` (China Standard Time, `Asia/Shanghai`,
/// UTC+8, no daylight saving since 1991, by default). Conversions between instants and local
/// wall-clock time use `timeZone.secondsFromGMT(for:)`; all day arithmetic is done by hand on
/// day numbers (see ``LocalDate``), which needs no `Calendar` and is exact. Working time is
/// wall-clock time: in a zone with daylight saving, a period is as long as its clock says.
///
/// ```swift
/// let calendar = try WorkingCalendar.parseCSV(csvText)           // Asia/Shanghai, 08:30–12:00, 13:30–17:30
/// calendar.isWorkingDay(LocalDate("2026-02-14")!)               // true (Saturday, 调休)
/// let due = calendar.adding(.workingMinutes(180), to: reported) // Fri 16:00 → Sat 2026-02-14 10:00
/// calendar.workingMinutes(from: reported, to: .now)             // time used so far
/// if !calendar.isCovered(calendar.localDate(of: due)) { /* warn: holidays not yet published */ }
/// ```
public struct WorkingCalendar: Sendable {
    /// The listed exceptions, sorted by date.
    public let days: [CalendarDay]
    /// The zone whose local dates and office hours the calendar speaks of.
    public let timeZone: TimeZone
    /// Office hours of every working day, sorted, with overlapping or touching periods merged.
    public let workingHours: [WorkingPeriod]
    /// The length of one working day in minutes (450 with ``WorkingPeriod/standard``).
    public let minutesPerWorkingDay: Int
    /// The first January 1 to the last December 31 of the years the listed dates fall in.
    public let coverage: ClosedRange<LocalDate>

    /// Listed dates by day number.
    private let entries: [Int: CalendarDay]
    /// Day number of `coverage.lowerBound`.
    let firstCoveredDay: Int
    /// Whether each covered day, from `firstCoveredDay`, is worked.
    private let workingFlags: [Bool]
    /// `workingHours` in seconds since midnight.
    let periods: [(start: Double, end: Double)]

    /// A calendar of the given exceptions and office hours.
    ///
    /// A date listed more than once takes its last listing (``parseCSV(_:timeZone:workingHours:)``
    /// rejects such input instead). Working periods may be given in any order.
    ///
    /// - Precondition: `days` and `workingHours` are not empty. A calendar without data cannot say
    ///   what it covers, and one without office hours would never reach a deadline.
    public init(days: [CalendarDay], timeZone: TimeZone, workingHours: [WorkingPeriod]) {
        precondition(!days.isEmpty, "a working calendar needs at least one listed date to define its coverage")
        precondition(!workingHours.isEmpty, "a working calendar needs at least one working period")

        var entries: [Int: CalendarDay] = [:]
        for day in days { entries[day.date.daysSince1970] = day }
        let sortedDays = entries.values.sorted { $0.date < $1.date }
        self.entries = entries
        self.days = sortedDays
        self.timeZone = timeZone

        var merged: [WorkingPeriod] = []
        for period in workingHours.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, period.start <= last.end {
                merged[merged.count - 1] = WorkingPeriod(start: last.start, end: max(last.end, period.end))
            } else {
                merged.append(period)
            }
        }
        self.workingHours = merged
        self.minutesPerWorkingDay = merged.reduce(0) { $0 + $1.minutes }
        self.periods = merged.map { (start: Double($0.start * 60), end: Double($0.end * 60)) }

        let first = sortedDays[0].date, last = sortedDays[sortedDays.count - 1].date
        let lower = LocalDate(year: first.year, month: 1, day: 1) ?? first
        let upper = LocalDate(year: last.year, month: 12, day: 31) ?? last
        self.coverage = lower...upper
        self.firstCoveredDay = lower.daysSince1970
        self.workingFlags = (lower.daysSince1970...upper.daysSince1970).map { number in
            if let entry = entries[number] { return entry.kind.isWorkingDay }
            return !LocalDate.weekday(daysSince1970: number).isWeekend
        }
    }

    // MARK: Days

    /// Whether `date` is worked: a listed `workday`, or Monday–Friday and not a listed `holiday`.
    /// Outside ``coverage`` this is the plain Monday–Friday rule.
    public func isWorkingDay(_ date: LocalDate) -> Bool { isWorkingDay(dayNumber: date.daysSince1970) }

    /// The festival a listed day off belongs to (`"春节"`), or `nil` for a working day, an ordinary
    /// weekend, or an unlisted date.
    public func holidayName(_ date: LocalDate) -> String? {
        guard let entry = entries[date.daysSince1970], entry.kind == .holiday else { return nil }
        return entry.name
    }

    /// The listed exception for `date`, holiday or makeup workday, if any.
    public func entry(for date: LocalDate) -> CalendarDay? { entries[date.daysSince1970] }

    /// Whether the published arrangement reaches `date`; if not, only weekends are known there.
    public func isCovered(_ date: LocalDate) -> Bool { coverage.contains(date) }

    /// The first working day after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var number = date.daysSince1970 + 1
        while !isWorkingDay(dayNumber: number) { number += 1 }
        return LocalDate(daysSince1970: number)
    }

    // MARK: Instants and local time

    /// The local date, in ``timeZone``, at `instant`.
    public func localDate(of instant: Date) -> LocalDate {
        LocalDate(daysSince1970: Int((localSeconds(instant) / 86_400).rounded(.down)))
    }

    /// The instant at which the clocks of ``timeZone`` show `hour:minute` on `date`.
    ///
    /// ```swift
    /// calendar.instant(on: LocalDate("2026-02-13")!, hour: 16)   // 2026-02-13T08:00:00Z in Asia/Shanghai
    /// ```
    public func instant(on date: LocalDate, hour: Int, minute: Int = 0) -> Date {
        instant(localSeconds: Double(date.daysSince1970) * 86_400 + Double(hour * 3600 + minute * 60))
    }

    // MARK: Internals shared with the arithmetic

    func isWorkingDay(dayNumber: Int) -> Bool {
        let index = dayNumber - firstCoveredDay
        if index >= 0, index < workingFlags.count { return workingFlags[index] }
        return !LocalDate.weekday(daysSince1970: dayNumber).isWeekend
    }

    /// Seconds since 1970-01-01 00:00 *local* time (wall clock read as if it were UTC).
    func localSeconds(_ instant: Date) -> Double {
        instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
    }

    /// The inverse of ``localSeconds(_:)``; in a gap or overlap of daylight saving, the offset in
    /// force just after the transition guess wins.
    func instant(localSeconds local: Double) -> Date {
        let guess = Date(timeIntervalSince1970: local - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        return Date(timeIntervalSince1970: local - Double(timeZone.secondsFromGMT(for: guess)))
    }
}
