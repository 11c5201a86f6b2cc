import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// The console's case pages:
///
/// - `GET /console` — my queue: the cases I can act on now, by status, most urgent first;
/// - `GET /console/cases` — every case in my reach, filtered, searched, sorted, paged;
/// - `GET /console/cases/{id}` — the case: fields, photos, a small map, deadlines, the timeline,
///   and a form for each step I may take now; `POST /console/cases/{id}/step/{kind}` takes it;
/// - `GET|POST /console/report` — the report form (phone first: GPS, camera, class search).
struct ConsoleCaseController: Sendable {
    let cases: CaseController
    let photos: PhotoController
    let pages: ConsolePage

    var access: AccessControl { cases.access }
    var store: Store { cases.store }
    var workflow: Workflow { cases.workflow }

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("console", .authenticated, use: home)
        routes.get("console/cases", .casesRead, use: list)
        routes.get("console/cases/{id}", .casesRead, use: show)
        routes.post("console/cases/{id}/step/{kind}", .casesWork, use: step)
        routes.post("console/cases/{id}/merge", .casesWork, use: merge)
        routes.get("console/report", .casesReport, use: reportForm)
        routes.post("console/report", .casesReport, use: report)
    }

    func rows(_ language: ConsoleLanguage) async -> ConsoleCaseRows {
        ConsoleCaseRows(language: language, workflow: workflow, catalogue: await cases.catalogue.catalogue, locator: await cases.index.locator, now: Date())
    }

    // MARK: Lists

    @Sendable func home(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.has(.casesRead, policy: access.settings.policy) else {
            if principal.has(.evaluationRead, policy: access.settings.policy) { return ConsolePage.redirect("/console/evaluation") }
            return ConsolePage.redirect("/console/password")
        }
        let language = ConsoleLanguage(request)
        let statuses = cases.queueStatuses(principal)
        // People who take no step start where their work is: evaluators on the evaluation, leaders,
        // administrators and road chiefs on the dashboard.
        if statuses.isEmpty {
            return ConsolePage.redirect(principal.has(.evaluationManage, policy: access.settings.policy) && !principal.has(.usersManage, policy: access.settings.policy)
                ? "/console/evaluation" : "/console/dashboard")
        }
        let q = QueryParameters(request)
        let scope = await access.caseScope(principal)
        let wanted = try q.oneOf("status", CaseStatus.self, allowed: Array(statuses))
        let sort = try q.oneOf("sort", CaseQuery.Sort.self, allowed: CaseQuery.Sort.allCases) ?? .dueAt
        let query = CaseQuery(
            statuses: wanted.map { [$0] } ?? statuses, regionCodes: scope.regions, departmentID: scope.departmentID, reporterUserID: scope.reporterUserID,
            sort: sort, descending: sort != .dueAt, page: try q.int("page", in: 1...100_000) ?? 1, perPage: 25)
        let page = try await store.searchCases(query)
        // One grouped count for every tab, instead of a count per status.
        let counts = try await store.caseCounts(
            by: "status", CaseCountFilter(regionCodes: scope.regions, departmentID: scope.departmentID, reporterUserID: scope.reporterUserID))
        let countOf = Dictionary(uniqueKeysWithValues: counts.map { ($0.key, $0.count) })
        let tabs: [[String: Any]] = CaseStatus.allCases.filter(statuses.contains).map { status in
            ["label": language.name(status), "count": countOf[status.rawValue] ?? 0, "href": "/console?status=\(status.rawValue)", "current": wanted == status]
        }
        let rowMaker = await rows(language)
        var rowsShown = page.items.map(rowMaker.row)
        // The dispatcher's queue names the department the responsibility list suggests (待派遣).
        let workRoles = Set(principal.grants(with: .casesWork, policy: access.policy).map(\.role))
        if page.items.contains(where: { $0.status == .filed }), !(workflow.rules.rules[.dispatch]?.roles ?? []).isDisjoint(with: workRoles) {
            var names: [String: String] = [:]
            for d in try await store.allDepartments() { names[d.id] = d.name }
            let filed = page.items.filter { $0.status == .filed }
            let rules = try await store.responsibleRules(for: filed, on: workflow.calendar.localDate(of: Date()), hierarchy: await cases.index.locator)
            for (i, c) in page.items.enumerated() {
                if let best = rules[c.id]?.first { rowsShown[i]["suggested"] = names[best.departmentID] ?? best.departmentID }
            }
        }
        func sortLink(_ s: CaseQuery.Sort) -> [String: Any] {
            ["label": sortLabel(s, language), "href": "/console?sort=\(s.rawValue)" + (wanted.map { "&status=\($0.rawValue)" } ?? ""), "current": s == sort]
        }
        return await pages.render(
            "console-queue", title: language.strings["queue"] ?? "",
            model: [
                "tabs": tabs, "allHref": "/console", "allCurrent": wanted == nil, "allCount": tabs.reduce(0) { $0 + ($1["count"] as? Int ?? 0) },
                "sorts": [CaseQuery.Sort.dueAt, .reportedAt, .updatedAt].map(sortLink),
                "rows": rowsShown, "empty": page.items.isEmpty, "pager": pager(page, request, language),
                "emptyText": language.strings["empty_queue"] ?? "",
            ], request: request, context: context)
    }

    @Sendable func list(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let language = ConsoleLanguage(request)
        let q = QueryParameters(request)
        let scope = await access.caseScope(principal)
        let status = try q.oneOf("status", CaseStatus.self, allowed: CaseStatus.allCases)
        let sort = try q.oneOf("sort", CaseQuery.Sort.self, allowed: CaseQuery.Sort.allCases) ?? .reportedAt
        var query = CaseQuery(
            statuses: status.map { [$0] } ?? [], regionCodes: scope.regions, departmentID: scope.departmentID, reporterUserID: scope.reporterUserID,
            text: q.string("q"), sort: sort, descending: sort != .dueAt, page: try q.int("page", in: 1...100_000) ?? 1, perPage: 25)
        if try q.bool("overdue") == true { query.overdueAt = Date() }
        if try q.bool("mine") == true { query.reporterUserID = principal.userID }
        if let region = q.string("region") {
            let locator = await cases.index.locator
            guard locator.region(region) != nil else { throw Problem.invalidParameter("region", "is not a known region", "不是已知区域") }
            let wanted = locator.level(of: region) == .zone ? locator.children(of: region).map(\.code) : [region]
            if let scoped = scope.regions {
                query.regionCodes = wanted.filter { code in scoped.contains { locator.isWithin(code, $0) } }
            } else if locator.level(of: region) != .city {
                query.regionCodes = wanted
            }
        }
        let page = try await store.searchCases(query)
        let rowMaker = await rows(language)
        return await pages.render(
            "console-cases", title: language.strings["all_cases"] ?? "",
            model: [
                "q": q.string("q") ?? "", "overdue": try q.bool("overdue") == true, "mine": try q.bool("mine") == true, "region": q.string("region") ?? "",
                "statuses": CaseStatus.allCases.map { ["value": $0.rawValue, "label": language.name($0), "selected": $0 == status] },
                "sorts": CaseQuery.Sort.allCases.map { ["value": $0.rawValue, "label": sortLabel($0, language), "selected": $0 == sort] },
                "rows": page.items.map(rowMaker.row), "empty": page.items.isEmpty, "pager": pager(page, request, language),
                "emptyText": language.strings["empty_list"] ?? "",
            ], request: request, context: context)
    }

    func sortLabel(_ sort: CaseQuery.Sort, _ language: ConsoleLanguage) -> String {
        switch sort {
        case .reportedAt: language.pick("按上报时间", "by report time")
        case .dueAt: language.pick("按时限", "by deadline")
        case .updatedAt: language.pick("按更新时间", "by last change")
        case .number: language.pick("按编号", "by number")
        }
    }

    func pager(_ page: Page<Case>, _ request: Request, _ language: ConsoleLanguage) -> [String: Any] {
        let text = (language.strings["page"] ?? "").replacingOccurrences(of: "{page}", with: String(page.page))
            .replacingOccurrences(of: "{pages}", with: String(max(1, page.pageCount))).replacingOccurrences(of: "{total}", with: String(page.total))
        return ConsolePage.pager(request, page: page.page, pages: page.pageCount, text: text)
    }
}
