public import Foundation

/// Reading the calendar file `cn_workcalendar.csv`.
///
/// The format: a header `date,kind,name`, then one line per exception, e.g.
/// `2026-02-14,workday,春节`. `kind` is `holiday` (a day off: statutory holiday, weekend day in the
/// break, day off in lieu) or `workday` (a Saturday or Sunday that is worked). Fields are not
/// quoted; surrounding spaces, a byte-order mark, `\r\n` line ends and blank lines are tolerated.
/// Lines may come in any order.
extension WorkingCalendar {
    /// Parses a calendar file; throws a ``CalendarError`` naming the first bad line and field.
    ///
    /// Rejected: a missing or different header, a line without exactly three fields, a date that
    /// is not a real `YYYY-MM-DD` date, a kind other than `holiday`/`workday`, a date listed twice,
    /// a `workday` on Monday–Friday (worked anyway, so surely a typo), and a file without dates.
    ///
    /// ```swift
    /// let calendar = try WorkingCalendar.parseCSV("""
    ///     date,kind,name
    ///     2026-02-14,workday,春节
    ///     2026-02-16,holiday,春节
    ///     """)
    /// ```
    public static func parseCSV(
        _ text: String,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
        workingHours: [WorkingPeriod] = WorkingPeriod.standard
    ) throws(CalendarError) -> WorkingCalendar {
        var days: [CalendarDay] = []
        var firstLine: [Int: Int] = [:]      // day number → line it was listed on
        var sawHeader = false
        var lineNumber = 0

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = rawLine
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            let trimmed = line.trimmed()
            if trimmed.isEmpty { continue }

            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawHeader {
                guard fields == ["date", "kind", "name"] else {
                    throw CalendarError(line: lineNumber, field: nil, reason: .badHeader(trimmed))
                }
                sawHeader = true
                continue
            }
            guard fields.count == 3 else {
                throw CalendarError(line: lineNumber, field: nil, reason: .wrongFieldCount(fields.count))
            }
            guard let date = LocalDate(fields[0]) else {
                throw CalendarError(line: lineNumber, field: "date", reason: .malformedDate(fields[0]))
            }
            guard let kind = CalendarDay.Kind(rawValue: fields[1]) else {
                throw CalendarError(line: lineNumber, field: "kind", reason: .unknownKind(fields[1]))
            }
            let number = date.daysSince1970
            if let earlier = firstLine[number] {
                throw CalendarError(line: lineNumber, field: "date", reason: .duplicateDate(date, firstLine: earlier))
            }
            if kind == .workday, !date.weekday.isWeekend {
                throw CalendarError(line: lineNumber, field: "kind", reason: .workdayOnWeekday(date, date.weekday))
            }
            firstLine[number] = lineNumber
            days.append(CalendarDay(date: date, kind: kind, name: fields[2]))
        }

        guard sawHeader else { throw CalendarError(line: 0, field: nil, reason: .empty) }
        guard !days.isEmpty else { throw CalendarError(line: lineNumber, field: nil, reason: .noRows) }
        guard !workingHours.isEmpty else {
            // Configuration, not file content; still refuse rather than trap.
            throw CalendarError(line: 0, field: "workingHours", reason: .noWorkingHours)
        }
        return WorkingCalendar(days: days, timeZone: timeZone, workingHours: workingHours)
    }
}
