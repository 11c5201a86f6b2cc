import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// The four-in-one inputs and the scoring configuration:
///
/// - `GET|POST /api/v1/evaluations/reviews` — spot checks and supervision orders (复核督办);
///   `POST …/reviews/{id}/outcome` `{"outcome": "rectified"}`; `DELETE …/reviews/{id}`;
/// - `GET|POST /api/v1/evaluations/key-tasks`, `POST …/key-tasks/{id}/scores` — key tasks (重点工作);
/// - `GET /api/v1/evaluations/third-party?month=`, `POST /api/v1/evaluations/third-party` (a CSV
///   body; `?dry_run=true` validates only) — third-party assessment (第三方测评);
/// - `GET|POST /api/v1/config/evaluation` — configuration versions.
///
/// A month's inputs are frozen once the month is published (409).
extension EvaluationController {
    func addRecordRoutes(to routes: SecuredRoutes) {
        routes.get("evaluations/reviews", .evaluationRead, use: reviews)
        routes.post("evaluations/reviews", .evaluationManage, use: addReview)
        routes.post("evaluations/reviews/{id}/outcome", .evaluationManage, use: reviewOutcome)
        routes.delete("evaluations/reviews/{id}", .evaluationManage, use: deleteReview)
        routes.get("evaluations/key-tasks", .evaluationRead, use: keyTasks)
        routes.post("evaluations/key-tasks", .evaluationManage, use: addKeyTask)
        routes.post("evaluations/key-tasks/{id}/scores", .evaluationManage, use: scoreKeyTask)
        routes.get("evaluations/third-party", .evaluationRead, use: thirdParty)
        routes.post("evaluations/third-party", .evaluationManage, use: importThirdParty)
        routes.get("config/evaluation", .evaluationRead, use: configurations)
        routes.post("config/evaluation", .evaluationManage, use: addConfiguration)
    }

    func month(_ query: QueryParameters) throws -> String {
        guard let text = query.string("month") else { throw Problem.invalidParameter("month", "is required", "为必填项") }
        guard let period = EvaluationPeriod.parse(text, calendar: calendar), period.kind == .month else {
            throw Problem.invalidParameter("month", "is not a month like 2026-10", "月份格式应为 2026-10")
        }
        return period.label
    }

    // MARK: 复核督办

    @Sendable func reviews(_ request: Request, context: FinegrainRequestContext) async throws -> ListDTO<ReviewRecord> {
        let query = QueryParameters(request)
        let month = try month(query)
        let region = query.string("region")
        var items = try await store.reviewRecords(month: month, region: region)
        if let principal = context.principal, !(await access.isCityWide(principal, for: .evaluationRead)) {
            var visible: [ReviewRecord] = []
            for r in items where await access.covers(principal, region: r.regionCodes[0], for: .evaluationRead) { visible.append(r) }
            items = visible
        }
        return ListDTO(items: items)
    }

    struct ReviewBody: Decodable {
        var kind: ReviewRecord.Kind
        var regionCode: String
        var place: String
        var lon: Double?
        var lat: Double?
        var itemCode: String?
        var description: String?
        var photos: [String]?
        var deduction: Double?
        var outcome: SupervisionOutcome?
        var foundAt: Date?

        enum CodingKeys: String, CodingKey {
            case kind, place, lon, lat, description, photos, deduction, outcome
            case regionCode = "region_code"
            case itemCode = "item_code"
            case foundAt = "found_at"
        }
    }

