public import Foundation

/// 评价期 (an evaluation period): a half-open interval of instants, e.g. a month in China time.
///
/// ```swift
/// let october = EvaluationPeriod.month("2026-10", calendar: calendar)!
/// ```
public struct EvaluationPeriod: Sendable, Hashable {
    public var label: String
    public var start: Date
    public var end: Date

    public init(label: String, start: Date, end: Date) {
        self.label = label
        self.start = start
        self.end = end
    }

    /// A calendar month (`2026-10`) in the calendar's time zone.
    public static func month(_ text: String, calendar: WorkingCalendar) -> EvaluationPeriod? {
        guard let first = LocalDate(text + "-01") else { return nil }
        let next = first.adding(days: 32)
        guard let following = LocalDate(year: next.year, month: next.month, day: 1) else { return nil }
        return EvaluationPeriod(label: text, start: calendar.instant(on: first, hour: 0), end: calendar.instant(on: following, hour: 0))
    }

    public func contains(_ date: Date) -> Bool { start <= date && date < end }
}

/// A rate with its exact numerator and denominator (GB/T 30428.4 rates are ratios of counts), so
/// every figure can be explained and recomputed.
public struct Rate: Sendable, Hashable, Codable {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, _ denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The rate in percent, rounded to two decimals as published (nil when the denominator is 0).
    public var percent: Double? {
        denominator == 0 ? nil : (Double(numerator) / Double(denominator) * 10_000).rounded() / 100
    }
}

/// 评价等级 (grade) of a composite score: A [90,100] · B [75,90) · C [60,75) · D [40,60) · E [0,40).
public enum Grade: String, Sendable, Codable, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    public init(score: Double) {
        self = score >= 90 ? .a : score >= 75 ? .b : score >= 60 ? .c : score >= 40 ? .d : .e
    }
}

/// 区域评价指标 (the national indicators of a region for a period), computed from case histories
/// (GB/T 30428.4 as digested in china-standards §4; the parts marked unconfirmed there are
/// configuration in ``RegionScoring``).
///
/// Definitions used (each a set of cases, so drill-down is the list behind a count):
/// - 立案数: cases filed in the period;
/// - 监督举报核实数: of those, public reports (every channel but the inspectors');
/// - 应结案数: cases whose handling deadline falls in the period, or that were closed in it;
/// - 结案数: of those, closed before the period ends; 按期结案数: closed, and handled on time;
/// - 超期未结案数: of those, still open at the period's end with the deadline passed.
///
/// ```swift
/// let indicators = RegionIndicators.compute(histories: byCase, period: october, region: { $0.districtCode })
/// indicators["370303"]?.closureRate.percent   // 93.72
/// ```
public struct RegionIndicators: Sendable, Hashable, Codable {
    public var region: String
    public var filed: [String] = []
    public var publicReportsFiled: [String] = []
    public var dueToClose: [String] = []
    public var closed: [String] = []
    public var closedOnTime: [String] = []
    public var overdueOpen: [String] = []

    public init(region: String) { self.region = region }

    /// 结案率 = 结案数 / 应结案数.
    public var closureRate: Rate { Rate(closed.count, dueToClose.count) }
    /// 按期结案率 = 按期结案数 / 应结案数.
    public var onTimeClosureRate: Rate { Rate(closedOnTime.count, dueToClose.count) }
    /// 监督举报率 = 监督举报核实数 / 立案数.
    public var publicReportRate: Rate { Rate(publicReportsFiled.count, filed.count) }

    /// Computes the indicators of every region `regionOf` names, from each case's full history
    /// (events after the period's end are ignored: a past month always gives the same figures).
    public static func compute(histories: [[CaseEvent]], period: EvaluationPeriod, region regionOf: (Case) -> String?) -> [String: RegionIndicators] {
        var result: [String: RegionIndicators] = [:]
        for history in histories {
            let upToEnd = history.filter { $0.at < period.end }
            guard let c = try? Case.replay(upToEnd), let region = regionOf(c) else { continue }
            var indicators = result[region] ?? RegionIndicators(region: region)
            let filedAt = upToEnd.first { $0.type == CaseCommand.Kind.file.rawValue }?.at
            if let filedAt, period.contains(filedAt) {
                indicators.filed.append(c.id)
                if c.source != .inspector { indicators.publicReportsFiled.append(c.id) }
            }
            let handle = c.deadlines.last { $0.step == .handle }
            let closedInPeriod = c.closedAt.map(period.contains) ?? false
            if let handle, period.contains(handle.dueAt) || closedInPeriod {
                indicators.dueToClose.append(c.id)
                if c.status == .closed {
                    indicators.closed.append(c.id)
                    if handle.onTime == true { indicators.closedOnTime.append(c.id) }
                } else if handle.dueAt < period.end {
                    indicators.overdueOpen.append(c.id)
                }
            }
            result[region] = indicators
        }
        return result
    }
}

/// 区域综合指标值 (the region composite), configuration because its weights are not confirmed:
/// the standard reading is 监督举报率 10 %, 立案数分值 20 %, 结案率 30 %, 按期结案率 40 %.
public struct RegionScoring: Sendable, Hashable, Codable {
    public var publicReportWeight = 0.10
    public var filedCountWeight = 0.20
    public var closureWeight = 0.30
    public var onTimeClosureWeight = 0.40
    /// 立案数分值 bands: (at most this many cases per region, score), the first that fits.
    public var filedCountBands: [Band] = [Band(upTo: 50, score: 100), Band(upTo: 100, score: 90), Band(upTo: 200, score: 75),
                                          Band(upTo: 500, score: 60), Band(upTo: 1000, score: 40), Band(upTo: Int.max, score: 0)]

    public struct Band: Sendable, Hashable, Codable {
        public var upTo: Int
        public var score: Double
    }

    public init() {}

    /// The composite score (0–100) and its grade; rates without a denominator count as 100.
    public func score(_ i: RegionIndicators) -> (score: Double, grade: Grade) {
        let filedScore = filedCountBands.first { i.filed.count <= $0.upTo }?.score ?? 0
        let total = publicReportWeight * (i.publicReportRate.percent ?? 100) + filedCountWeight * filedScore
            + closureWeight * (i.closureRate.percent ?? 100) + onTimeClosureWeight * (i.onTimeClosureRate.percent ?? 100)
        let rounded = (total * 100).rounded() / 100
        return (rounded, Grade(score: rounded))
    }
}
