public import FinegrainCore
public import FinegrainStore
import Foundation
import Mustache

/// 考评通报 (the print-ready Chinese report of a sheet): ranking table, bars, the trend over the
/// published months, a map shaded by grade, and how the figures were made. Rendered from the
/// `evaluation-report` Mustache template; charts are inline SVG drawn on the server.
public struct EvaluationReport {
    var sheet: EvaluationSheet
    var publication: EvaluationPublication?
    var trend: [EvaluationSheet]
    var regions: [Region]
    var city: String
    var csvLink: String
    /// The local day of publication, `YYYY-MM-DD`.
    var publishedDay: String?

    static let template = Templates.load("evaluation-report")

    /// The report of `sheet`, with the trend over the published months before it and the map of its
    /// regions read from `store`.
    ///
    /// ```swift
    /// let html = try await EvaluationReport.html(sheet, publication: nil, store: store, calendar: calendar, csvLink: "october.csv")
    /// ```
    public static func html(
        _ sheet: EvaluationSheet, publication: EvaluationPublication?, store: Store, calendar: WorkingCalendar, csvLink: String
    ) async throws -> String {
        var trend = [sheet]
        if sheet.periodKind == .month, var period = EvaluationPeriod.parse(sheet.period, calendar: calendar) {
            for _ in 0..<5 {
                guard let previous = period.previous(calendar: calendar) else { break }
                period = previous
                if let published = try await store.publishedEvaluation(period: previous.label, level: sheet.level)?.sheet { trend.insert(published, at: 0) }
            }
        }
        let city = try await store.cityName() ?? ""
        let mapped = sheet.level == .district || sheet.level == .subdistrict
        let regions = mapped ? try await store.regions(codes: Set(sheet.rows.map(\.subject.id))).values.sorted { $0.code < $1.code } : []
        return EvaluationReport(
            sheet: sheet, publication: publication, trend: trend, regions: regions, city: city, csvLink: csvLink,
            publishedDay: publication.map { calendar.localDate(of: $0.publishedAt).description }
        ).render()
    }

    func render() -> String {
        guard let template = Self.template else { return "<!DOCTYPE html><title>report</title><p>template missing</p>" }
        return template.render(model())
    }

    func model() -> [String: Any] {
        let periodZH = Self.periodZH(sheet.period, sheet.periodKind)
        let fourInOne = sheet.level.isFourInOne && sheet.periodKind == .month
        func score(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "—" }
        func rate(_ r: Rate?) -> String { r?.percent.map { String(format: "%.2f%%", $0) } ?? "—" }
        let rows: [[String: Any]] = sheet.rows.map { row in
            var m: [String: Any] = [
                "rank": row.rank.map(String.init) ?? "未参评", "name": row.name, "score": score(row.score), "grade": row.grade?.rawValue ?? "—",
                "colour": row.grade?.colour ?? "#9e9e9e",
                "change": row.scoreChange.map { String(format: "%+.2f", $0) } ?? "—",
                "changeClass": (row.scoreChange ?? 0) > 0 ? "up" : (row.scoreChange ?? 0) < 0 ? "down" : "",
                "rankChange": row.rankChange.map { $0 > 0 ? "↑\($0)" : $0 < 0 ? "↓\(-$0)" : "持平" } ?? "—",
                "rankClass": (row.rankChange ?? 0) > 0 ? "up" : (row.rankChange ?? 0) < 0 ? "down" : "",
                "filed": String(row.counts[.filed] ?? row.counts[.assigned] ?? 0), "due": String(row.counts[.dueToClose] ?? 0),
                "closed": String(row.counts[.closed] ?? 0), "closureRate": rate(row.rates["closure_rate"]), "onTimeRate": rate(row.rates["on_time_closure_rate"]),
            ]
            if fourInOne {
                m["fourInOne"] = [
                    "digital": score(row.component(.digital)?.score), "review": score(row.component(.review)?.score),
                    "keyTasks": score(row.component(.keyTasks)?.score), "thirdParty": score(row.component(.thirdParty)?.score),
                ]
            }
            return m
        }
        var notes = [
            "结案率 = 结案数 ÷ 应结案数，按期结案率 = 按期结案数 ÷ 应结案数（GB/T 30428.4）；应结案数按“结案或处置时限到期”所在期计，每件案件只计一次。",
            "数字城管综合指标值 = 监督举报率 × 10% + 立案数分值（每网格）× 20% + 结案率 × 30% + 按期结案率 × 40%；无数据的项不计，权重按比例分配。",
            "等级：A ≥ 90，B ≥ 75，C ≥ 60，D ≥ 40，E < 40。无案件数据的对象不参加排名（未参评）。",
        ]
        if fourInOne {
            notes.append("四位一体：数字城管 40%、复核督办 20%（100 分起扣）、重点工作 20%、第三方测评 20%（调查与实地测评各半）；缺项权重按比例分配。权重以配置版本为准。")
        }
        notes.append("Figures are recomputed from the tamper-evident case event log; the inputs hash proves a recomputation used the same data.")
        let ranked = sheet.rows.filter { $0.score != nil }
        let rankingSVG = EvaluationCharts.rankingBars(sheet.rows)
        let trendSVG = EvaluationCharts.trendLines(trend)
        let mapSVG = regions.isEmpty ? "" : EvaluationCharts.gradeMap(regions.map { r in (r, sheet.row(r.code)) })
        return [
            "title": "\(city)城市综合管理\(periodZH)综合考评\(publication == nil ? "（预览）" : "通报")",
            "titleEN": "\(sheet.period) evaluation of \(sheet.level.rawValue)s\(publication == nil ? " (preview, not published)" : "")",
            "subtitle": "考评对象：\(sheet.level.nameZH) · 参评 \(ranked.count) 个",
            "publication": publication.map {
                "发布时间 \(publishedDay ?? "—") · 发布人 \($0.publishedBy ?? "—")"
            } ?? "未发布：数据可能仍会变化",
            "objectName": sheet.level.nameZH,
            "grades": Grade.allCases.map { g in
                ["grade": g.rawValue, "colour": g.colour, "range": g == .a ? "≥90" : g == .b ? "75–90" : g == .c ? "60–75" : g == .d ? "40–60" : "<40"]
            },
            "hasRows": !sheet.rows.isEmpty,
            "rows": rows,
            "showParts": fourInOne,
            "rankingSVG": rankingSVG, "hasRanking": !rankingSVG.isEmpty,
            "trendSVG": trendSVG, "hasTrend": !trendSVG.isEmpty,
            "mapSVG": mapSVG, "hasMap": !mapSVG.isEmpty,
            "notes": notes,
            "inputsHash": sheet.inputsHash,
            "configurationVersion": sheet.configurationVersion,
            "csvLink": csvLink,
        ]
    }

    /// `2026-10` → 2026年10月, `2026-Q4` → 2026年第四季度 …
    static func periodZH(_ label: String, _ kind: EvaluationPeriod.Kind) -> String {
        let parts = label.split(separator: "-")
        switch kind {
        case .month where parts.count == 2: return "\(parts[0])年\(Int(parts[1]) ?? 0)月"
        case .quarter where parts.count == 2: return "\(parts[0])年第\(["", "一", "二", "三", "四"][Int(parts[1].dropFirst()) ?? 0])季度"
        case .year: return "\(label)年度"
        case .week where parts.count == 2: return "\(parts[0])年第\(Int(parts[1].dropFirst()) ?? 0)周"
        default: return label
        }
    }
}