    @Sendable func addReview(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let body = try await decodeBody(ReviewBody.self, from: request, context: context, dates: .iso8601)
        let locator = await access.index.locator
        guard let region = locator.region(body.regionCode), region.level != .city else {
            throw Problem.unprocessable("region_code", "is not a region below the city", "不是市以下的区域")
        }
        guard let principal = context.principal, await access.covers(principal, region: body.regionCode, for: .evaluationManage) else {
            throw Problem.notFound("region \(body.regionCode)", "区域 \(body.regionCode)")
        }
        let place = body.place.trimmed()
        guard !place.isEmpty, place.count <= 200 else { throw Problem.unprocessable("place", "must be 1–200 characters", "须为 1–200 个字符") }
        let foundAt = body.foundAt ?? Date()
        guard foundAt <= Date().addingTimeInterval(300) else { throw Problem.unprocessable("found_at", "is in the future", "不能晚于当前时间") }
        let local = calendar.localDate(of: foundAt)
        let month = local.monthLabel
        let rules = try await store.evaluationConfigurations().inForce(month: month).fourInOne
        var deduction = 0.0
        var outcome: SupervisionOutcome?
        switch body.kind {
        case .spotCheck:
            guard let code = body.itemCode, let item = rules.deduction(code) else {
                throw Problem.unprocessable("item_code", "must name an item of the deduction catalogue (\(rules.deductions.map(\.code).joined(separator: ", ")))",
                    "须为扣分标准中的条目")
            }
            deduction = body.deduction ?? item.points
            guard (0...item.maxPoints).contains(deduction) else {
                throw Problem.unprocessable("deduction", "must be within 0…\(item.maxPoints) for \(code)", "须在 0–\(item.maxPoints) 之间")
            }
            if body.outcome != nil { throw Problem.unprocessable("outcome", "is only for supervision orders", "仅适用于督办单") }
        case .supervision:
            outcome = body.outcome ?? .pending
            if body.deduction != nil { throw Problem.unprocessable("deduction", "a supervision order deducts by its outcome", "督办单按整改结果扣分") }
            guard !(body.description ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Problem.unprocessable("description", "is required for a supervision order", "督办单须填写督办事项")
            }
        }
        let photos = body.photos ?? []
        guard photos.count <= 9 else { throw Problem.unprocessable("photos", "at most 9", "最多 9 张") }
        for photo in photos where try await store.photoContentType(sha256: photo) == nil {
            throw Problem.unprocessable("photos", "\(photo) was not uploaded", "照片 \(photo) 未上传")
        }
        var location: Coordinate?
        if let lon = body.lon, let lat = body.lat {
            guard (-180...180).contains(lon), (-90...90).contains(lat) else { throw Problem.unprocessable("lon", "lon/lat out of range", "经纬度超出范围") }
            location = Coordinate(lon: lon, lat: lat)
        }
        let record = ReviewRecord(
            id: "rv-" + Self.shortID(), kind: body.kind, month: month, regionCodes: locator.chain(from: body.regionCode).filter { $0.level != .city }.map(\.code), place: place,
            location: location, itemCode: body.itemCode, description: body.description ?? "", photos: photos, deduction: deduction, outcome: outcome,
            foundAt: foundAt, recordedBy: principal.userID, updatedAt: Date())
        try await store.addReviewRecord(record, actor: access.actor(context, permission: .evaluationManage))
        return try created(record, request, context)
    }

    func created<T: Codable & Sendable>(_ item: T, _ request: Request, _ context: FinegrainRequestContext) throws -> Response {
        var response = try ItemDTO(item: item).response(from: request, context: context)
        response.status = .created
        return response
    }

    struct ItemDTO<T: Codable & Sendable>: ResponseEncodable {
        var item: T
        func encode(to encoder: any Encoder) throws { try item.encode(to: encoder) }
    }

    struct OutcomeBody: Decodable { var outcome: SupervisionOutcome }

    @Sendable func reviewOutcome(_ request: Request, context: FinegrainRequestContext) async throws -> ItemDTO<ReviewRecord> {
        let id = try context.parameters.require("id")
        let body = try await decodeBody(OutcomeBody.self, from: request, context: context)
        try await ensureManages(reviewID: id, context)
        return ItemDTO(item: try await store.setReviewOutcome(id: id, outcome: body.outcome, actor: access.actor(context, permission: .evaluationManage)))
    }

    @Sendable func deleteReview(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        try await ensureManages(reviewID: id, context)
        try await store.deleteReviewRecord(id: id, actor: access.actor(context, permission: .evaluationManage))
        return Response(status: .noContent)
    }

    /// The record must exist and lie in the caller's regions (404 otherwise, as for cases).
    func ensureManages(reviewID: String, _ context: FinegrainRequestContext) async throws {
        guard let record = try await store.reviewRecord(id: reviewID), let principal = context.principal,
            await access.covers(principal, region: record.regionCodes[0], for: .evaluationManage)
        else { throw Problem.notFound("review record \(reviewID)", "复核督办记录 \(reviewID)") }
    }

    // MARK: 重点工作

    @Sendable func keyTasks(_ request: Request, context: FinegrainRequestContext) async throws -> ListDTO<KeyTask> {
        ListDTO(items: try await store.keyTasks(month: try month(QueryParameters(request))))
    }

    struct KeyTaskBody: Decodable {
        var month: String
        var title: String
        var target: String?
        var fullScore: Double?

        enum CodingKeys: String, CodingKey {
            case month, title, target
            case fullScore = "full_score"
        }
    }

    @Sendable func addKeyTask(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        try await ensureCityWide(context, .evaluationManage)
        let body = try await decodeBody(KeyTaskBody.self, from: request, context: context)
        guard let period = EvaluationPeriod.parse(body.month, calendar: calendar), period.kind == .month else {
            throw Problem.unprocessable("month", "is not a month like 2026-10", "月份格式应为 2026-10")
        }
        let title = body.title.trimmed()
        guard !title.isEmpty, title.count <= 100 else { throw Problem.unprocessable("title", "must be 1–100 characters", "须为 1–100 个字符") }
        let full = body.fullScore ?? 100
        guard full > 0, full <= 1000 else { throw Problem.unprocessable("full_score", "must be within (0, 1000]", "须在 0–1000 之间") }
        let task = KeyTask(id: "kt-" + Self.shortID(), month: period.label, title: title, target: body.target ?? "", fullScore: full)
        try await store.addKeyTask(task, actor: access.actor(context, permission: .evaluationManage))
        return try created(task, request, context)
    }

