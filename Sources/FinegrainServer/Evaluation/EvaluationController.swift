import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// 综合考评 over HTTP:
///
/// - `GET /api/v1/evaluations?period=2026-10&level=district[&format=json|csv|html][&mode=indexed|full]` —
///   the ranked sheet (any period: `2026-W44`, `2026-10`, `2026-Q4`, `2026`, `2026-10-01..2026-10-15`);
/// - `GET /api/v1/evaluations/cases?period=&level=&subject=&indicator=` — the cases behind a figure;
/// - `GET /api/v1/evaluations/totals?period=2026-Q4&level=district` — a quarter's reward and penalty
///   table or a year's total, from the month sheets;
/// - `GET /api/v1/evaluations/weekly?week=2026-W44&level=district` — the weekly inspection summary;
/// - `POST /api/v1/evaluations/publish` `{"period": "2026-10", "level": "district"}` — freeze a month;
/// - `GET /api/v1/evaluations/verify?period=&level=` — recompute a publication and list differences;
/// - `GET /api/v1/evaluations/published`, `GET /api/v1/evaluations/published/{period}/{level}` — public.
///
/// Region levels are open to every holder of `evaluation.read` (rankings are notified to all);
/// departments and people only city-wide. Drill-down lists cases only inside the caller's regions.
struct EvaluationController: Sendable {
    let access: AccessControl
    let calendar: WorkingCalendar
    let cache = EvaluationCache()

