import Foundation

/// 考评计算 (the evaluation itself): turns an ``IndicatorLedger`` plus the four-in-one inputs into a
/// ranked ``EvaluationSheet`` under one ``EvaluationConfiguration``. Pure and deterministic: the
/// same inputs give the same sheet, which is what publication relies on.
///
/// ```swift
/// let sheet = Evaluator(configuration: config).evaluate(
///     ledger: ledger, period: october, level: .district, objects: districtsAndZones, inputs: fourInOne)
/// sheet.rows[0].rank   // 1
/// ```
public struct Evaluator: Sendable {
    public var configuration: EvaluationConfiguration

    public init(configuration: EvaluationConfiguration) { self.configuration = configuration }

    /// An object to evaluate: regions come from the tree (so a region without cases still gets a
    /// row), people and departments from the directory.
    public struct Object: Sendable, Hashable {
        public var subject: EvaluationSubject
        public var name: String
        /// Unit grids in the region (for per-grid score tables).
        public var gridCount: Int

        public init(subject: EvaluationSubject, name: String, gridCount: Int = 0) {
            self.subject = subject
            self.name = name
            self.gridCount = gridCount
        }
    }

    /// The four-in-one inputs of a month.
    public struct FourInOneInputs: Sendable, Hashable, Codable {
        public var reviews: [ReviewRecord]
        public var keyTasks: [KeyTaskScore]
        public var thirdParty: [ThirdPartyScore]

        public init(reviews: [ReviewRecord] = [], keyTasks: [KeyTaskScore] = [], thirdParty: [ThirdPartyScore] = []) {
            self.reviews = reviews
            self.keyTasks = keyTasks
            self.thirdParty = thirdParty
        }

        enum CodingKeys: String, CodingKey {
            case reviews
            case keyTasks = "key_tasks"
            case thirdParty = "third_party"
        }
    }

    public func evaluate(
        ledger: IndicatorLedger, period: EvaluationPeriod, level: EvaluationLevel, objects: [Object], inputs: FourInOneInputs = FourInOneInputs()
    ) -> EvaluationSheet {
        let fourInOne = level.isFourInOne && period.kind == .month
        var rows: [EvaluationRow] = []
        var known = Set<EvaluationSubject>()
        var all = objects
        // Objects the directory does not know (a former user, a department since removed) still get a row.
        let given = Set(objects.map(\.subject))
        for kind in level.kinds {
            for subject in ledger.subjects(of: kind) where !given.contains(subject) {
                all.append(Object(subject: subject, name: subject.id))
            }
        }
        for object in all where level.kinds.contains(object.subject.kind) && known.insert(object.subject).inserted {
            var counts: [Indicator: Int] = [:]
            for indicator in object.subject.kind.indicators { counts[indicator] = ledger.count(object.subject, indicator) }
            var rates: [String: Rate] = [:]
            let indicators = Set(object.subject.kind.indicators)
            for rate in configuration.rates where indicators.contains(rate.numerator) && indicators.contains(rate.denominator) {
                rates[rate.id] = Rate(counts[rate.numerator] ?? 0, counts[rate.denominator] ?? 0)
            }
            var components = [digital(object, counts: counts)]
            if fourInOne { components += fourInOneParts(object.subject.id, month: period.label, inputs: inputs) }
            // Without the digital part (no case data and no per-grid table), a region is not evaluated
            // (未参评): the other parts alone would rank it on spot checks only.
            let total = components[0].score == nil ? nil : Self.weighted(&components, weights: fourInOne ? weights : [.digital: 1])
            rows.append(EvaluationRow(
                subject: object.subject, name: object.name, counts: counts, rates: rates, components: components,
                score: total, grade: total.map(configuration.grades.grade)))
        }
        return EvaluationSheet(
            period: period.label, periodKind: period.kind, level: level, configurationVersion: configuration.version, rows: Self.ranked(rows))
    }

    var weights: [ScoreComponent.Key: Double] {
        let w = configuration.fourInOne.weights
        return [.digital: w.digital, .review: w.review, .keyTasks: w.keyTasks, .thirdParty: w.thirdParty]
    }

    /// 数字城管综合指标值 from the counts; terms without input (a rate with no denominator, a per-grid
    /// table for a region without grids) are left out and the others reweighted.
    func digital(_ object: Object, counts: [Indicator: Int]) -> ScoreComponent {
        var lines: [ScoreLine] = []
        for term in configuration.composites[object.subject.kind.rawValue] ?? [] {
            if let id = term.rate, let definition = configuration.rate(id) {
                let rate = Rate(counts[definition.numerator] ?? 0, counts[definition.denominator] ?? 0)
                let score = rate.percent.map { definition.inverted ? Self.round(100 - $0) : $0 }
                let input = rate.percent.map { String(format: "%d/%d = %.2f%%", rate.numerator, rate.denominator, $0) } ?? "0/0（无数据）"
                lines.append(ScoreLine(label: definition.inverted ? "\(definition.nameZH)分值（1−比率）" : definition.nameZH, input: input, score: score, weight: term.weight))
            } else if let indicator = term.volume, let table = configuration.bands[term.bands ?? ""] {
                let count = counts[indicator] ?? 0
                if term.perGrid == true {
                    guard object.gridCount > 0 else {
                        lines.append(ScoreLine(label: "\(indicator.nameZH)分值（每网格）", input: "\(count) 件，无单元网格", score: nil, weight: term.weight))
                        continue
                    }
                    let density = Double(count) / Double(object.gridCount)
                    lines.append(ScoreLine(
                        label: "\(indicator.nameZH)分值（每网格）", input: String(format: "%d 件 / %d 网格 = %.2f", count, object.gridCount, density),
                        score: table.score(density), weight: term.weight))
                } else {
                    lines.append(ScoreLine(label: "\(indicator.nameZH)分值", input: "\(count) 件", score: table.score(Double(count)), weight: term.weight))
                }
            }
        }
        // A person or department without any activity in the period is not evaluated (未参评).
        if !object.subject.kind.isRegion, counts.values.allSatisfy({ $0 == 0 }) {
            return ScoreComponent(key: .digital, score: nil, weight: 1, effectiveWeight: 1, lines: lines)
        }
        let present = lines.filter { $0.score != nil }
        let weight = present.reduce(0) { $0 + $1.weight }
        let score = weight > 0 ? Self.round(present.reduce(0) { $0 + $1.weight * ($1.score ?? 0) } / weight) : nil
        return ScoreComponent(key: .digital, score: score, weight: 1, effectiveWeight: 1, lines: lines)
    }

