import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// The evaluator's and leader's view of the evaluation in the console:
///
/// - `GET /console/evaluation?period=2026-10&level=district` — the ranked sheet with its parts and
///   counts; every count links to the cases behind it;
/// - `GET /console/evaluation/cases?period=&level=&subject=&indicator=&page=` — those cases.
struct ConsoleEvaluationController: Sendable {
    let cases: CaseController
    let evaluation: EvaluationController
    let pages: ConsolePage

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("console/evaluation", .evaluationRead, use: sheet)
        routes.get("console/evaluation/cases", .evaluationRead, use: drill)
    }

    func defaultMonth() -> EvaluationPeriod? {
        let calendar = evaluation.calendar
        let today = calendar.localDate(of: Date())
        return EvaluationPeriod.month(year: today.year, month: today.month, calendar: calendar)?.previous(calendar: calendar)
    }

    @Sendable func sheet(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let language = ConsoleLanguage(request)
        let q = QueryParameters(request)
        let period = try q.string("period").map { _ in try evaluation.period(q) } ?? defaultMonth()
        guard let period else { throw Problem.invalidParameter("period", "is required", "为必填项") }
        let level = try await evaluation.level(q, context)
        let sheet = try await evaluation.comparedSheet(period, level)
        let indicators = level.kinds[0].indicators
        let rows: [[String: Any]] = sheet.rows.map { row in
            var item: [String: Any] = [
                "rank": row.rank.map(String.init) ?? language.pick("未参评", "—"), "name": row.name,
                "score": row.score.map { String(format: "%.2f", $0) } ?? "—",
                "change": row.scoreChange.map { String(format: "%+.2f", $0) } ?? "",
                "parts": row.components.map { ["name": language.name($0.key), "score": $0.score.map { String(format: "%.2f", $0) } ?? "—"] },
                "counts": indicators.map { indicator in
                    [
                        "value": row.counts[indicator] ?? 0,
                        "href": "/console/evaluation/cases?period=\(period.label)&level=\(level.rawValue)&subject=\(row.subject.id)&indicator=\(indicator.rawValue)",
                    ]
                },
                "lines": row.components.first?.lines.map { ["label": $0.label, "input": $0.input, "score": $0.score.map { String(format: "%.2f", $0) } ?? "—", "weight": String(format: "%.0f%%", $0.weight * 100)] } ?? [],
            ]
            if let grade = row.grade { item["grade"] = grade.rawValue }
            return item
        }
        let levels: [EvaluationLevel] = [.district, .subdistrict, .department, .inspector, .operator, .shiftLeader, .dispatcher]
        return await pages.render(
            "console-evaluation", title: language.pick("考评", "Evaluation"),
            model: [
                "period": period.label, "level": level.rawValue, "levelName": language.name(level),
                "headers": indicators.map { language.name($0) },
                "parts": sheet.rows.first?.components.map { language.name($0.key) } ?? [],
                "rows": rows, "empty": rows.isEmpty, "inputsHash": String(sheet.inputsHash.prefix(16)), "version": sheet.configurationVersion,
                "levels": levels.map { ["value": $0.rawValue, "label": language.name($0), "selected": $0 == level] },
                "report": "/api/v1/evaluations?period=\(period.label)&level=\(level.rawValue)&format=html",
                "csv": "/api/v1/evaluations?period=\(period.label)&level=\(level.rawValue)&format=csv",
            ], request: request, context: context)
    }

    @Sendable func drill(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let language = ConsoleLanguage(request)
        let q = QueryParameters(request)
        let period = try evaluation.period(q)
        let level = try await evaluation.level(q, context)
        guard let subject = q.string("subject") else { throw Problem.invalidParameter("subject", "is required", "为必填项") }
        let indicator = try q.oneOf("indicator", Indicator.self, allowed: Indicator.allCases) ?? .filed
        let (row, ids) = try await evaluation.drillDown(period, level, subject: subject, indicator: indicator, context: context)
        let pageNumber = try q.int("page", in: 1...100_000) ?? 1
        let items = try await cases.store.caseRecords(ids: Array(ids.dropFirst((pageNumber - 1) * 25).prefix(25)))
        let maker = ConsoleCaseRows(
            language: language, workflow: cases.workflow, catalogue: await cases.catalogue.catalogue, locator: await cases.index.locator, now: Date())
        let pages = max(1, (ids.count + 24) / 25)
        return await self.pages.render(
            "console-evaluation-cases", title: "\(row.name) · \(language.name(indicator))",
            model: [
                "heading": "\(period.label) · \(row.name) · \(language.name(indicator)) \(ids.count)", "back": "/console/evaluation?period=\(period.label)&level=\(level.rawValue)",
                "rows": items.map(maker.row), "empty": items.isEmpty, "emptyText": language.pick("没有案件。", "No cases."),
                "pager": ConsolePage.pager(request, page: pageNumber, pages: pages, text: language.pick("第 \(pageNumber) / \(pages) 页，共 \(ids.count) 件", "Page \(pageNumber) of \(pages), \(ids.count) cases")),
            ], request: request, context: context)
    }
}
