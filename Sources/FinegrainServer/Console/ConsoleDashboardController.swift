import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// `GET /console/dashboard` — 态势: today's intake by channel, open and overdue cases by district
/// and department, the closure trend of the last six months, the top problem classes of the
/// month, the hot grids and the latest district ranking — all within the caller's reach.
struct ConsoleDashboardController: Sendable {
    let cases: CaseController
    let evaluation: EvaluationController
    let pages: ConsolePage

    var store: Store { cases.store }

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("console/dashboard", .casesRead, use: dashboard)
    }

    @Sendable func dashboard(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let language = ConsoleLanguage(request)
        let calendar = cases.workflow.calendar
        let now = Date()
        let today = calendar.localDate(of: now)
        let scope = await cases.access.caseScope(principal)
        let locator = await cases.index.locator
        let catalogue = await cases.catalogue.catalogue
        let base = CaseCountFilter(regionCodes: scope.regions, departmentID: scope.departmentID, reporterUserID: scope.reporterUserID)
        var todayFilter = base
        todayFilter.reportedSince = calendar.instant(on: today, hour: 0)
        var openFilter = base
        openFilter.openOnly = true
        var monthFilter = base
        monthFilter.reportedSince = calendar.instant(on: LocalDate(year: today.year, month: today.month, day: 1) ?? today, hour: 0)

        let channels = try await store.caseCounts(by: "source", todayFilter)
        let districts = try await store.caseCounts(by: "district_code", openFilter, overdueAt: now)
        let departments = try await store.caseCounts(by: "department_id", openFilter, overdueAt: now, limit: 12)
        let classes = try await store.caseCounts(by: "class_code", monthFilter, limit: 10)
        let grids = try await store.caseCounts(by: "grid_code", openFilter, limit: 10)
        var departmentNames: [String: String] = [:]
        for d in try await store.allDepartments() { departmentNames[d.id] = d.name }

        func name(_ source: String) -> String { CaseSource(rawValue: source).map { language.name($0) } ?? source }
        let intake = channels.reduce(0) { $0 + $1.count }
        let open = districts.reduce(0) { $0 + $1.count }
        let overdue = districts.reduce(0) { $0 + $1.overdue }

        // The last six finished months at city level, from the evaluation cache.
        var labels: [String] = []
        var closure: [Double?] = []
        var onTime: [Double?] = []
        var month = EvaluationPeriod.month(year: today.year, month: today.month, calendar: calendar)
        var months: [EvaluationPeriod] = []
        for _ in 0..<6 {
            guard let previous = month?.previous(calendar: calendar) else { break }
            months.insert(previous, at: 0)
            month = previous
        }
        for m in months {
            let sheet = try await evaluation.cachedSheet(m, .city)
            let row = sheet.rows.first
            labels.append(m.label)
            closure.append(row?.rates["closure_rate"]?.percent)
            onTime.append(row?.rates["on_time_closure_rate"]?.percent)
        }
        var ranking: [[String: Any]] = []
        if let last = months.last, principal.has(.evaluationRead, policy: cases.access.settings.policy) {
            var sheet = try await store.publishedEvaluation(period: last.label, level: .district)?.sheet
            if sheet == nil { sheet = try await evaluation.cachedSheet(last, .district) }
            let rows = sheet?.rows ?? []
            ranking = rows.filter { $0.score != nil }.prefix(11).map {
                ["rank": $0.rank ?? 0, "name": $0.name, "score": String(format: "%.2f", $0.score ?? 0), "grade": $0.grade?.rawValue ?? "", "colour": $0.grade?.colour ?? "#9e9e9e"]
            }
        }

        func chart(_ svg: String) -> String { svg.isEmpty ? "<p class=\"muted\">\(language.strings["no_data"] ?? "")</p>" : svg }
        return await pages.render(
            "console-dashboard", title: language.strings["dashboard"] ?? "",
            model: [
                "today": today.description, "intake": intake, "open": open, "overdue": overdue,
                "channels": chart(ConsoleCharts.bars(channels.map { .init(label: name($0.key), value: $0.count) })),
                "districts": chart(ConsoleCharts.bars(districts.map {
                    .init(label: locator.region($0.key)?.name ?? $0.key, value: $0.count, part: $0.overdue, href: "/console/cases?region=\($0.key)")
                })),
                "departments": chart(ConsoleCharts.bars(departments.map { .init(label: departmentNames[$0.key] ?? $0.key, value: $0.count, part: $0.overdue) })),
                "classes": chart(ConsoleCharts.bars(classes.map { .init(label: "\($0.key) \(catalogue.class(kind: .matter, code: $0.key)?.name ?? catalogue.class(kind: .component, code: $0.key)?.name ?? "")", value: $0.count) }, colour: "#6a1b9a")),
                "grids": chart(ConsoleCharts.bars(grids.map { .init(label: locator.region($0.key)?.name ?? $0.key, value: $0.count, href: "/console/map?region=\($0.key)") }, colour: "#ef6c00")),
                "trend": chart(ConsoleCharts.lines(labels: labels, series: [
                    (language.pick("结案率", "closure"), "#2e7d32", closure), (language.pick("按期结案率", "on time"), "#1565c0", onTime),
                ])),
                "ranking": ranking, "hasRanking": !ranking.isEmpty, "rankingMonth": months.last?.label ?? "",
            ], request: request, context: context)
    }
}
