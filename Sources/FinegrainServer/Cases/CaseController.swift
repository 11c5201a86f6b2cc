import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird
import Logging

/// The closed loop over HTTP:
///
/// - `POST /api/v1/cases` — a report from any channel; the grid chain is resolved from the point;
/// - `GET /api/v1/cases?status=&class_kind=&class_code=&region=&source=&department=&overdue=&from=&to=&q=&sort=&order=&page=&per_page=`;
/// - `GET /api/v1/cases/{id}` (with the steps the caller may take), `GET /api/v1/cases/{id}/timeline`;
/// - `POST /api/v1/cases/{id}/{step}` — one endpoint per workflow step (`dispatch`, `feedback`, …);
/// - `POST /api/v1/cases/{id}/merge` `{"into": id}` — a duplicate joins another case;
/// - `GET /api/v1/queues/mine` — the open cases the caller can act on now, most urgent first.
///
/// Concurrent steps on one case: exactly one wins; the others get 409 with the case's current state.
/// Clients may send `If-Match: <version>` to act only on the version they saw.
struct CaseController: Sendable {
    let access: AccessControl
    let index: RegionIndex
    let catalogue: CatalogueIndex
    let workflow: Workflow
    let numberPrefix: String
    /// The JSON of recently answered cases (see ``CaseJSONCache``).
    let json = CaseJSONCache()

    var store: Store { access.store }

    static let commandKinds: [CaseCommand.Kind] = CaseCommand.Kind.allCases.filter { $0 != .markMerged && $0 != .absorbDuplicate }

    func addRoutes(to routes: SecuredRoutes) {
        routes.post("cases", .casesReport, use: report)
        routes.get("cases", .casesRead, use: search)
        routes.get("cases/{id}", .casesRead, use: show)
        routes.get("cases/{id}/timeline", .casesRead, use: timeline)
        routes.post("cases/{id}/merge", .casesWork, use: merge)
        routes.get("queues/mine", .casesRead, use: queue)
        for kind in Self.commandKinds {
            routes.post("cases/{id}/\(kind.rawValue)", .casesWork) { request, context in
                try await command(kind, request, context)
            }
        }
    }

    // MARK: Intake

    struct ReportBody: Decodable {
        var source: CaseSource
        var classKind: ClassKind
        var classCode: String
        var urgency: Urgency?
        var description: String
        var lon: Double
        var lat: Double
        var crs: CoordinateSystem?
        var address: String?
        var hotlineTicket: String?
        var reporterName: String?
        var reporterPhone: String?
        var photos: [String]?
        var selfHandled: Bool?
        var componentID: String?
        var attributes: [String: String]?

        enum CodingKeys: String, CodingKey {
            case attributes
            case componentID = "component_id"
            case source, urgency, description, lon, lat, crs, address, photos
            case classKind = "class_kind"
            case classCode = "class_code"
            case hotlineTicket = "hotline_ticket"
            case reporterName = "reporter_name"
            case reporterPhone = "reporter_phone"
            case selfHandled = "self_handled"
        }
    }

    @Sendable func report(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await decodeBody(ReportBody.self, from: request, context: context)
        let created = try await intake(body, principal: principal, context: context, attributes: body.attributes ?? [:])
        var response = try await dto(created, principal, withActions: true).response(from: request, context: context)
        response.status = .created
        response.headers[.location] = "/api/v1/cases/\(created.id)"
        return response
    }