    /// 复核督办, 重点工作 and 第三方测评 of a region for a month.
    func fourInOneParts(_ code: String, month: String, inputs: FourInOneInputs) -> [ScoreComponent] {
        let rules = configuration.fourInOne
        let reviews = inputs.reviews.filter { $0.month == month && $0.regionCodes.contains(code) }.sorted { $0.id < $1.id }
        var reviewLines = reviews.map { r in
            ScoreLine(
                label: "\(r.kind.nameZH) \(r.itemCode.flatMap { rules.deduction($0)?.nameZH } ?? r.description)",
                input: r.kind == .supervision ? "\(r.place)：\((r.outcome ?? .pending).nameZH)" : r.place, score: -r.points(rules), weight: 1)
        }
        let deducted = reviews.reduce(0) { $0 + $1.points(rules) }
        reviewLines.insert(ScoreLine(label: "基础分", input: "\(reviews.count) 条记录，扣 \(Self.format(deducted)) 分", score: rules.reviewBase, weight: 1), at: 0)
        let review = ScoreComponent(key: .review, score: Self.round(max(0, rules.reviewBase - deducted)), weight: rules.weights.review, effectiveWeight: 0, lines: reviewLines)

        let tasks = inputs.keyTasks.filter { $0.regionCode == code }.sorted { $0.taskID < $1.taskID }
        let full = tasks.reduce(0) { $0 + $1.fullScore }
        let keyTasks = ScoreComponent(
            key: .keyTasks, score: full > 0 ? Self.round(tasks.reduce(0) { $0 + $1.score } / full * 100) : nil, weight: rules.weights.keyTasks,
            effectiveWeight: 0, lines: tasks.map { ScoreLine(label: $0.title, input: "\(Self.format($0.score)) / \(Self.format($0.fullScore))", score: $0.score, weight: 1) })

        let assessed = inputs.thirdParty.first { $0.month == month && $0.regionCode == code }
        let thirdParty = ScoreComponent(
            key: .thirdParty, score: assessed.map { Self.round($0.survey * rules.surveyWeight + $0.fieldTest * (1 - rules.surveyWeight)) },
            weight: rules.weights.thirdParty, effectiveWeight: 0,
            lines: assessed.map {
                [ScoreLine(label: "公众满意度调查", input: "\($0.assessor)", score: $0.survey, weight: rules.surveyWeight),
                 ScoreLine(label: "实地测评", input: "\($0.source)", score: $0.fieldTest, weight: 1 - rules.surveyWeight)]
            } ?? [])
        return [review, keyTasks, thirdParty]
    }

    /// The weighted total of the parts with a score; sets each part's effective weight.
    static func weighted(_ components: inout [ScoreComponent], weights: [ScoreComponent.Key: Double]) -> Double? {
        let present = components.filter { $0.score != nil }.reduce(0) { $0 + (weights[$1.key] ?? 0) }
        guard present > 0 else { return nil }
        var total = 0.0
        for i in components.indices {
            components[i].weight = weights[components[i].key] ?? 0
            guard let score = components[i].score else { continue }
            components[i].effectiveWeight = Self.round4(components[i].weight / present)
            total += score * components[i].weight / present
        }
        return round(total)
    }

    /// Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4); no score, no rank.
    static func ranked(_ rows: [EvaluationRow]) -> [EvaluationRow] {
        var sorted = rows.sorted { a, b in
            switch (a.score, b.score) {
            case (let x?, let y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.subject < b.subject
            }
        }
        for (i, rank) in competitionRanks(sorted.map(\.score)).enumerated() { sorted[i].rank = rank }
        return sorted
    }

    /// 1, 2, 2, 4 …: the ranks of scores already sorted best first, equal scores sharing a rank;
    /// nil for an object without a score.
    public static func competitionRanks(_ sortedScores: [Double?]) -> [Int?] {
        var ranks: [Int?] = []
        for (i, score) in sortedScores.enumerated() {
            guard score != nil else { ranks.append(nil); continue }
            ranks.append(i > 0 && sortedScores[i - 1] == score ? ranks[i - 1] : i + 1)
        }
        return ranks
    }

    /// Adds the previous period's score and rank to each row.
    public static func compare(_ sheet: EvaluationSheet, with previous: EvaluationSheet?) -> EvaluationSheet {
        guard let previous else { return sheet }
        var result = sheet
        for i in result.rows.indices {
            let before = previous.row(result.rows[i].subject.id)
            result.rows[i].previousScore = before?.score
            result.rows[i].previousRank = before?.rank
        }
        return result
    }

    static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
    static func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x) }
}
