/// 考评节奏 (the rhythm around the monthly evaluation): the quarter's reward and penalty table and
/// the annual total, both made from the month sheets so that every figure traces back to a month.
public struct PeriodTotal: Sendable, Hashable, Codable {
    public var subject: EvaluationSubject
    public var name: String
    /// Each month's score (nil where the month had none).
    public var months: [String: Double?]
    /// The mean of the months with a score.
    public var score: Double?
    public var grade: Grade?
    public var rank: Int?
    /// 奖惩: the actions of the rules that apply (quarters only).
    public var actions: [String]

    enum CodingKeys: String, CodingKey {
        case subject, name, months, score, grade, rank, actions
    }

    /// Totals per object over month sheets (a quarter's three, a year's twelve), ranked, with the
    /// quarterly rules applied when `rules` is given.
    public static func over(_ sheets: [EvaluationSheet], grades: GradeBands, rules: [QuarterlyRule]? = nil) -> [PeriodTotal] {
        var byID: [String: PeriodTotal] = [:]
        var order: [String] = []
        for sheet in sheets {
            for row in sheet.rows {
                if byID[row.subject.id] == nil {
                    order.append(row.subject.id)
                    byID[row.subject.id] = PeriodTotal(subject: row.subject, name: row.name, months: [:], score: nil, grade: nil, rank: nil, actions: [])
                }
                byID[row.subject.id]?.months[sheet.period] = row.score
            }
        }
        var totals = order.compactMap { byID[$0] }
        for i in totals.indices {
            let scores = totals[i].months.values.compactMap { $0 }
            guard !scores.isEmpty else { continue }
            let mean = Evaluator.round(scores.reduce(0, +) / Double(scores.count))
            totals[i].score = mean
            totals[i].grade = grades.grade(mean)
        }
        totals.sort { ($0.score ?? -1, $1.subject.id) > ($1.score ?? -1, $0.subject.id) }
        for (i, rank) in Evaluator.competitionRanks(totals.map(\.score)).enumerated() {
            totals[i].rank = rank
            if let rules, let rank = totals[i].rank, let grade = totals[i].grade {
                totals[i].actions = rules.filter { $0.applies(rank: rank, grade: grade) }.map {
                    $0.amount == 0 ? $0.action : "\($0.action)（\($0.amount > 0 ? "+" : "")\(Evaluator.format($0.amount)) 元）"
                }
            }
        }
        return totals
    }
}
