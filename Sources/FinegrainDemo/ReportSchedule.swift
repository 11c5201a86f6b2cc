public import FinegrainCore
public import Foundation

/// 报案时刻表 (when reports come in): the report times of a run of generated cases, in the order
/// of their numbers, following the city's rhythm — busier on working days than at weekends,
/// quieter on holidays, and mostly by day (07:00–21:00 local time).
///
/// Why in order: a city's cases arrive in time order, so every index keyed by a time (reports,
/// deadlines, the event log's times, case numbers) grows at its end. Cases drawn at random times
/// across the years put every insert in a random place of every such index, and at a million cases
/// the generator was writing most of those indexes' pages on every batch.
///
/// Case `first + k` of `count` is reported at the point where the rhythm's running total reaches
/// `(k + jitter) / count` of the whole (an hourly table, inverted by binary search), so the times
/// rise with the number and the mix of days and hours is the rhythm's exactly.
///
/// ```swift
/// let schedule = ReportSchedule(calendar: calendar, from: start, to: end, first: 0, count: 1_000)
/// let reported = schedule.time(of: 17, jitter: 0.5)
/// ```
public struct ReportSchedule: Sendable {
    public let from: Date
    public let to: Date
    /// The first case number of the run, and how many cases it holds.
    public let first: Int
    public let count: Int
    /// The rhythm's running total at the end of each hour from `from`.
    let cumulative: [Double]

    /// Relative rates: a working day, a holiday, another day off; an hour by day, by night.
    static let workingDay = 1.0, holiday = 0.35, dayOff = 0.6, daytime = 1.0, night = 0.15

    public init(calendar: WorkingCalendar, from: Date, to: Date, first: Int, count: Int) {
        self.from = from
        self.to = max(to, from.addingTimeInterval(3_600))
        self.first = first
        self.count = max(1, count)
        let hours = Int((self.to.timeIntervalSince(from) / 3_600).rounded(.up))
        var cumulative: [Double] = []
        cumulative.reserveCapacity(hours)
        var total = 0.0
        var day: LocalDate?
        var dayWeight = Self.workingDay
        for hour in 0..<hours {
            let start = from.addingTimeInterval(Double(hour) * 3_600)
            let date = calendar.localDate(of: start)
            if date != day {
                day = date
                dayWeight = calendar.isWorkingDay(date) ? Self.workingDay : calendar.holidayName(date) != nil ? Self.holiday : Self.dayOff
            }
            let localHour = Int((start.timeIntervalSince1970 + 8 * 3_600).truncatingRemainder(dividingBy: 86_400) / 3_600)
            total += dayWeight * ((7...20).contains(localHour) ? Self.daytime : Self.night)
            cumulative.append(total)
        }
        self.cumulative = cumulative
    }

    /// The report time of case `index` (taken within the run, modulo its size), `jitter` in [0, 1)
    /// placing it within its share of the rhythm.
    public func time(of index: Int, jitter: Double) -> Date {
        guard let total = cumulative.last, total > 0 else { return from }
        let position = ((index - first) % count + count) % count
        let target = (Double(position) + min(max(jitter, 0), 0.999_999)) / Double(count) * total
        // The first hour whose running total reaches the target.
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        let before = low == 0 ? 0 : cumulative[low - 1]
        let fraction = (target - before) / max(cumulative[low] - before, .leastNonzeroMagnitude)
        return min(from.addingTimeInterval((Double(low) + fraction) * 3_600), to.addingTimeInterval(-0.001))
    }
}
