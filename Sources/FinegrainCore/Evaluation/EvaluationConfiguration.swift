/// 考评配置 (the evaluation configuration): every weight, score table, rate formula, deduction and
/// reward rule, versioned with the first month it applies to. A month is always computed with the
/// version in force for it (``EvaluationConfigurationBook``), so publishing a new version never
/// changes a past month.
///
/// ``standard`` is GB/T 30428.4 as digested in china-standards §4.2–§4.3; the parts marked
/// unconfirmed there (the region weights, the 返工率 denominator, the post time limits, the
/// four-in-one weights) are its defaults, meant to be replaced by the city's own rules:
///
/// ```swift
/// var mine = EvaluationConfiguration.standard
/// mine.version = "zibo-2027"
/// mine.effectiveFrom = "2027-01"
/// mine.fourInOne.weights = FourInOneWeights(digital: 0.5, review: 0.2, keyTasks: 0.15, thirdParty: 0.15)
/// ```
public struct EvaluationConfiguration: Sendable, Hashable, Codable {
    public var version: String
    /// The first month (`2026-01`) computed with this version.
    public var effectiveFrom: String
    public var note: String?
    public var grades: GradeBands
    public var rates: [RateDefinition]
    /// 综合指标值: the weighted terms per kind of object (``EvaluationSubject/Kind`` raw value).
    public var composites: [String: [ScoreTerm]]
    /// 分值表: volume score tables by name.
    public var bands: [String: [VolumeBand]]
    public var limits: PostTimeLimits
    public var fourInOne: FourInOneRules

    enum CodingKeys: String, CodingKey {
        case version, note, grades, rates, composites, bands, limits
        case effectiveFrom = "effective_from"
        case fourInOne = "four_in_one"
    }

    public func rate(_ id: String) -> RateDefinition? { rates.first { $0.id == id } }

    /// Checks that every term names a known rate or table, weights are in 0…1 and tables ascend.
    public func problems() -> [String] {
        var problems: [String] = []
        if version.isEmpty { problems.append("version: is empty（版本号为空）") }
        if effectiveFrom.wholeMatch(of: /\d{4}-(0[1-9]|1[0-2])/) == nil { problems.append("effective_from: is not a month like 2026-01（生效月份格式应为 2026-01）") }
        if !(grades.a > grades.b && grades.b > grades.c && grades.c > grades.d && grades.d >= 0) { problems.append("grades: floors must descend A > B > C > D ≥ 0（等级下限须递减）") }
        for (kind, terms) in composites {
            if EvaluationSubject.Kind(rawValue: kind) == nil { problems.append("composites.\(kind): unknown object kind（未知考评对象）") }
            for (i, term) in terms.enumerated() {
                let at = "composites.\(kind)[\(i)]"
                if !(0...1).contains(term.weight) { problems.append("\(at).weight: must be within 0…1（权重须在 0–1 之间）") }
                switch (term.rate, term.volume) {
                case (let rate?, nil): if self.rate(rate) == nil { problems.append("\(at).rate: unknown rate \(rate)（未定义的比率）") }
                case (nil, _?):
                    if bands[term.bands ?? ""] == nil { problems.append("\(at).bands: unknown score table \(term.bands ?? "")（未定义的分值表）") }
                default: problems.append("\(at): give either rate or volume（须指定 rate 或 volume 之一）")
                }
            }
            let total = terms.reduce(0) { $0 + $1.weight }
            if abs(total - 1) > 0.0001 { problems.append("composites.\(kind): weights add up to \(total), not 1（权重之和须为 1）") }
        }
        for (name, table) in bands where zip(table, table.dropFirst()).contains(where: { $0.upTo >= $1.upTo }) || table.isEmpty {
            problems.append("bands.\(name): limits must ascend（分值表上限须递增）")
        }
        problems += fourInOne.problems()
        return problems
    }
}

/// 比率 (a rate formula): numerator and denominator counts; a "bad" rate (返工率, 漏报率) scores
/// `(1 − rate) × 100`.
public struct RateDefinition: Sendable, Hashable, Codable {
    public var id: String
    public var nameZH: String
    public var numerator: Indicator
    public var denominator: Indicator
    public var inverted: Bool

