public import Foundation

/// 评价期 (an evaluation period): a half-open interval of instants in the calendar's time zone —
/// a week, month, quarter, year or a custom range of days.
///
/// Periods are named the way people write them, and the name is the key everything is stored under:
///
/// ```swift
/// EvaluationPeriod.parse("2026-10", calendar: calendar)          // October 2026
/// EvaluationPeriod.parse("2026-W44", calendar: calendar)         // ISO week 44 (Mon 10-26 … Sun 11-01)
/// EvaluationPeriod.parse("2026-Q4", calendar: calendar)          // 第四季度
/// EvaluationPeriod.parse("2026", calendar: calendar)             // the year
/// EvaluationPeriod.parse("2026-10-01..2026-10-15", calendar: calendar)  // both days included
/// ```
public struct EvaluationPeriod: Sendable, Hashable, Codable {
    /// 周 · 月 · 季 · 年 · 自定义.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case week, month, quarter, year, custom

        public var nameZH: String {
            switch self {
            case .week: "周"
            case .month: "月"
            case .quarter: "季度"
            case .year: "年度"
            case .custom: "自定义"
            }
        }
    }

    public var kind: Kind
    /// The name: `2026-W44`, `2026-10`, `2026-Q4`, `2026`, `2026-10-01..2026-10-15`.
    public var label: String
    /// The first day and the day after the last (local dates).
    public var firstDay: LocalDate
    public var endDay: LocalDate
    public var start: Date
    public var end: Date

    public init(kind: Kind, label: String, firstDay: LocalDate, endDay: LocalDate, calendar: WorkingCalendar) {
        self.kind = kind
        self.label = label
        self.firstDay = firstDay
        self.endDay = endDay
        self.start = calendar.instant(on: firstDay, hour: 0)
        self.end = calendar.instant(on: endDay, hour: 0)
    }

    public func contains(_ date: Date) -> Bool { start <= date && date < end }

    /// A calendar month (`2026-10`).
    public static func month(_ text: String, calendar: WorkingCalendar) -> EvaluationPeriod? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        return Self.month(year: year, month: month, calendar: calendar)
    }

    public static func month(year: Int, month: Int, calendar: WorkingCalendar) -> EvaluationPeriod? {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        let next = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: month + 1, day: 1)!
        return EvaluationPeriod(kind: .month, label: first.monthLabel, firstDay: first, endDay: next, calendar: calendar)
    }

    /// Parses any of the forms above; nil when the text is none of them.
    public static func parse(_ raw: String, calendar: WorkingCalendar) -> EvaluationPeriod? {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if let range = text.range(of: "..") {
            guard let first = LocalDate(String(text[..<range.lowerBound])), let last = LocalDate(String(text[range.upperBound...])),
                first <= last, first.days(to: last) <= 400
            else { return nil }
            return EvaluationPeriod(kind: .custom, label: "\(first)..\(last)", firstDay: first, endDay: last.adding(days: 1), calendar: calendar)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), parts[0].count == 4, (2000...2100).contains(year) else { return nil }
        if parts.count == 1 {
            return EvaluationPeriod(
                kind: .year, label: String(year), firstDay: LocalDate(year: year, month: 1, day: 1)!,
                endDay: LocalDate(year: year + 1, month: 1, day: 1)!, calendar: calendar)
        }
        guard parts.count == 2 else { return nil }
        let rest = parts[1]
        if rest.hasPrefix("Q"), let q = Int(rest.dropFirst()), (1...4).contains(q) {
            let first = LocalDate(year: year, month: q * 3 - 2, day: 1)!
            let end = q == 4 ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: q * 3 + 1, day: 1)!
            return EvaluationPeriod(kind: .quarter, label: "\(year)-Q\(q)", firstDay: first, endDay: end, calendar: calendar)
        }
        if rest.hasPrefix("W"), let w = Int(rest.dropFirst()), (1...53).contains(w) {
            let monday = isoWeekOneMonday(year).adding(days: (w - 1) * 7)
            guard w < 53 || isoWeekOneMonday(year + 1) > monday else { return nil }
            return EvaluationPeriod(kind: .week, label: String(format: "%04d-W%02d", year, w), firstDay: monday, endDay: monday.adding(days: 7), calendar: calendar)
        }
        guard rest.count == 2, let m = Int(rest) else { return nil }
        return month(year: year, month: m, calendar: calendar)
    }

    /// The Monday of ISO week 1 (the week with the year's first Thursday).
    static func isoWeekOneMonday(_ year: Int) -> LocalDate {
        let january4 = LocalDate(year: year, month: 1, day: 4)!
        return january4.adding(days: -(january4.weekday.rawValue - LocalDate.Weekday.monday.rawValue + 7) % 7)
    }

    /// The period of the same kind just before this one (a custom range: the same number of days).
    public func previous(calendar: WorkingCalendar) -> EvaluationPeriod? {
        switch kind {
        case .month:
            return firstDay.month == 1
                ? Self.month(year: firstDay.year - 1, month: 12, calendar: calendar) : Self.month(year: firstDay.year, month: firstDay.month - 1, calendar: calendar)
        case .week:
            let monday = firstDay.adding(days: -7)
            let thursday = monday.adding(days: 3)
            let week = Self.isoWeekOneMonday(thursday.year).days(to: monday) / 7 + 1
            return Self.parse(String(format: "%04d-W%02d", thursday.year, week), calendar: calendar)
        case .quarter:
            let q = (firstDay.month - 1) / 3 + 1
            return Self.parse(q == 1 ? "\(firstDay.year - 1)-Q4" : "\(firstDay.year)-Q\(q - 1)", calendar: calendar)
        case .year:
            return Self.parse(String(firstDay.year - 1), calendar: calendar)
        case .custom:
            let days = firstDay.days(to: endDay)
            return Self.parse("\(firstDay.adding(days: -days))..\(firstDay.adding(days: -1))", calendar: calendar)
        }
    }

    /// The months this period covers (a quarter's three, a year's twelve); empty for weeks and custom ranges.
    public func months(calendar: WorkingCalendar) -> [EvaluationPeriod] {
        guard kind == .month || kind == .quarter || kind == .year else { return [] }
        var result: [EvaluationPeriod] = []
        var day = firstDay
        while day < endDay, let m = Self.month(year: day.year, month: day.month, calendar: calendar) {
            result.append(m)
            day = m.endDay
        }
        return result
    }
}
