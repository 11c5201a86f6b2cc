public import Foundation

/// 四位一体 (the four-in-one monthly evaluation of districts, zones and subdistricts): the digital
/// city management score, review and supervision (复核督办), key tasks (重点工作) and the
/// third-party assessment (第三方测评), weighted by ``FourInOneRules``.
public struct FourInOneRules: Sendable, Hashable, Codable {
    public var weights: FourInOneWeights
    /// 第三方测评: the share of the public survey; the field test has the rest.
    public var surveyWeight: Double
    /// 复核督办 starts from this score and loses the deductions of the month.
    public var reviewBase: Double
    /// 扣分标准: what a spot check may find, and its deduction.
    public var deductions: [DeductionItem]
    /// 督办结果扣分: the deduction of a supervision order by its outcome.
    public var supervisionDeductions: [SupervisionOutcome: Double]
    /// 季度奖惩: rules applied to the quarter's ranking.
    public var quarterlyRules: [QuarterlyRule]

    public init(
        weights: FourInOneWeights, surveyWeight: Double, reviewBase: Double, deductions: [DeductionItem],
        supervisionDeductions: [SupervisionOutcome: Double], quarterlyRules: [QuarterlyRule]
    ) {
        self.weights = weights
        self.surveyWeight = surveyWeight
        self.reviewBase = reviewBase
        self.deductions = deductions
        self.supervisionDeductions = supervisionDeductions
        self.quarterlyRules = quarterlyRules
    }

    enum CodingKeys: String, CodingKey {
        case weights, deductions
        case surveyWeight = "survey_weight"
        case reviewBase = "review_base"
        case supervisionDeductions = "supervision_deductions"
        case quarterlyRules = "quarterly_rules"
    }

    public func deduction(_ code: String) -> DeductionItem? { deductions.first { $0.code == code } }

    func problems() -> [String] {
        var problems: [String] = []
        let w = weights
        if [w.digital, w.review, w.keyTasks, w.thirdParty].contains(where: { !(0...1).contains($0) }) || abs(w.digital + w.review + w.keyTasks + w.thirdParty - 1) > 0.0001 {
            problems.append("four_in_one.weights: each within 0…1 and adding up to 1（四位一体权重之和须为 1）")
        }
        if !(0...1).contains(surveyWeight) { problems.append("four_in_one.survey_weight: must be within 0…1（须在 0–1 之间）") }
        if Set(deductions.map(\.code)).count != deductions.count { problems.append("four_in_one.deductions: codes repeat（扣分项编码重复）") }
        for item in deductions where item.points < 0 || item.maxPoints < item.points {
            problems.append("four_in_one.deductions.\(item.code): points must be ≥ 0 and ≤ max_points（扣分须非负且不超过上限）")
        }
        return problems
    }

    /// Defaults (the weights are not national: each city sets its own).
    public static let standard = FourInOneRules(
        weights: FourInOneWeights(digital: 0.4, review: 0.2, keyTasks: 0.2, thirdParty: 0.2),
        surveyWeight: 0.5, reviewBase: 100,
        deductions: [
            DeductionItem(code: "R01", nameZH: "道路不洁、垃圾积存", points: 1, maxPoints: 5),
            DeductionItem(code: "R02", nameZH: "占道经营、店外经营", points: 1, maxPoints: 5),
            DeductionItem(code: "R03", nameZH: "乱堆乱放、乱搭乱建", points: 2, maxPoints: 6),
            DeductionItem(code: "R04", nameZH: "违规广告、乱贴乱画", points: 1, maxPoints: 4),
            DeductionItem(code: "R05", nameZH: "市政设施破损未修复", points: 2, maxPoints: 6),
            DeductionItem(code: "R06", nameZH: "园林绿化缺损", points: 1, maxPoints: 4),
            DeductionItem(code: "R07", nameZH: "渣土撒漏、工地围挡不规范", points: 2, maxPoints: 6),
            DeductionItem(code: "R08", nameZH: "已结案问题复核不实", points: 3, maxPoints: 9),
        ],
        supervisionDeductions: [.pending: 0, .rectified: 0, .rectifiedLate: 2, .unrectified: 5],
        quarterlyRules: [
            QuarterlyRule(action: "通报表扬", actionEN: "commendation", fromRank: 1, toRank: 3, grades: nil, amount: 0),
            QuarterlyRule(action: "约谈", actionEN: "interview", fromRank: nil, toRank: nil, grades: [.d, .e], amount: 0),
        ])
}

public struct FourInOneWeights: Sendable, Hashable, Codable {
    public var digital: Double
    public var review: Double
    public var keyTasks: Double
    public var thirdParty: Double

    public init(digital: Double, review: Double, keyTasks: Double, thirdParty: Double) {
        self.digital = digital
        self.review = review
        self.keyTasks = keyTasks
        self.thirdParty = thirdParty
    }

    enum CodingKeys: String, CodingKey {
        case digital, review
        case keyTasks = "key_tasks"
        case thirdParty = "third_party"
    }
}

/// 扣分项 (a deduction item of the spot-check catalogue).
public struct DeductionItem: Sendable, Hashable, Codable {
    public var code: String
    public var nameZH: String
    /// The usual deduction of one finding; an evaluator may record up to `maxPoints`.
    public var points: Double
    public var maxPoints: Double