    public init(_ id: String, _ nameZH: String, _ numerator: Indicator, _ denominator: Indicator, inverted: Bool = false) {
        self.id = id
        self.nameZH = nameZH
        self.numerator = numerator
        self.denominator = denominator
        self.inverted = inverted
    }

    enum CodingKeys: String, CodingKey {
        case id, numerator, denominator, inverted
        case nameZH = "name_zh"
    }
}

/// One weighted term of a composite: a rate's score, or a count's score from a table (立案数分值,
/// 受理数分值 …). `per_grid` divides the count by the region's unit grids first, so the per-grid
/// table can score a subdistrict or a district.
public struct ScoreTerm: Sendable, Hashable, Codable {
    public var rate: String?
    public var volume: Indicator?
    public var bands: String?
    public var perGrid: Bool?
    public var weight: Double

    public static func rate(_ id: String, _ weight: Double) -> ScoreTerm { ScoreTerm(rate: id, weight: weight) }
    public static func volume(_ indicator: Indicator, _ bands: String, _ weight: Double, perGrid: Bool? = nil) -> ScoreTerm {
        ScoreTerm(volume: indicator, bands: bands, perGrid: perGrid, weight: weight)
    }

    enum CodingKeys: String, CodingKey {
        case rate, volume, bands, weight
        case perGrid = "per_grid"
    }
}

/// A row of a score table: counts up to `up_to` (inclusive) score `score`; the first row that fits wins.
public struct VolumeBand: Sendable, Hashable, Codable {
    public var upTo: Double
    public var score: Double

    /// The limit of a table's last row ("and above"); JSON has no infinity.
    public static let unlimited: Double = 1_000_000_000

    public init(_ upTo: Double, _ score: Double) {
        self.upTo = upTo
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case score
        case upTo = "up_to"
    }
}

extension Array where Element == VolumeBand {
    /// The score of `value`: the first band whose limit it does not exceed (0 beyond the last).
    public func score(_ value: Double) -> Double { first { value <= $0.upTo }?.score ?? 0 }
}

