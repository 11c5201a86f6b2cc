public import Foundation

/// Deadlines and elapsed working time.
///
/// Conventions, shared by every method here so that they agree with one another:
/// - working time is the part of an interval that falls in a ``WorkingCalendar/workingHours``
///   period of a working day; a period is half-open, `[start, end)`;
/// - a deadline is the *first* instant at which the duration has elapsed: 08:30 + 210 working
///   minutes is 12:00 the same day, not 13:30;
/// - a start outside working hours (night, lunch break, exactly 12:00 or 17:30, a holiday) begins
///   counting at the next period start;
/// - negative amounts count as zero (``adding(_:to:)`` then returns the start unchanged).
///
/// Cost: whole days are skipped with one table look-up each; no method walks minute by minute.
/// A one-year span takes some microseconds.
extension WorkingCalendar {
    /// The instant at which `duration` has elapsed after `start`.
    ///
    /// ```swift
    /// // Fri 2026-02-13 16:00 + 3 working hours: 90 min on Friday, 90 on Saturday 2026-02-14 (调休)
    /// calendar.adding(.workingMinutes(180), to: fridayFour)   // 2026-02-14 10:00 +08:00
    /// calendar.adding(.naturalMinutes(120), to: fridayFour)   // 2026-02-13 18:00 +08:00
    /// ```
    public func adding(_ duration: WorkDuration, to start: Date) -> Date {
        switch duration {
        case .naturalMinutes(let minutes):
            start.addingTimeInterval(Double(max(0, minutes)) * 60)
        case .workingMinutes(let minutes):
            addingWorking(seconds: Double(max(0, minutes)) * 60, to: start)
        case .workingDays(let days):
            addingWorking(seconds: Double(max(0, days)) * Double(minutesPerWorkingDay) * 60, to: start)
        }
    }

    /// Whole minutes of working time between `from` and `to`; 0 if `to <= from`.
    ///
    /// Rounded down, with a tolerance of one millisecond for floating-point noise and for
    /// instants stored at millisecond precision, so that
    /// `workingMinutes(from: s, to: adding(.workingMinutes(m), to: s)) == m` for every `s` and `m`.
    ///
    /// ```swift
    /// calendar.workingMinutes(from: fridayFour, to: saturdayTen)   // 180
    /// ```
    public func workingMinutes(from: Date, to: Date) -> Int {
        Int(((workingSeconds(from: from, to: to) + 0.001) / 60).rounded(.down))
    }

    /// Working time between `from` and `to` in seconds, unrounded; 0 if `to <= from`.
    public func workingSeconds(from: Date, to: Date) -> TimeInterval {
        guard to > from else { return 0 }
        let (firstDay, firstOffset) = split(localSeconds(from))
        let (lastDay, lastOffset) = split(localSeconds(to))
        if firstDay == lastDay {
            return isWorkingDay(dayNumber: firstDay) ? overlap(firstOffset, lastOffset) : 0
        }
        guard firstDay < lastDay else { return 0 }
        var total = isWorkingDay(dayNumber: firstDay) ? overlap(firstOffset, 86_400) : 0
        let dayLength = Double(minutesPerWorkingDay) * 60
        var day = firstDay + 1
        while day < lastDay {
            if isWorkingDay(dayNumber: day) { total += dayLength }
            day += 1
        }
        if isWorkingDay(dayNumber: lastDay) { total += overlap(0, lastOffset) }
        return total
    }

    /// The fraction of `duration` used up at `to`, for a case started at `from`: 0 at the start,
    /// 1 at the deadline, above 1 when overdue. Working time for working durations, wall-clock
    /// time for ``WorkDuration/naturalMinutes(_:)``. Never negative; a zero limit is 1 (due at once).
    ///
    /// ```swift
    /// let used = calendar.elapsed(.workingDays(3), from: reportedAt, to: .now)
    /// let light = used >= 1 ? "red" : used >= 0.8 ? "yellow" : "green"
    /// ```
    public func elapsed(_ duration: WorkDuration, from: Date, to: Date) -> Double {
        let limit: Double
        let used: Double
        switch duration {
        case .naturalMinutes(let minutes):
            limit = Double(minutes) * 60
            used = max(0, to.timeIntervalSince(from))
        case .workingMinutes(let minutes):
            limit = Double(minutes) * 60
            used = workingSeconds(from: from, to: to)
        case .workingDays(let days):
            limit = Double(days) * Double(minutesPerWorkingDay) * 60
            used = workingSeconds(from: from, to: to)
        }
        guard limit > 0 else { return 1 }
        return used / limit
    }

    // MARK: Internals

    private func addingWorking(seconds: Double, to start: Date) -> Date {
        guard seconds > 0 else { return start }
        var remaining = seconds
        var (day, offset) = split(localSeconds(start))
        let dayLength = Double(minutesPerWorkingDay) * 60
        let firstStart = periods[0].start
        while true {
            if isWorkingDay(dayNumber: day) {
                if offset <= firstStart, remaining > dayLength {
                    remaining -= dayLength            // the whole day is used; skip it in one step
                } else {
                    for period in periods where period.end > offset {
                        let begin = max(period.start, offset)
                        let available = period.end - begin
                        if remaining <= available {
                            return instant(localSeconds: Double(day) * 86_400 + begin + remaining)
                        }
                        remaining -= available
                    }
                }
            }
            day += 1
            offset = 0
        }
    }

    /// Day number and seconds into that day of a local-seconds value.
    private func split(_ local: Double) -> (day: Int, offset: Double) {
        let day = (local / 86_400).rounded(.down)
        return (Int(day), local - day * 86_400)
    }

    /// Working seconds of one working day between `from` and `to` seconds after midnight.
    private func overlap(_ from: Double, _ to: Double) -> Double {
        var total = 0.0
        for period in periods {
            let length = min(period.end, to) - max(period.start, from)
            if length > 0 { total += length }
        }
        return total
    }
}
