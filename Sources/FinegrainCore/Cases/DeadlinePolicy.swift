import Foundation

/// 时限规则 (deadline policy): the time limit of each step for each class and urgency, and the
/// thresholds of the lights — versioned configuration, in force from a date, naming its basis.
///
/// National defaults exist only for 核实 and 核查 (30 minutes, eGova); 立案, 派遣 and 处置 limits are
/// set per class by each city (china-standards §3.2). The standard policy below is a starting
/// point a city replaces with its own (`deadline-policy.json`).
///
/// ```swift
/// let limit = policy.limit(for: .handle, classKind: .matter, classCode: "06001", urgency: .urgent)
/// ```
public struct DeadlinePolicy: Sendable, Hashable, Codable {
    /// One limit: for a step, classes whose code starts with `codePrefix` (empty = all) of a kind
    /// (nil = both), and an urgency (nil = all). The most specific matching rule wins.
    public struct Rule: Sendable, Hashable, Codable {
        public var step: CaseStep
        public var classKind: ClassKind?
        public var codePrefix: String
        public var urgency: Urgency?
        public var limit: WorkDuration

        public init(step: CaseStep, classKind: ClassKind? = nil, codePrefix: String = "", urgency: Urgency? = nil, limit: WorkDuration) {
            self.step = step
            self.classKind = classKind
            self.codePrefix = codePrefix
            self.urgency = urgency
            self.limit = limit
        }

        var specificity: Int { codePrefix.count * 4 + (classKind == nil ? 0 : 2) + (urgency == nil ? 0 : 1) }

        enum CodingKeys: String, CodingKey {
            case step, urgency, limit
            case classKind = "class_kind"
            case codePrefix = "code_prefix"
        }
    }

    enum CodingKeys: String, CodingKey {
        case version, basis, rules
        case effectiveFrom = "effective_from"
        case yellowAt = "yellow_at"
        case redAt = "red_at"
    }

    public var version: String
    public var effectiveFrom: String
    /// Where the numbers come from (standard, clause, local decree).
    public var basis: String
    public var rules: [Rule]
    /// Fraction of the limit at which the light turns yellow, and red.
    public var yellowAt: Double
    public var redAt: Double

    public init(version: String, effectiveFrom: String, basis: String, rules: [Rule], yellowAt: Double = 0.8, redAt: Double = 1.0) {
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.basis = basis
        self.rules = rules
        self.yellowAt = yellowAt
        self.redAt = redAt
    }

    /// The limit for a step; every step has a catch-all rule in a valid policy.
    public func limit(for step: CaseStep, classKind: ClassKind, classCode: String, urgency: Urgency) -> WorkDuration {
        let matching = rules.filter {
            $0.step == step && ($0.classKind == nil || $0.classKind == classKind) && classCode.hasPrefix($0.codePrefix)
                && ($0.urgency == nil || $0.urgency == urgency)
        }
        if let best = matching.max(by: { $0.specificity < $1.specificity }) { return best.limit }
        return .workingDays(1)
    }

    /// The light for the fraction of a limit used.
    public func light(forFraction fraction: Double) -> DeadlineLight {
        fraction >= redAt ? .red : fraction >= yellowAt ? .yellow : .green
    }

    /// The standard starting policy: 核实/核查 30 working minutes (eGova defaults); 立案 and 派遣 one
    /// working hour; 处置 two working days (一般), four working hours (紧急), two natural hours (特急);
    /// street-order matters (09xxx) one working day.
    public static let standard = DeadlinePolicy(
        version: "standard-1", effectiveFrom: "2026-01-01",
        basis: "核实/核查: eGova defaults (china-standards §3.2); others: Finegrain starting values, to be set by each city",
        rules: [
            Rule(step: .verify, limit: .workingMinutes(30)),
            Rule(step: .check, limit: .workingMinutes(30)),
            Rule(step: .file, limit: .workingMinutes(60)),
            Rule(step: .dispatch, limit: .workingMinutes(60)),
            Rule(step: .handle, limit: .workingDays(2)),
            Rule(step: .handle, urgency: .urgent, limit: .workingMinutes(240)),
            Rule(step: .handle, urgency: .emergency, limit: .naturalMinutes(120)),
            Rule(step: .verify, urgency: .emergency, limit: .naturalMinutes(30)),
            Rule(step: .check, urgency: .emergency, limit: .naturalMinutes(30)),
            Rule(step: .file, urgency: .emergency, limit: .naturalMinutes(30)),
            Rule(step: .dispatch, urgency: .emergency, limit: .naturalMinutes(30)),
            Rule(step: .handle, classKind: .matter, codePrefix: "09", urgency: .normal, limit: .workingDays(1)),
        ])
}
