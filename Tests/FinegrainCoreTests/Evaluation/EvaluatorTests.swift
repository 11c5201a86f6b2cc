import Foundation
import Testing

@testable import FinegrainCore

@Suite("Evaluator — composites, four-in-one, rankings, rhythm, publication differences")
struct EvaluatorTests {
    typealias F = WorkflowFixtures
    typealias E = EvaluationFixtures

    static func octoberLedger() throws -> IndicatorLedger {
        E.ledger([
            try E.history("on-time", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-13", 10)),
            try E.history("late", dispatched: F.at("2026-10-12", 9), feedbackAt: F.at("2026-10-20", 10), source: .hotline12345),
            try E.history("open", dispatched: F.at("2026-10-12", 9), feedbackAt: nil, source: .citizen),
            try E.history("november", dispatched: F.at("2026-10-29", 9), feedbackAt: F.at("2026-11-10", 9)),
        ])
    }

    static let objects = [
        Evaluator.Object(subject: EvaluationSubject(kind: .district, id: "370303"), name: "张店区", gridCount: 2),
        Evaluator.Object(subject: EvaluationSubject(kind: .zone, id: "370371"), name: "高新区", gridCount: 0),
        Evaluator.Object(subject: EvaluationSubject(kind: .district, id: "370302"), name: "淄川区", gridCount: 0),
    ]

    @Test("the region composite: 10/20/30/40 % with the per-grid table; parts without input are reweighted and explained")
    func regionComposite() throws {
        let sheet = Evaluator(configuration: .standard).evaluate(ledger: try Self.octoberLedger(), period: E.october, level: .district, objects: Self.objects)
        let zd = try #require(sheet.row("370303"))
        // 监督举报率 2/4 = 50, 立案数 4 / 2 grids = 2 → 90, 结案率 66.67, 按期结案率 33.33:
        // 0.1 × 50 + 0.2 × 90 + 0.3 × 66.67 + 0.4 × 33.33 = 56.333 → 56.33, grade D.
        #expect(zd.component(.digital)?.score == 56.33)
        #expect(zd.component(.digital)?.lines.map(\.input) == ["2/4 = 50.00%", "4 件 / 2 网格 = 2.00", "2/3 = 66.67%", "1/3 = 33.33%"])
        // Four-in-one with only the digital part present: the total is that part.
        #expect(zd.score != nil)
        // 淄川区 had no case and has no grids: no term has input, so no digital score, and without it
        // no total (未参评) — spot checks alone do not rank a region.
        let zc = try #require(sheet.row("370302"))
        #expect(zc.component(.digital)?.score == nil)
        #expect(zc.component(.review)?.score == 100)
        #expect(zc.score == nil && zc.rank == nil)
        #expect(sheet.rows.map(\.subject.id).first == "370303" && zd.rank == 1)
    }

    @Test("four-in-one: spot checks and supervision deduct, key tasks and the third party score, weights 40/20/20/20")
    func fourInOne() throws {
        let found = F.at("2026-10-15", 10)
        let inputs = Evaluator.FourInOneInputs(
            reviews: [
                ReviewRecord(id: "r1", kind: .spotCheck, month: "2026-10", regionCodes: ["370303001", "370303"], place: "华光路", location: nil, itemCode: "R03",
                             description: "乱堆", photos: [], deduction: 2, outcome: nil, foundAt: found, recordedBy: "e", updatedAt: found),
                ReviewRecord(id: "r2", kind: .supervision, month: "2026-10", regionCodes: ["370303"], place: "督办单 12", location: nil, itemCode: nil,
                             description: "积存垃圾", photos: [], deduction: 0, outcome: .unrectified, foundAt: found, recordedBy: "e", updatedAt: found),
                ReviewRecord(id: "r3", kind: .spotCheck, month: "2026-09", regionCodes: ["370303"], place: "old", location: nil, itemCode: "R01",
                             description: "", photos: [], deduction: 1, outcome: nil, foundAt: found, recordedBy: "e", updatedAt: found),
            ],
            keyTasks: [
                KeyTaskScore(taskID: "t1", title: "背街小巷整治", regionCode: "370303", fullScore: 10, score: 8, note: nil),
                KeyTaskScore(taskID: "t2", title: "垃圾分类", regionCode: "370303", fullScore: 10, score: 10, note: nil),
            ],
            thirdParty: [ThirdPartyScore(month: "2026-10", regionCode: "370303", survey: 80, fieldTest: 90, assessor: "测评公司", source: "oct.csv")])
        let sheet = Evaluator(configuration: .standard).evaluate(
            ledger: try Self.octoberLedger(), period: E.october, level: .district, objects: Self.objects, inputs: inputs)
        let zd = try #require(sheet.row("370303"))
        #expect(zd.component(.review)?.score == 93)  // 100 − 2 − 5
        #expect(zd.component(.keyTasks)?.score == 90)
        #expect(zd.component(.thirdParty)?.score == 85)
        // 0.4 × 56.33 + 0.2 × 93 + 0.2 × 90 + 0.2 × 85 = 76.132 → 76.13, B.
        #expect(zd.score == 76.13)
        #expect(zd.grade == .b)
        #expect(zd.components.allSatisfy { $0.effectiveWeight == $0.weight })
        // 高新区 has no case data: not evaluated, not ranked.
        #expect(sheet.row("370371")?.score == nil && sheet.row("370371")?.rank == nil)
    }

    @Test("ranking shares ranks on ties and compares with the previous month")
    func ranking() throws {
        func row(_ id: String, _ score: Double?) -> EvaluationRow {
            EvaluationRow(subject: EvaluationSubject(kind: .district, id: id), name: id, counts: [:], rates: [:], components: [], score: score, grade: score.map(Grade.init(score:)))
        }
        let ranked = Evaluator.ranked([row("a", 80), row("b", 90), row("c", 80), row("d", nil), row("e", 70)])
        #expect(ranked.map(\.subject.id) == ["b", "a", "c", "e", "d"])
        #expect(ranked.map(\.rank) == [1, 2, 2, 4, nil])
        let before = EvaluationSheet(period: "2026-09", periodKind: .month, level: .district, configurationVersion: "v", rows: Evaluator.ranked([row("a", 95), row("b", 85), row("e", 60)]))
        let now = Evaluator.compare(EvaluationSheet(period: "2026-10", periodKind: .month, level: .district, configurationVersion: "v", rows: ranked), with: before)
        #expect(now.row("a")?.scoreChange == -15 && now.row("a")?.rankChange == -1)
        #expect(now.row("b")?.rankChange == 1 && now.row("e")?.rankChange == -1)
        #expect(now.row("c")?.rankChange == nil)
    }

    @Test("quarter and year totals: mean of the months, ranked, with the quarterly rules")
    func rhythm() {
        func sheet(_ month: String, _ scores: [String: Double]) -> EvaluationSheet {
            EvaluationSheet(period: month, periodKind: .month, level: .district, configurationVersion: "v", rows: scores.map {
                EvaluationRow(subject: EvaluationSubject(kind: .district, id: $0.key), name: $0.key, counts: [:], rates: [:], components: [], score: $0.value, grade: nil)
            })
        }
        let totals = PeriodTotal.over(
            [sheet("2026-10", ["a": 90, "b": 50, "c": 80, "d": 70]), sheet("2026-11", ["a": 92, "b": 30, "c": 80, "d": 70]), sheet("2026-12", ["a": 94, "b": 40, "c": 80])],
            grades: .national, rules: FourInOneRules.standard.quarterlyRules)
        #expect(totals.map(\.subject.id) == ["a", "c", "d", "b"])
        #expect(totals[0].score == 92 && totals[0].grade == .a)
        #expect(totals[2].score == 70 && totals[2].months.count == 2)
        #expect(totals[0].actions == ["通报表扬"])
        #expect(totals[3].actions == ["约谈"])  // 40, grade D, fourth
    }

    @Test("periods: week, month, quarter, year, custom, and the one before")
    func periods() throws {
        let c = F.calendar
        let w = try #require(EvaluationPeriod.parse("2026-W44", calendar: c))
        #expect(w.firstDay == LocalDate("2026-10-26") && w.endDay == LocalDate("2026-11-02"))
        #expect(w.previous(calendar: c)?.label == "2026-W43")
        #expect(EvaluationPeriod.parse("2026-W01", calendar: c)?.previous(calendar: c)?.label == "2025-W52")
        #expect(EvaluationPeriod.parse("2026-W53", calendar: c)?.endDay == LocalDate("2027-01-04"))  // 2026 begins on a Thursday: 53 weeks
        #expect(EvaluationPeriod.parse("2025-W53", calendar: c) == nil)
        let q = try #require(EvaluationPeriod.parse("2026-Q1", calendar: c))
        #expect(q.previous(calendar: c)?.label == "2025-Q4")
        #expect(q.months(calendar: c).map(\.label) == ["2026-01", "2026-02", "2026-03"])
        #expect(EvaluationPeriod.parse("2026", calendar: c)?.months(calendar: c).count == 12)
        #expect(EvaluationPeriod.parse("2026-01", calendar: c)?.previous(calendar: c)?.label == "2025-12")
        let custom = try #require(EvaluationPeriod.parse("2026-10-01..2026-10-15", calendar: c))
        #expect(custom.endDay == LocalDate("2026-10-16") && custom.previous(calendar: c)?.label == "2026-09-16..2026-09-30")
        for bad in ["2026-13", "26-10", "2026-Q5", "2026-W", "2026-10-15..2026-10-01", "x"] { #expect(EvaluationPeriod.parse(bad, calendar: c) == nil) }
    }

    @Test("configuration: the standard checks out, mistakes are named, the version in force is by month")
    func configuration() {
        #expect(EvaluationConfiguration.standard.problems().isEmpty)
        var bad = EvaluationConfiguration.standard
        bad.effectiveFrom = "2026-13"
        bad.composites["district"] = [.rate("nope", 0.5), .volume(.filed, "missing", 0.6)]
        bad.fourInOne.weights.review = 0.5
        let problems = bad.problems()
        #expect(problems.contains { $0.hasPrefix("effective_from") })
        #expect(problems.contains { $0.contains("unknown rate nope") })
        #expect(problems.contains { $0.contains("unknown score table missing") })
        #expect(problems.contains { $0.hasPrefix("composites.district: weights add up") })
        #expect(problems.contains { $0.hasPrefix("four_in_one.weights") })
        var v2 = EvaluationConfiguration.standard
        v2.version = "v2"
        v2.effectiveFrom = "2026-11"
        let book = EvaluationConfigurationBook([.standard, v2])
        #expect(book.inForce(month: "2026-10").version == "standard-2026")
        #expect(book.inForce(month: "2026-11").version == "v2")
        #expect(book.inForce(month: "2027-03").version == "v2")
    }

    @Test("a recomputation with the same inputs has no differences; a changed input is named")
    func differences() throws {
        let ledger = try Self.octoberLedger()
        let evaluator = Evaluator(configuration: .standard)
        var a = evaluator.evaluate(ledger: ledger, period: E.october, level: .district, objects: Self.objects)
        a.inputsHash = "h1"
        var b = evaluator.evaluate(ledger: ledger, period: E.october, level: .district, objects: Self.objects)
        b.inputsHash = "h1"
        #expect(SheetDifference.between(a, b).isEmpty)
        let inputs = Evaluator.FourInOneInputs(thirdParty: [ThirdPartyScore(month: "2026-10", regionCode: "370302", survey: 50, fieldTest: 50, assessor: "x", source: "y")])
        var c = evaluator.evaluate(ledger: ledger, period: E.october, level: .district, objects: Self.objects, inputs: inputs)
        c.inputsHash = "h2"
        let diff = SheetDifference.between(a, c)
        #expect(diff.contains { $0.subject == "sheet" && $0.field == "inputs_hash" })
        #expect(diff.contains { $0.subject == "370302" && $0.field == "component.third_party" && $0.recomputed == "50.0" })
        let hash1 = EvaluationInputs(period: "2026-10", level: .district, caseHashes: ledger.caseHashes, fourInOne: .init(), configuration: .standard).canonicalData()
        let hash2 = EvaluationInputs(period: "2026-10", level: .district, caseHashes: ledger.caseHashes, fourInOne: .init(), configuration: .standard).canonicalData()
        #expect(hash1 == hash2 && !hash1.isEmpty)
    }

    @Test("the inputs hashed in pieces are the canonical bytes whole, whatever the ids hold")
    func canonicalPieces() throws {
        let ledger = try Self.octoberLedger()
        #expect(ledger.caseInputs.map(\.id) == ledger.caseIDs.sorted())
        var hashes = ledger.caseHashes
        hashes["with \"quote\" \\ and 井盖\n"] = "ab"
        for _ in 0..<3_000 { hashes[UUID().uuidString] = String(repeating: "f", count: 64) }   // more than one piece
        let inputs = Evaluator.FourInOneInputs(thirdParty: [ThirdPartyScore(month: "2026-10", regionCode: "370302", survey: 50, fieldTest: 50, assessor: "x", source: "y")])
        let whole = EvaluationInputs(period: "2026-10", level: .district, caseHashes: hashes, fourInOne: inputs, configuration: .standard)
        var pieces: [Data] = []
        whole.canonicalPieces { pieces.append($0) }
        #expect(pieces.count > 1)
        #expect(pieces.reduce(Data(), +) == whole.canonicalData())
    }
}