extension EvaluationConfiguration {
    /// GB/T 30428.4 as digested in china-standards §4 (weights of the region composite and the
    /// other unconfirmed parts are defaults, see the type's documentation).
    public static let standard = EvaluationConfiguration(
        version: "standard-2026", effectiveFrom: "2000-01", note: "GB/T 30428.4 （china-standards §4）; 区域权重 10/20/30/40 为推定值",
        grades: .national,
        rates: [
            RateDefinition("closure_rate", "结案率", .closed, .dueToClose),
            RateDefinition("on_time_closure_rate", "按期结案率", .closedOnTime, .dueToClose),
            RateDefinition("public_report_rate", "监督举报率", .publicReportsFiled, .filed),
            RateDefinition("handling_rate", "处置率", .handled, .dueToHandle),
            RateDefinition("on_time_handling_rate", "按期处置率", .handledOnTime, .dueToHandle),
            RateDefinition("rework_rate", "返工率", .reworked, .handled, inverted: true),
            RateDefinition("valid_report_rate", "监督员有效上报率", .validReports, .inspectorReports),
            RateDefinition("missed_rate", "漏报率", .missed, .areaFiled, inverted: true),
            RateDefinition("on_time_verification_rate", "按时核实率", .verifiedOnTime, .verificationsDue),
            RateDefinition("on_time_check_rate", "按时核查率", .checkedOnTime, .checksDue),
            RateDefinition("verification_dispatch_rate", "核实按时派发率", .verificationRequestsOnTime, .verificationRequests),
            RateDefinition("check_dispatch_rate", "核查按时派发率", .checkRequestsOnTime, .checkRequests),
            RateDefinition("on_time_filing_rate", "按时立案率", .filedOnTime, .filedBy),
            RateDefinition("accurate_filing_rate", "准确立案率", .filedAccurately, .filedBy),
            RateDefinition("on_time_closing_rate", "按时结案率", .closedByOnTime, .closedBy),
            RateDefinition("on_time_dispatch_rate", "按时派遣率", .dispatchedOnTime, .dispatched),
            RateDefinition("accurate_dispatch_rate", "准确派遣率", .dispatchedAccurately, .dispatched),
        ],
        composites: {
            let region: [ScoreTerm] = [
                .rate("public_report_rate", 0.10), .volume(.filed, "filed_per_grid", 0.20, perGrid: true),
                .rate("closure_rate", 0.30), .rate("on_time_closure_rate", 0.40),
            ]
            var all: [String: [ScoreTerm]] = [:]
            for kind in EvaluationSubject.Kind.allCases where kind.isRegion { all[kind.rawValue] = region }
            all[EvaluationSubject.Kind.department.rawValue] = [
                .volume(.assigned, "department_filed", 0.10), .rate("closure_rate", 0.30), .rate("on_time_handling_rate", 0.30), .rate("rework_rate", 0.30),
            ]
            all[EvaluationSubject.Kind.inspector.rawValue] = [
                .rate("valid_report_rate", 0.40), .rate("missed_rate", 0.20), .rate("on_time_verification_rate", 0.20), .rate("on_time_check_rate", 0.20),
            ]
            all[EvaluationSubject.Kind.operator.rawValue] = [
                .volume(.accepted, "accepted", 0.25), .rate("verification_dispatch_rate", 0.40), .rate("check_dispatch_rate", 0.35),
            ]
            all[EvaluationSubject.Kind.shiftLeader.rawValue] = [
                .rate("on_time_filing_rate", 0.25), .rate("accurate_filing_rate", 0.40), .rate("on_time_closing_rate", 0.35),
            ]
            all[EvaluationSubject.Kind.dispatcher.rawValue] = [
                .volume(.dispatched, "dispatched", 0.20), .rate("on_time_dispatch_rate", 0.40), .rate("accurate_dispatch_rate", 0.40),
            ]
            return all
        }(),
        bands: [
            "filed_per_grid": [VolumeBand(0, 100), VolumeBand(2, 90), VolumeBand(4, 75), VolumeBand(6, 60), VolumeBand(8, 40), VolumeBand(VolumeBand.unlimited, 0)],
            "department_filed": [VolumeBand(50, 100), VolumeBand(100, 90), VolumeBand(200, 75), VolumeBand(500, 60), VolumeBand(999, 40), VolumeBand(VolumeBand.unlimited, 0)],
            "accepted": [VolumeBand(100, 0), VolumeBand(300, 40), VolumeBand(500, 60), VolumeBand(1200, 75), VolumeBand(2000, 90), VolumeBand(VolumeBand.unlimited, 100)],
            "dispatched": [VolumeBand(100, 0), VolumeBand(300, 40), VolumeBand(500, 60), VolumeBand(1200, 75), VolumeBand(2000, 90), VolumeBand(VolumeBand.unlimited, 100)],
        ],
        limits: PostTimeLimits(),
        fourInOne: .standard)
}

/// The configuration versions of a city, and which one is in force for a month.
///
/// ```swift
/// let book = EvaluationConfigurationBook([.standard, zibo2027])
/// book.inForce(month: "2026-10")?.version   // "standard-2026"
/// ```
public struct EvaluationConfigurationBook: Sendable {
    public var versions: [EvaluationConfiguration]

    public init(_ versions: [EvaluationConfiguration]) { self.versions = versions }

    /// The version with the latest `effectiveFrom` not after `month` (the standard when none is).
    public func inForce(month: String) -> EvaluationConfiguration {
        versions.filter { $0.effectiveFrom <= month }.max { $0.effectiveFrom < $1.effectiveFrom } ?? .standard
    }

    /// The configuration a sheet was computed under (its `configurationVersion`), e.g. to export
    /// its rates with the same definitions; the standard when the version is unknown.
    public func configuration(of sheet: EvaluationSheet) -> EvaluationConfiguration {
        versions.first { $0.version == sheet.configurationVersion } ?? .standard
    }
}