    var store: Store { access.store }

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("evaluations", .evaluationRead, use: sheet)
        routes.get("evaluations/cases", .evaluationRead, use: cases)
        routes.get("evaluations/totals", .evaluationRead, use: totals)
        routes.get("evaluations/weekly", .evaluationRead, use: weekly)
        routes.post("evaluations/publish", .evaluationManage, use: publish)
        routes.get("evaluations/verify", .evaluationRead, use: verify)
        routes.get("evaluations/published", .public, use: publishedList)
        routes.get("evaluations/published/{period}/{level}", .public, use: published)
        addRecordRoutes(to: routes)
    }

    // MARK: Parameters

    func period(_ query: QueryParameters, _ name: String = "period") throws -> EvaluationPeriod {
        guard let text = query.string(name) else { throw Problem.invalidParameter(name, "is required", "为必填项") }
        guard let period = EvaluationPeriod.parse(text, calendar: calendar) else {
            throw Problem.invalidParameter(name, "is not a period (2026-10, 2026-W44, 2026-Q4, 2026 or 2026-10-01..2026-10-15)", "不是有效的考评期（如 2026-10、2026-W44、2026-Q4、2026）")
        }
        return period
    }

    func level(_ query: QueryParameters, _ context: FinegrainRequestContext) async throws -> EvaluationLevel {
        let level = try query.oneOf("level", EvaluationLevel.self, allowed: EvaluationLevel.allCases) ?? .district
        try await ensureMayRead(level, context)
        return level
    }

    /// Departments and people are evaluated city-wide only.
    func ensureMayRead(_ level: EvaluationLevel, _ context: FinegrainRequestContext) async throws {
        guard !level.kinds.allSatisfy(\.isRegion), let principal = context.principal else { return }
        guard await access.isCityWide(principal, for: .evaluationRead) else {
            throw Problem(status: .forbidden, slug: "forbidden", title: "Forbidden", detail: "department and post evaluations are city-wide only",
                detailZH: "部门和岗位考评仅限全市范围的账号查看")
        }
    }

    func ensureCityWide(_ context: FinegrainRequestContext, _ permission: Permission) async throws {
        guard let principal = context.principal, await access.isCityWide(principal, for: permission) else {
            throw Problem(status: .forbidden, slug: "forbidden", title: "Forbidden", detail: "this needs \(permission.rawValue) over the whole city",
                detailZH: "此操作需要全市范围的 \(permission.rawValue) 权限")
        }
    }

    // MARK: Sheets

    @Sendable func sheet(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let period = try period(query)
        let level = try await level(query, context)
        let mode = try query.oneOf("mode", EvaluationReadMode.self, allowed: EvaluationReadMode.allCases) ?? .indexed
        let format = try query.oneOf("format", SheetFormat.self, allowed: SheetFormat.allCases) ?? .json
        return try await render(try await comparedSheet(period, level, mode: mode), format: format, published: nil, request: request, context: context)
    }

    /// The sheet of a period, from the cache while it is valid.
    func cachedSheet(_ period: EvaluationPeriod, _ level: EvaluationLevel, mode: EvaluationReadMode = .indexed) async throws -> EvaluationSheet {
        let (key, revision) = (EvaluationCache.Key(period: period.label, level: level, mode: mode), try await store.evaluationRevision())
        if let sheet = await cache.sheet(key, revision: revision, finished: period.end <= Date()) { return sheet }
        return try await evaluateAndRemember(period, level, key: key, revision: revision, keepLedger: false).sheet
    }

    /// The sheet with the ledger behind it (for drill-down), from the cache while it is valid.
    func cachedRun(_ period: EvaluationPeriod, _ level: EvaluationLevel) async throws -> (sheet: EvaluationSheet, ledger: IndicatorLedger) {
        let (key, revision) = (EvaluationCache.Key(period: period.label, level: level, mode: .indexed), try await store.evaluationRevision())
        if let run = await cache.run(key, revision: revision, finished: period.end <= Date()) { return run }
        let run = try await evaluateAndRemember(period, level, key: key, revision: revision, keepLedger: true)
        return (run.sheet, run.ledger)
    }

    /// Evaluates and caches the sheet — and its ledger only when a drill-down asked for it: at a
    /// million cases a month's ledger is tens of MiB, too much to keep for every sheet the warmer makes.
    private func evaluateAndRemember(
        _ period: EvaluationPeriod, _ level: EvaluationLevel, key: EvaluationCache.Key, revision: String, keepLedger: Bool
    ) async throws -> EvaluationRun {
        let run = try await store.evaluate(period: period, level: level, calendar: calendar, mode: key.mode, withPrevious: false)
        await cache.remember(run.sheet, ledger: keepLedger ? run.ledger : nil, for: key, revision: revision)
        HeapTrim.release()  // the read's heap back to the system (the warmer's seven sheets included)
        return run
    }

    /// A period's published sheet, or else its cached one.
    func publishedOrCachedSheet(_ period: EvaluationPeriod, _ level: EvaluationLevel, mode: EvaluationReadMode = .indexed) async throws -> EvaluationSheet {
        if let published = try await store.publishedEvaluation(period: period.label, level: level)?.sheet { return published }
        return try await cachedSheet(period, level, mode: mode)
    }

    /// The sheet with the previous period's scores and ranks: its publication when there is one.
    func comparedSheet(_ period: EvaluationPeriod, _ level: EvaluationLevel, mode: EvaluationReadMode = .indexed) async throws -> EvaluationSheet {
        let sheet = try await cachedSheet(period, level, mode: mode)
        guard let previous = period.previous(calendar: calendar) else { return sheet }
        return Evaluator.compare(sheet, with: try await publishedOrCachedSheet(previous, level, mode: mode))
    }

    enum SheetFormat: String, CaseIterable { case json, csv, html }

    func render(_ sheet: EvaluationSheet, format: SheetFormat, published: EvaluationPublication?, request: Request, context: FinegrainRequestContext) async throws -> Response {
        switch format {
        case .json:
            return try SheetDTO(sheet: sheet, published: published.map { PublicationDTO($0, timeZone: calendar.timeZone) }).response(from: request, context: context)
        case .csv:
            let configuration = try await store.evaluationConfigurations().configuration(of: sheet)
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"evaluation-\(sheet.period)-\(sheet.level.rawValue).csv\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: EvaluationCSV.render(sheet, configuration: configuration))))
        case .html:
            var csvLink = request.uri.path + "?"
            csvLink += (request.uri.queryParameters.map { "\($0.key)=\($0.value)" }.filter { !$0.hasPrefix("format=") } + ["format=csv"]).joined(separator: "&")
            let html = try await EvaluationReport.html(sheet, publication: published, store: store, calendar: calendar, csvLink: csvLink)
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    struct SheetDTO: ResponseEncodable {
        var sheet: EvaluationSheet
        var published: PublicationDTO?

        func encode(to encoder: any Encoder) throws {
            try sheet.encode(to: encoder)
            if let published {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(published, forKey: .published)
            }
        }

        enum Key: String, CodingKey { case published }
    }

    struct PublicationDTO: ResponseEncodable, Codable {
        var period: String
        var level: String
        var configurationVersion: String
        var inputsHash: String
        var publishedBy: String?
        var publishedAt: String

        init(_ p: EvaluationPublication, timeZone: TimeZone) {
            period = p.period
            level = p.level.rawValue
            configurationVersion = p.configurationVersion
            inputsHash = p.inputsHash
            publishedBy = p.publishedBy
            publishedAt = p.publishedAt.formatted(Date.ISO8601FormatStyle(timeZone: timeZone))
        }

        enum CodingKeys: String, CodingKey {
            case period, level
            case configurationVersion = "configuration_version"
            case inputsHash = "inputs_hash"
            case publishedBy = "published_by"
            case publishedAt = "published_at"
        }
    }

    // MARK: Drill-down

    struct CaseRefDTO: Codable, Sendable {
        var id: String
        var number: String
        var status: String
        var classCode: String
        var source: String
        var gridCode: String?
        var reportedAt: Date
        var closedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, number, status, source
            case classCode = "class_code"
            case gridCode = "grid_code"
            case reportedAt = "reported_at"
            case closedAt = "closed_at"
        }
    }

    @Sendable func cases(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<CaseRefDTO> {
        let query = QueryParameters(request)
        let period = try period(query)
        let level = try await level(query, context)
        guard let subject = query.string("subject") else { throw Problem.invalidParameter("subject", "is required", "为必填项") }
        let indicator = try query.oneOf("indicator", Indicator.self, allowed: Indicator.allCases) ?? .filed
        let page = try query.int("page", in: 1...1_000_000) ?? 1
        let perPage = try query.int("per_page", in: 1...500) ?? 50
        let (_, ids) = try await drillDown(period, level, subject: subject, indicator: indicator, context: context)
        let slice = ids.dropFirst((page - 1) * perPage).prefix(perPage)
        let items = try await store.caseRecords(ids: Array(slice)).map { c in
            CaseRefDTO(id: c.id, number: c.number, status: c.status.rawValue, classCode: c.classCode, source: c.source.rawValue,
                gridCode: c.gridCode, reportedAt: c.reportedAt, closedAt: c.closedAt)
        }
        return PageDTO(items: items, total: ids.count, page: page, perPage: perPage, pageCount: (ids.count + perPage - 1) / perPage)
    }

    /// The cases behind one count of one object: the one path of the API's and the console's
    /// drill-down. Regions only inside the caller's reach (404 otherwise).
    func drillDown(
        _ period: EvaluationPeriod, _ level: EvaluationLevel, subject: String, indicator: Indicator, context: FinegrainRequestContext
    ) async throws -> (row: EvaluationRow, ids: [String]) {
        if level.kinds.allSatisfy(\.isRegion), let principal = context.principal, !(await access.covers(principal, region: subject, for: .evaluationRead)) {
            throw Problem.notFound("region \(subject)", "区域 \(subject)")
        }
        let run = try await cachedRun(period, level)
        guard let row = run.sheet.row(subject) else { throw Problem.notFound("\(level.rawValue) \(subject) in \(period.label)", "\(period.label) 的考评对象 \(subject)") }
        guard row.subject.kind.indicators.contains(indicator) else {
            throw Problem.invalidParameter("indicator", "is not counted for \(row.subject.kind.rawValue)", "不适用于\(row.subject.kind.nameZH)")
        }
        return (row, run.ledger.cases(row.subject, indicator))
    }

    // MARK: Rhythm

    struct TotalsDTO: ResponseEncodable {
        var period: String
        var level: EvaluationLevel
        var months: [String]
        var totals: [PeriodTotal]
    }

    @Sendable func totals(_ request: Request, context: FinegrainRequestContext) async throws -> TotalsDTO {
        let query = QueryParameters(request)
        let period = try period(query)
        guard period.kind == .quarter || period.kind == .year else {
            throw Problem.invalidParameter("period", "must be a quarter (2026-Q4) or a year (2026)", "须为季度（2026-Q4）或年度（2026）")
        }
        let level = try await level(query, context)
        let (months, totals) = try await store.periodTotals(period: period, level: level, calendar: calendar) { month in
            try await self.publishedOrCachedSheet(month, level)
        }
        return TotalsDTO(period: period.label, level: level, months: months.map(\.period), totals: totals)
    }

    struct WeeklyDTO: ResponseEncodable {
        struct Row: Codable {
            var code: String
            var name: String
            var reported: Int
            var filed: Int
            var publicReportsFiled: Int
            var closed: Int
            var overdueOpen: Int
            var spotChecks: Int
            var supervisionOrders: Int
            var deductions: Double

            enum CodingKeys: String, CodingKey {
                case code, name, reported, filed, closed, deductions
                case publicReportsFiled = "public_reports_filed"
                case overdueOpen = "overdue_open"
                case spotChecks = "spot_checks"
                case supervisionOrders = "supervision_orders"
            }
        }

        var week: String
        var firstDay: String
        var lastDay: String
        var rows: [Row]

        enum CodingKeys: String, CodingKey {
            case week, rows
            case firstDay = "first_day"
            case lastDay = "last_day"
        }
    }

    /// 周巡查通报: each region's reports, filings, closures and the spot checks of the week.
    @Sendable func weekly(_ request: Request, context: FinegrainRequestContext) async throws -> WeeklyDTO {
        let query = QueryParameters(request)
        let week = try period(query, "week")
        guard week.kind == .week else { throw Problem.invalidParameter("week", "must be an ISO week like 2026-W44", "须为 ISO 周，如 2026-W44") }
        let level = try await level(query, context)
        guard level.kinds.allSatisfy(\.isRegion) else { throw Problem.invalidParameter("level", "must be a region level", "须为区域层级") }
        let sheet = try await cachedSheet(week, level)
        let rules = try await store.evaluationConfigurations().inForce(month: week.firstDay.monthLabel).fourInOne
        var reviews: [ReviewRecord] = []
        for month in Set([week.firstDay, week.endDay.adding(days: -1)].map(\.monthLabel)).sorted() {
            reviews += try await store.reviewRecords(month: month).filter { week.contains($0.foundAt) }
        }
        let rows = sheet.rows.map { row in
            let mine = reviews.filter { $0.regionCodes.contains(row.subject.id) }
            return WeeklyDTO.Row(
                code: row.subject.id, name: row.name, reported: row.counts[.reported] ?? 0, filed: row.counts[.filed] ?? 0,
                publicReportsFiled: row.counts[.publicReportsFiled] ?? 0, closed: row.counts[.closed] ?? 0, overdueOpen: row.counts[.overdueOpen] ?? 0,
                spotChecks: mine.filter { $0.kind == .spotCheck }.count, supervisionOrders: mine.filter { $0.kind == .supervision }.count,
                deductions: mine.reduce(0) { $0 + $1.points(rules) })
        }.sorted { ($0.deductions, $1.filed, $0.code) < ($1.deductions, $0.filed, $1.code) }
        return WeeklyDTO(week: week.label, firstDay: week.firstDay.description, lastDay: week.endDay.adding(days: -1).description, rows: rows)
    }

    // MARK: Publication

    struct PublishBody: Decodable {
        var period: String
        var level: EvaluationLevel?
    }

    @Sendable func publish(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        try await ensureCityWide(context, .evaluationManage)
        let body = try await decodeBody(PublishBody.self, from: request, context: context)
        guard let period = EvaluationPeriod.parse(body.period, calendar: calendar), period.kind == .month else {
            throw Problem.unprocessable("period", "must be a month like 2026-10", "须为月份，如 2026-10")
        }
        guard period.end <= Date() else {
            throw Problem.unprocessable("period", "has not ended yet", "该月尚未结束，不能发布")
        }
        let level = body.level ?? .district
        let run = try await store.evaluate(period: period, level: level, calendar: calendar)
        let publication = try await store.publishEvaluation(run.sheet, actor: access.actor(context, permission: .evaluationManage))
        var response = try SheetDTO(sheet: run.sheet, published: PublicationDTO(publication, timeZone: calendar.timeZone)).response(from: request, context: context)
        response.status = .created
        return response
    }

    struct VerifyDTO: ResponseEncodable {
        var period: String
        var level: EvaluationLevel
        var unchanged: Bool
        var differences: [SheetDifference]
    }

    @Sendable func verify(_ request: Request, context: FinegrainRequestContext) async throws -> VerifyDTO {
        let query = QueryParameters(request)
        let period = try period(query)
        let level = try await level(query, context)
        guard let differences = try await store.verifyPublication(period: period, level: level, calendar: calendar) else {
            throw Problem.notFound("a publication of \(period.label) (\(level.rawValue))", "\(period.label)（\(level.nameZH)）的发布记录")
        }
        return VerifyDTO(period: period.label, level: level, unchanged: differences.isEmpty, differences: differences)
    }

    @Sendable func publishedList(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<PublicationDTO> {
        let query = QueryParameters(request)
        let level = try query.oneOf("level", EvaluationLevel.self, allowed: [.district, .subdistrict])
        let all = try await store.publishedEvaluations(level: level).filter { $0.level == .district || $0.level == .subdistrict }
        let page = try query.int("page", in: 1...1_000_000) ?? 1
        let perPage = try query.int("per_page", in: 1...500) ?? 50
        return PageDTO(
            items: all.dropFirst((page - 1) * perPage).prefix(perPage).map { PublicationDTO($0, timeZone: calendar.timeZone) }, total: all.count, page: page, perPage: perPage,
            pageCount: (all.count + perPage - 1) / perPage)
    }

    /// A published district or subdistrict sheet, for everyone (the public notice, 一月一通报).
    @Sendable func published(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let period = try context.parameters.require("period")
        guard let level = EvaluationLevel(rawValue: try context.parameters.require("level")), level == .district || level == .subdistrict,
            let publication = try await store.publishedEvaluation(period: period, level: level), let sheet = publication.sheet
        else { throw Problem.notFound("a publication of \(period)", "\(period) 的发布结果") }
        let format = try QueryParameters(request).oneOf("format", SheetFormat.self, allowed: SheetFormat.allCases) ?? .json
        return try await render(sheet, format: format, published: publication, request: request, context: context)
    }
}