    struct ScoreBody: Decodable {
        var regionCode: String
        var score: Double
        var note: String?

        enum CodingKeys: String, CodingKey {
            case score, note
            case regionCode = "region_code"
        }
    }

    @Sendable func scoreKeyTask(_ request: Request, context: FinegrainRequestContext) async throws -> ItemDTO<KeyTaskScore> {
        try await ensureCityWide(context, .evaluationManage)
        let id = try context.parameters.require("id")
        let body = try await decodeBody(ScoreBody.self, from: request, context: context)
        guard let level = await access.index.locator.region(body.regionCode)?.level, [.district, .zone, .subdistrict].contains(level) else {
            throw Problem.unprocessable("region_code", "must be a district, zone or subdistrict", "须为区县、功能区或镇街")
        }
        return ItemDTO(item: try await store.scoreKeyTask(
            taskID: id, regionCode: body.regionCode, score: body.score, note: body.note, actor: access.actor(context, permission: .evaluationManage)))
    }

    // MARK: 第三方测评

    @Sendable func thirdParty(_ request: Request, context: FinegrainRequestContext) async throws -> ListDTO<ThirdPartyScore> {
        ListDTO(items: try await store.thirdPartyScores(month: try month(QueryParameters(request))))
    }

    struct ImportDTO: ResponseEncodable {
        var imported: Int
        var dryRun: Bool
        var items: [ThirdPartyScore]

        enum CodingKeys: String, CodingKey {
            case imported, items
            case dryRun = "dry_run"
        }
    }

    @Sendable func importThirdParty(_ request: Request, context: FinegrainRequestContext) async throws -> ImportDTO {
        try await ensureCityWide(context, .evaluationManage)
        let query = QueryParameters(request)
        let dryRun = try query.bool("dry_run") ?? false
        let source = query.string("source") ?? "upload.csv"
        let buffer = try await request.body.collect(upTo: 4 * 1024 * 1024)
        guard let text = String(bytes: buffer.readableBytesView, encoding: .utf8) else {
            throw Problem.invalidBody("(body)", "is not UTF-8 text", "不是 UTF-8 文本")
        }
        var (scores, problems) = ThirdPartyCSV.parse(text, source: source)
        if problems.isEmpty { problems = try await store.thirdPartyRegionProblems(scores) }
        guard problems.isEmpty else {
            throw Problem(
                status: .unprocessableContent, slug: "validation-failed", title: "Invalid third-party scores",
                detail: "\(problems.count) problems; nothing was imported", detailZH: "发现 \(problems.count) 个问题，未导入任何数据",
                errors: problems.prefix(200).map {
                    Problem.FieldError(field: "line \($0.line)" + ($0.field.map { ": \($0)" } ?? ""), detail: $0.message, detailZH: $0.messageZH)
                })
        }
        if !dryRun { try await store.importThirdPartyScores(scores, actor: access.actor(context, permission: .evaluationManage)) }
        if dryRun { scores.sort { $0.regionCode < $1.regionCode } }
        return ImportDTO(imported: dryRun ? 0 : scores.count, dryRun: dryRun, items: scores)
    }

    // MARK: Configuration

    struct ConfigurationsDTO: ResponseEncodable {
        var items: [EvaluationConfiguration]
        var inForce: String

        enum CodingKeys: String, CodingKey {
            case items
            case inForce = "in_force"
        }
    }

    @Sendable func configurations(_ request: Request, context: FinegrainRequestContext) async throws -> ConfigurationsDTO {
        let book = try await store.evaluationConfigurations()
        let today = calendar.localDate(of: Date())
        return ConfigurationsDTO(items: book.versions, inForce: book.inForce(month: today.monthLabel).version)
    }

    @Sendable func addConfiguration(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        try await ensureCityWide(context, .evaluationManage)
        let configuration = try await decodeBody(EvaluationConfiguration.self, from: request, context: context)
        let problems = configuration.problems()
        guard problems.isEmpty else {
            throw Problem(
                status: .unprocessableContent, slug: "validation-failed", title: "Invalid evaluation configuration", detail: problems.joined(separator: "; "),
                detailZH: "考评配置无效：" + problems.joined(separator: "；"),
                errors: problems.map { .init(field: String($0.prefix { $0 != ":" }), detail: $0, detailZH: $0) })
        }
        try await store.addEvaluationConfiguration(configuration, actor: access.actor(context, permission: .evaluationManage))
        var response = try await configurations(request, context: context).response(from: request, context: context)
        response.status = .created
        return response
    }
}

extension EvaluationController {
    /// Sixteen hex digits of a random UUID: enough for records a city adds by hand.
    static func shortID() -> String { String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)) }
}