    /// Checks a report and files it as a new case: the one intake path of every channel (the API,
    /// Open311). Throws problem details on any refusal.
    func intake(_ body: ReportBody, principal: Principal, context: FinegrainRequestContext, attributes: [String: String] = [:]) async throws -> Case {
        let allowed = workflow.rules.reporters[body.source] ?? []
        guard let grant = principal.grants(with: .casesReport, policy: access.policy).first(where: { allowed.contains($0.role) }) else {
            throw Problem(
                status: .forbidden, slug: "forbidden", title: "Forbidden",
                detail: "your roles cannot report through \(body.source.rawValue)", detailZH: "您的角色不能通过「\(body.source.nameZH)」上报")
        }
        guard let catalogueClass = await catalogue.catalogue.class(kind: body.classKind, code: body.classCode), catalogueClass.active else {
            throw Problem.unprocessable("class_code", "is not an active \(body.classKind.rawValue) class of the catalogue", "不是目录中有效的分类")
        }
        let attributeProblems = catalogueClass.validateAttributes(attributes)
        if !attributeProblems.isEmpty {
            throw Problem.unprocessable(
                "attributes", attributeProblems.map(\.en).joined(separator: "; "), attributeProblems.map(\.zh).joined(separator: "；"))
        }
        if [.hotline12345, .hotline12319].contains(body.source), body.hotlineTicket?.isEmpty ?? true {
            throw Problem.unprocessable("hotline_ticket", "is required for hotline transfers", "热线转办须填写工单号")
        }
        if let phone = body.reporterPhone, !phone.isEmpty, !(phone.allSatisfy { $0.isNumber || $0 == "-" || $0 == "+" } && (5...20).contains(phone.count)) {
            throw Problem.unprocessable("reporter_phone", "is not a phone number", "不是有效的电话号码")
        }
        let photos = try await checkedPhotos(body.photos ?? [])
        if let componentID = body.componentID {
            guard let component = try await store.component(id: componentID) else {
                throw Problem.unprocessable("component_id", "is not in the component register", "不在部件库中")
            }
            if body.classKind == .component && body.classCode != component.classCode {
                throw Problem.unprocessable("class_code", "differs from the component's class \(component.classCode)", "与部件的分类 \(component.classCode) 不一致")
            }
        }
        let point = (body.crs ?? .wgs84).toWGS84(Coordinate(lon: body.lon, lat: body.lat))
        let chain = await index.locator.locate(point)
        guard !chain.isEmpty else {
            throw Problem(
                status: .unprocessableContent, slug: "outside-service-area", title: "Outside the service area",
                detail: "the point lies outside every region of this platform", detailZH: "该位置不在本平台管辖范围内")
        }
        let now = Date()
        var report = CaseReport(
            id: CaseID.make(at: now), number: "", source: body.source, hotlineTicket: body.hotlineTicket, classKind: body.classKind,
            classCode: body.classCode, urgency: body.urgency ?? .normal, description: body.description, location: point, address: body.address,
            chain: chain, reporterName: body.reporterName ?? (grant.role == .citizen ? principal.displayName : nil),
            reporterPhone: body.reporterPhone, reporterUserID: principal.userID, photos: photos, componentID: body.componentID,
            selfHandled: body.selfHandled ?? false)
        report.attributes = attributes
        let (workflow, reporter) = (self.workflow, actor(principal, grant, context))
        let created = try await store.fileCase(
            CaseIntake(prefix: numberPrefix, localDate: workflow.calendar.localDate(of: now).description) { [report] number in
                var numbered = report
                numbered.number = number
                do throws(WorkflowError) {
                    return try workflow.report(numbered, by: reporter, at: now)
                } catch { throw Self.problem(error) }
            })
        context.logger.info("case reported", metadata: ["case": "\(created.number)", "source": "\(created.source.rawValue)"])
        return created
    }

    // MARK: Reading

