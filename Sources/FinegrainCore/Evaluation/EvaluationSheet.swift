/// 考评结果表 (the result of one evaluation): one row per object of a level for a period, ranked,
/// with every count, every rate as numerator/denominator, and every score line that produced the
/// total — what a notice publishes and what a reviewer needs to check it.
public struct EvaluationSheet: Sendable, Hashable, Codable {
    public var period: String
    public var periodKind: EvaluationPeriod.Kind
    public var level: EvaluationLevel
    public var configurationVersion: String
    /// SHA-256 of the canonical inputs (``EvaluationInputs``), set by whoever can hash.
    public var inputsHash: String
    public var rows: [EvaluationRow]

    public init(period: String, periodKind: EvaluationPeriod.Kind, level: EvaluationLevel, configurationVersion: String, inputsHash: String = "", rows: [EvaluationRow]) {
        self.period = period
        self.periodKind = periodKind
        self.level = level
        self.configurationVersion = configurationVersion
        self.inputsHash = inputsHash
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case period, level, rows
        case periodKind = "period_kind"
        case configurationVersion = "configuration_version"
        case inputsHash = "inputs_hash"
    }

    public func row(_ id: String) -> EvaluationRow? { rows.first { $0.subject.id == id } }
}

/// 考评层级 (what is ranked together): districts with the functional zones (8 + 3 in Zibo), one of
/// the finer region levels, the city, the departments, or the people of one post.
public enum EvaluationLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case city, district, subdistrict, community, grid, department, inspector
    case `operator`, shiftLeader = "shift_leader", dispatcher

    /// The object kinds ranked at this level.
    public var kinds: [EvaluationSubject.Kind] {
        switch self {
        case .city: [.city]
        case .district: [.district, .zone]
        case .subdistrict: [.subdistrict]
        case .community: [.community]
        case .grid: [.grid]
        case .department: [.department]
        case .inspector: [.inspector]
        case .operator: [.operator]
        case .shiftLeader: [.shiftLeader]
        case .dispatcher: [.dispatcher]
        }
    }

    public var nameZH: String {
        switch self {
        case .district: "区县（功能区）"
        default: kinds[0].nameZH
        }
    }

    /// Districts, zones and subdistricts are evaluated four-in-one every month.
    public var isFourInOne: Bool { self == .district || self == .subdistrict }
}

/// One object's line in a sheet.
public struct EvaluationRow: Sendable, Hashable, Codable {
    public var subject: EvaluationSubject
    public var name: String
    public var counts: [Indicator: Int]
    public var rates: [String: Rate]
    /// 数字城管综合指标值 and, in a four-in-one month, the other three parts.
    public var components: [ScoreComponent]
    public var score: Double?
    public var grade: Grade?
    public var rank: Int?
    public var previousScore: Double?
    public var previousRank: Int?

    public init(subject: EvaluationSubject, name: String, counts: [Indicator: Int], rates: [String: Rate], components: [ScoreComponent], score: Double?, grade: Grade?) {
        self.subject = subject
        self.name = name
        self.counts = counts
        self.rates = rates
        self.components = components
        self.score = score
        self.grade = grade
    }

    enum CodingKeys: String, CodingKey {
        case subject, name, counts, rates, components, score, grade, rank
        case previousScore = "previous_score"
        case previousRank = "previous_rank"
    }

    /// 分值变化 against the previous period.
    public var scoreChange: Double? {
        guard let score, let previousScore else { return nil }
        return Evaluator.round(score - previousScore)
    }

    /// 名次变化: positive when the object moved up.
    public var rankChange: Int? {
        guard let rank, let previousRank else { return nil }
        return previousRank - rank
    }

    public func component(_ key: ScoreComponent.Key) -> ScoreComponent? { components.first { $0.key == key } }
}

/// A part of a total: its score, the weight it had, and the lines that explain it.
public struct ScoreComponent: Sendable, Hashable, Codable {
    public enum Key: String, Sendable, Hashable, Codable, CaseIterable {
        case digital, review
        case keyTasks = "key_tasks"
        case thirdParty = "third_party"

        public var nameZH: String {
            switch self {
            case .digital: "数字城管"
            case .review: "复核督办"
            case .keyTasks: "重点工作"
            case .thirdParty: "第三方测评"
            }
        }
    }

    public var key: Key
    public var score: Double?
    /// The configured weight, and the weight it really had after parts without input were left out.
    public var weight: Double
    public var effectiveWeight: Double
    public var lines: [ScoreLine]

    enum CodingKeys: String, CodingKey {
        case key, score, weight, lines
        case effectiveWeight = "effective_weight"
    }
}

/// One explained term: `按期结案率 737/972 = 75.82 % → 75.82 分 × 40 %`.
public struct ScoreLine: Sendable, Hashable, Codable {
    public var label: String
    public var input: String
    public var score: Double?
    public var weight: Double

    public init(label: String, input: String, score: Double?, weight: Double) {
        self.label = label
        self.input = input
        self.score = score
        self.weight = weight
    }
}