    public init(code: String, nameZH: String, points: Double, maxPoints: Double) {
        self.code = code
        self.nameZH = nameZH
        self.points = points
        self.maxPoints = maxPoints
    }

    enum CodingKeys: String, CodingKey {
        case code, points
        case nameZH = "name_zh"
        case maxPoints = "max_points"
    }
}

/// 督办结果 (the outcome of a supervision order).
public enum SupervisionOutcome: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case pending, rectified
    case rectifiedLate = "rectified_late"
    case unrectified

    public var nameZH: String {
        switch self {
        case .pending: "待整改"
        case .rectified: "按期整改"
        case .rectifiedLate: "逾期整改"
        case .unrectified: "未整改"
        }
    }
}

/// 季度奖惩规则: an action for ranks `fromRank…toRank`, or for the grades listed.
public struct QuarterlyRule: Sendable, Hashable, Codable {
    public var action: String
    public var actionEN: String
    public var fromRank: Int?
    public var toRank: Int?
    public var grades: [Grade]?
    /// 奖惩金额 (yuan, positive a reward, negative a penalty; 0 when the action is not monetary).
    public var amount: Double

    public init(action: String, actionEN: String, fromRank: Int?, toRank: Int?, grades: [Grade]?, amount: Double) {
        self.action = action
        self.actionEN = actionEN
        self.fromRank = fromRank
        self.toRank = toRank
        self.grades = grades
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case action, grades, amount
        case actionEN = "action_en"
        case fromRank = "from_rank"
        case toRank = "to_rank"
    }

    public func applies(rank: Int, grade: Grade) -> Bool {
        if let fromRank, let toRank { return (fromRank...toRank).contains(rank) }
        return grades?.contains(grade) ?? false
    }
}

/// 复核督办记录 (a review record): a spot check (复核/抽查) that found a problem, or a supervision
/// order (督办单) and its outcome, counted against the regions it lies in.
///
/// ```swift
/// ReviewRecord(id: "rv-1", kind: .spotCheck, month: "2026-10", regionCodes: ["370303001", "370303"],
///              place: "共青团路与华光路路口", itemCode: "R02", deduction: 1, …)
/// ```
public struct ReviewRecord: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case spotCheck = "spot_check"
        case supervision

        public var nameZH: String { self == .spotCheck ? "复核抽查" : "督办" }
    }

    public var id: String
    public var kind: Kind
    /// The month it counts for (`2026-10`).
    public var month: String
    /// The region where it was found, then its ancestors it counts against (subdistrict, district or zone).
    public var regionCodes: [String]
    public var place: String
    public var location: Coordinate?
    public var itemCode: String?
    public var description: String
    public var photos: [String]
    /// The deduction (spot checks) — supervision orders deduct by outcome.
    public var deduction: Double
    public var outcome: SupervisionOutcome?
    public var foundAt: Date
    public var recordedBy: String
    public var updatedAt: Date

    public init(
        id: String, kind: Kind, month: String, regionCodes: [String], place: String, location: Coordinate?, itemCode: String?, description: String,
        photos: [String], deduction: Double, outcome: SupervisionOutcome?, foundAt: Date, recordedBy: String, updatedAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.month = month
        self.regionCodes = regionCodes
        self.place = place
        self.location = location
        self.itemCode = itemCode
        self.description = description
        self.photos = photos
        self.deduction = deduction
        self.outcome = outcome
        self.foundAt = foundAt
        self.recordedBy = recordedBy
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, month, place, location, description, photos, deduction, outcome
        case regionCodes = "region_codes"
        case itemCode = "item_code"
        case foundAt = "found_at"
        case recordedBy = "recorded_by"
        case updatedAt = "updated_at"
    }

    /// The points this record takes off under `rules`.
    public func points(_ rules: FourInOneRules) -> Double {
        kind == .spotCheck ? deduction : rules.supervisionDeductions[outcome ?? .pending] ?? 0
    }
}

/// 重点工作 (a key task of a month) and its score for one region.
public struct KeyTaskScore: Sendable, Hashable, Codable {
    public var taskID: String
    public var title: String
    public var regionCode: String
    public var fullScore: Double
    public var score: Double
    public var note: String?

    public init(taskID: String, title: String, regionCode: String, fullScore: Double, score: Double, note: String?) {
        self.taskID = taskID
        self.title = title
        self.regionCode = regionCode
        self.fullScore = fullScore
        self.score = score
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case title, score, note
        case taskID = "task_id"
        case regionCode = "region_code"
        case fullScore = "full_score"
    }
}

/// 第三方测评 (a third-party assessment of a region for a month): the public survey and the field
/// test, each 0–100, as imported from the assessor's CSV.
public struct ThirdPartyScore: Sendable, Hashable, Codable {
    public var month: String
    public var regionCode: String
    public var survey: Double
    public var fieldTest: Double
    public var assessor: String
    public var source: String

    public init(month: String, regionCode: String, survey: Double, fieldTest: Double, assessor: String, source: String) {
        self.month = month
        self.regionCode = regionCode
        self.survey = survey
        self.fieldTest = fieldTest
        self.assessor = assessor
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case month, survey, assessor, source
        case regionCode = "region_code"
        case fieldTest = "field_test"
    }
}