    @Sendable func search(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<CaseDTO> {
        let principal = try context.requirePrincipal()
        let q = QueryParameters(request)
        var query = CaseQuery(
            classKind: try q.oneOf("class_kind", ClassKind.self, allowed: ClassKind.allCases), classCodePrefix: q.string("class_code"),
            departmentID: q.string("department"), text: q.string("q"),
            sort: try q.oneOf("sort", CaseQuery.Sort.self, allowed: CaseQuery.Sort.allCases) ?? .reportedAt,
            descending: (try q.oneOf("order", SortOrder.self, allowed: SortOrder.allCases) ?? .desc) == .desc,
            page: try q.int("page", in: 1...1_000_000) ?? 1, perPage: try q.int("per_page", in: 1...500) ?? 50)
        query.statuses = Set(try q.set("status", allowed: Set(CaseStatus.allCases.map(\.rawValue))).compactMap(CaseStatus.init(rawValue:)))
        query.sources = Set(try q.set("source", allowed: Set(CaseSource.allCases.map(\.rawValue))).compactMap(CaseSource.init(rawValue:)))
        if try q.bool("overdue") == true { query.overdueAt = Date() }
        query.reportedFrom = try date(q, "from")
        query.reportedTo = try date(q, "to")
        let scope = await access.caseScope(principal)
        var regions = scope.regions
        if let region = q.string("region") {
            let locator = await index.locator
            guard locator.region(region) != nil else { throw Problem.invalidParameter("region", "is not a known region code", "不是已知的区域编码") }
            let wanted = locator.level(of: region) == .zone ? locator.children(of: region).map(\.code) : [region]
            if let scoped = regions {
                regions = wanted.filter { code in scoped.contains { locator.isWithin(code, $0) } }
                    + scoped.filter { code in wanted.contains { locator.isWithin(code, $0) } }
            } else if locator.level(of: region) != .city {
                regions = wanted
            }
        }
        query.regionCodes = regions
        if let department = scope.departmentID {
            if let asked = query.departmentID, asked != department { query.regionCodes = [] }
            query.departmentID = department
        }
        if let reporter = scope.reporterUserID { query.reporterUserID = reporter }
        let page = try await store.searchCases(query)
        var items: [CaseDTO] = []
        for c in page.items { items.append(await dto(c, principal, withActions: false, listed: true)) }
        return PageDTO(items: items, total: page.total, page: page.page, perPage: page.perPage, pageCount: page.pageCount)
    }

    @Sendable func show(_ request: Request, context: FinegrainRequestContext) async throws -> CaseDTO {
        let principal = try context.requirePrincipal()
        return await dto(try await visibleCase(context, principal), principal, withActions: true)
    }

    @Sendable func timeline(_ request: Request, context: FinegrainRequestContext) async throws -> ListDTO<TimelineEntryDTO> {
        let principal = try context.requirePrincipal()
        let c = try await visibleCase(context, principal)
        let showPersonal = await access.mayViewReporter(c, principal)
        let events = try await store.caseEvents(caseID: c.id).map { TimelineEntryDTO($0, showPersonal: showPersonal) }
        return ListDTO(items: events, total: events.count)
    }

    @Sendable func queue(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<CaseDTO> {
        let principal = try context.requirePrincipal()
        let scope = await access.caseScope(principal)
        let statuses = queueStatuses(principal)
        guard !statuses.isEmpty else { return PageDTO(items: [], total: 0, page: 1, perPage: 50, pageCount: 1) }
        let q = QueryParameters(request)
        let query = CaseQuery(
            statuses: statuses, regionCodes: scope.regions, departmentID: scope.departmentID, reporterUserID: scope.reporterUserID,
            sort: .dueAt, descending: false, page: try q.int("page", in: 1...1_000_000) ?? 1, perPage: try q.int("per_page", in: 1...500) ?? 50)
        let page = try await store.searchCases(query)
        var items: [CaseDTO] = []
        for c in page.items {
            let item = await dto(c, principal, withActions: true, listed: true)
            if !(item.actions ?? []).isEmpty { items.append(item) }
        }
        return PageDTO(items: items, total: page.total, page: page.page, perPage: page.perPage, pageCount: page.pageCount)
    }

    /// The statuses in which any of the caller's roles can take a step (what a queue shows).
    func queueStatuses(_ principal: Principal) -> Set<CaseStatus> {
        let roles = Set(principal.grants(with: .casesWork, policy: access.policy).map(\.role))
        return Set(
            workflow.rules.rules.filter { !$0.value.roles.isDisjoint(with: roles) && $0.key != .supervise && $0.key != .absorbDuplicate && $0.key != .markMerged }
                .flatMap(\.value.from))
    }

    // MARK: Steps

    func command(_ kind: CaseCommand.Kind, _ request: Request, _ context: FinegrainRequestContext) async throws -> CaseDTO {
        let principal = try context.requirePrincipal()
        let body = try await decodeBodyAllowingEmpty(request, context)
        let current = try await visibleCase(context, principal)
        let expected = request.headers[.ifMatch].flatMap({ Int($0.trimmingCharacters(in: ["\"", " "])) })
        let updated = try await perform(kind, body, on: current, expectedVersion: expected, principal: principal, context: context)
        return await dto(updated, principal, withActions: true)
    }

    /// Takes one step on a case the caller can see: the one path of the API and the console.
    func perform(
        _ kind: CaseCommand.Kind, _ body: CommandBody, on current: Case, expectedVersion: Int?, principal: Principal, context: FinegrainRequestContext
    ) async throws -> Case {
        if let expectedVersion, expectedVersion != current.version {
            throw Self.conflict(current)
        }
        guard let grant = await access.actingGrant(for: kind, on: current, principal, rules: workflow.rules) else {
            let allowed = workflow.rules.rules[kind]?.roles ?? []
            throw Problem(
                status: .forbidden, slug: "step-not-allowed", title: "Step not allowed",
                detail: "\(kind.rawValue) needs one of: \(allowed.map(\.nameEN).sorted().joined(separator: ", ")) for this case",
                detailZH: "「\(kind.nameZH)」须由本案件的\(allowed.map(\.nameZH).sorted().joined(separator: "、"))操作")
        }
        let command = try await makeCommand(kind, body)
        let event: CaseEvent
        do throws(WorkflowError) {
            event = try workflow.decide(command, on: current, by: actor(principal, grant, context), at: Date())
        } catch { throw Self.problem(error, current: current) }
        do {
            return try await store.appendEvent(event, expectedVersion: current.version)
        } catch let conflict as CaseVersionConflict {
            throw Self.conflict(conflict.current)
        }
    }

    struct MergeBody: Decodable { var into: String }

    @Sendable func merge(_ request: Request, context: FinegrainRequestContext) async throws -> CaseDTO {
        let principal = try context.requirePrincipal()
        let body = try await decodeBody(MergeBody.self, from: request, context: context)
        let duplicate = try await visibleCase(context, principal)
        return await dto(try await merge(duplicate, into: body.into, principal: principal, context: context), principal, withActions: true)
    }

    /// Open cases of the same class (or major class, `related`) within `radius` metres and `hours`
    /// of a case, inside the caller's reach: the likely duplicates an operator should merge.
    func likelyDuplicates(of c: Case, principal: Principal, radius: Double = 50, hours: Double = 72, related: Bool = false) async throws -> [Case] {
        let dLat = radius / 111_320
        let dLon = radius / (111_320 * cos(c.location.lat * .pi / 180))
        let scope = await access.caseScope(principal)
        var query = CaseQuery(
            statuses: Set(CaseStatus.allCases.filter { !$0.isFinal }), classKind: c.classKind,
            classCodePrefix: related ? String(c.classCode.prefix(2)) : c.classCode, regionCodes: scope.regions, departmentID: scope.departmentID,
            reporterUserID: scope.reporterUserID, reportedFrom: c.reportedAt.addingTimeInterval(-hours * 3600),
            reportedTo: c.reportedAt.addingTimeInterval(hours * 3600), perPage: 100)
        query.boundingBox = BoundingBox(minLon: c.location.lon - dLon, minLat: c.location.lat - dLat, maxLon: c.location.lon + dLon, maxLat: c.location.lat + dLat)
        let projection = LocalProjection(origin: c.location)
        return try await store.findCases(query).filter {
            $0.id != c.id && projection.project($0.location).distance(to: projection.project(c.location)) <= radius
        }
    }

    /// Merges a duplicate into another open case the caller can see (both events in one transaction).
    func merge(_ duplicate: Case, into targetID: String, principal: Principal, context: FinegrainRequestContext) async throws -> Case {
        let body = MergeBody(into: targetID)
        guard let target = try await store.caseRecord(id: body.into), await access.canSee(target, principal) else {
            throw Problem.notFound("case \(body.into)", "案件 \(body.into)")
        }
        guard target.id != duplicate.id, !target.status.isFinal else {
            throw Problem.unprocessable("into", "must be another open case", "须为另一件未结案件")
        }
        guard let grant = await access.actingGrant(for: .markMerged, on: duplicate, principal, rules: workflow.rules) else {
            throw Problem(status: .forbidden, slug: "step-not-allowed", title: "Step not allowed", detail: "merging needs an operator or shift leader", detailZH: "合并须由受理员或值班长操作")
        }
        let now = Date()
        do {
            let marked = try workflow.decide(.markMerged(into: target.id), on: duplicate, by: actor(principal, grant, context), at: now)
            let absorbed = try workflow.decide(
                .absorbDuplicate(caseID: duplicate.id, caseNumber: duplicate.number, source: duplicate.source), on: target,
                by: actor(principal, grant, context), at: now)
            let results = try await store.appendEvents([(marked, duplicate.version), (absorbed, target.version)])
            return results[1]
        } catch let conflict as CaseVersionConflict {
            throw Self.conflict(conflict.current)
        } catch let error as WorkflowError {
            throw Self.problem(error, current: duplicate)
        }
    }

    // MARK: Helpers

    func visibleCase(_ context: FinegrainRequestContext, _ principal: Principal) async throws -> Case {
        let id = try context.parameters.require("id")
        guard let c = try await store.caseRecord(id: id), await access.canSee(c, principal) else {
            throw Problem.notFound("case \(id)", "案件 \(id)")
        }
        return c
    }

    func actor(_ principal: Principal, _ grant: Grant, _ context: FinegrainRequestContext) -> CaseActor {
        CaseActor(
            userID: principal.userID, name: principal.username, role: grant.role, departmentID: grant.departmentID, address: context.clientAddress,
            requestID: context.requestID)
    }

    /// `listed`: the case is one of a list page's, whose JSON is kept (``CaseJSONCache``) — pages are
    /// refreshed again and again; a single case's answer (an intake, a step) is written whole, as
    /// its next version is usually moments away.
    func dto(_ c: Case, _ principal: Principal, withActions: Bool, listed: Bool = false) async -> CaseDTO {
        var actions: [String]?
        if withActions {
            var list: [String] = []
            for kind in Self.commandKinds where workflow.rules.rules[kind]?.from.contains(c.status) == true {
                if await access.actingGrant(for: kind, on: c, principal, rules: workflow.rules) != nil { list.append(kind.rawValue) }
            }
            actions = list
        }
        let showsReporter = await access.mayViewReporter(c, principal)
        var dto = CaseDTO(
            c, className: await catalogue.catalogue.class(kind: c.classKind, code: c.classCode)?.name,
            showReporter: showsReporter, light: workflow.light(of: c, at: Date()), actions: actions)
        if listed { json.attach(to: &dto, showsReporter: showsReporter) }
        return dto
    }

    /// Photo names must be SHA-256 names of uploaded photos.
    func checkedPhotos(_ names: [String]) async throws -> [String] {
        guard names.count <= 9 else { throw Problem.unprocessable("photos", "at most 9 photos", "最多 9 张照片") }
        for name in names where !(name.count == 64 && name.allSatisfy(\.isHexDigit)) {
            throw Problem.unprocessable("photos", "\"\(name)\" is not an uploaded photo's SHA-256", "「\(name)」不是已上传照片的 SHA-256")
        }
        let missing = try await store.missingPhotos(names)
        guard missing.isEmpty else {
            throw Problem.unprocessable("photos", "not uploaded: \(missing.joined(separator: ", "))", "照片未上传：\(missing.joined(separator: "、"))")
        }
        return names
    }

    static func problem(_ error: WorkflowError, current: Case? = nil) -> Problem {
        switch error.reason {
        case .roleNotAllowed:
            return Problem(status: .forbidden, slug: "step-not-allowed", title: "Step not allowed", detail: error.description, detailZH: error.descriptionZH)
        case .wrongStatus:
            return Problem(status: .conflict, slug: "wrong-status", title: "Not possible in this status", detail: error.description, detailZH: error.descriptionZH)
        case .invalidField(let field, let problem, let problemZH):
            return Problem.unprocessable(field, problem, problemZH)
        case .alreadyPending, .nothingPending:
            return Problem(status: .conflict, slug: "wrong-status", title: "Not possible now", detail: error.description, detailZH: error.descriptionZH)
        }
    }

    static func conflict(_ current: Case) -> Problem {
        Problem(
            status: .conflict, slug: "case-changed", title: "The case changed",
            detail: "another step changed the case first; it is now \(current.status.rawValue) (version \(current.version))",
            detailZH: "案件已被他人先行处理，当前状态「\(current.status.nameZH)」（版本 \(current.version)）",
            errors: [.init(field: "status", detail: current.status.rawValue, detailZH: current.status.nameZH),
                     .init(field: "version", detail: String(current.version), detailZH: String(current.version))])
    }

    func date(_ q: QueryParameters, _ name: String) throws -> Date? {
        guard let text = q.string(name) else { return nil }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        if let day = LocalDate(text) { return workflow.calendar.instant(on: day, hour: 0) }
        throw Problem.invalidParameter(name, "must be a date (2026-11-01) or an ISO 8601 time", "须为日期（2026-11-01）或 ISO 8601 时间")
    }


}
