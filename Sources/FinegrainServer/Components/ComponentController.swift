import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// 部件 (management components) over HTTP:
///
/// - `GET /api/v1/components?bbox=minLon,minLat,maxLon,maxLat&region=&class_code=&status=&authority=&q=&page=&per_page=[&format=geojson]`;
/// - `GET /api/v1/components/{id}`, `GET /api/v1/components/{id}/history`;
/// - `POST /api/v1/components` — one component (the 18 standard attributes in snake_case, `geometry`
///   as GeoJSON, `attributes` for a class's extension attributes); without an `id` a 17-digit one is
///   made from the county of its location, its class and the next serial;
/// - `PATCH /api/v1/components/{id}` — change fields (status, owner, maintainer, note, geometry, …);
///   every change is kept in its history;
/// - `POST /api/v1/components/import?format=geojson|csv&crs=wgs84|gcj02` — a census file, all or nothing.
struct ComponentController: Sendable {
    let access: AccessControl
    let index: RegionIndex
    let catalogue: CatalogueIndex

    var store: Store { access.store }

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("components", .casesRead, use: list)
        routes.post("components", .catalogueManage, use: create)
        routes.post("components/import", .catalogueManage, use: importFile)
        routes.get("components/{id}", .casesRead, use: show)
        routes.patch("components/{id}", .catalogueManage, use: update)
        routes.get("components/{id}/history", .casesRead, use: history)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8") throws -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    func register() async -> ComponentRegister {
        ComponentRegister(store: store, catalogue: await catalogue.catalogue, locator: await index.locator)
    }

    @Sendable func list(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let q = QueryParameters(request)
        var query = ComponentQuery(
            classCodePrefix: q.string("class_code"), authorityCode: q.string("authority"), text: q.string("q"),
            page: try q.int("page", in: 1...1_000_000) ?? 1, perPage: try q.int("per_page", in: 1...1000) ?? 50)
        query.statuses = Set(try q.set("status", allowed: Set(ComponentStatus.allCases.map(\.rawValue))).compactMap(ComponentStatus.init(rawValue:)))
        if let bbox = q.string("bbox") {
            let parts = bbox.split(separator: ",").compactMap { Double($0) }
            guard parts.count == 4, parts[0] <= parts[2], parts[1] <= parts[3] else {
                throw Problem.invalidParameter("bbox", "must be minLon,minLat,maxLon,maxLat", "须为 最小经度,最小纬度,最大经度,最大纬度")
            }
            query.boundingBox = BoundingBox(minLon: parts[0], minLat: parts[1], maxLon: parts[2], maxLat: parts[3])
        }
        if let region = q.string("region") {
            let locator = await index.locator
            guard locator.region(region) != nil else { throw Problem.invalidParameter("region", "is not a known region code", "不是已知的区域编码") }
            if locator.level(of: region) == .zone { query.regionCodes = locator.children(of: region).map(\.code) }
            else if locator.level(of: region) != .city { query.regionCodes = [region] }
        }
        let page = try await store.components(query)
        if try q.oneOf("format", ListFormat.self, allowed: ListFormat.allCases) == .geojson {
            struct Feature: Encodable {
                var type = "Feature"
                var id: String
                var properties: Component
                var geometry: ComponentGeometry
            }
            struct Collection: Encodable {
                var type = "FeatureCollection"
                var features: [Feature]
                var total: Int
            }
            return try Self.json(
                Collection(features: page.items.map { Feature(id: $0.id, properties: $0, geometry: $0.geometry) }, total: page.total),
                contentType: "application/geo+json; charset=utf-8")
        }
        struct PageBody: Encodable {
            var items: [Component]
            var total: Int
            var page: Int
            var perPage: Int
            var pageCount: Int
        }
        return try Self.json(PageBody(items: page.items, total: page.total, page: page.page, perPage: page.perPage, pageCount: page.pageCount))
    }

    @Sendable func show(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        try Self.json(try await existing(context))
    }

    @Sendable func history(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let component = try await existing(context)
        struct Entry: Encodable {
            var at: Date
            var actor: String
            var requestId: String?
            var kind: String
            var changes: [ComponentChange]
        }
        let entries = try await store.componentHistory(id: component.id).map {
            Entry(at: $0.at, actor: $0.actor, requestId: $0.requestID, kind: $0.kind, changes: $0.changes)
        }
        struct Body: Encodable {
            var items: [Entry]
            var total: Int
        }
        return try Self.json(Body(items: entries, total: entries.count))
    }

    @Sendable func create(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        var component = try await decodeComponent(request, allowMissingID: true)
        let register = await register()
        if component.id.isEmpty {
            component.id = try await register.newID(classCode: component.classCode, at: component.geometry.representativePoint)
        } else if try await store.component(id: component.id) != nil {
            throw Problem(status: .conflict, slug: "conflict", title: "Conflict", detail: "component \(component.id) exists; use PATCH", detailZH: "部件 \(component.id) 已存在，请用 PATCH 修改")
        }
        try await write(register, [component], kind: "create", context)
        return try Self.json(try await store.component(id: component.id), status: .created)
    }

    @Sendable func update(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let old = try await existing(context)
        let buffer = try await request.body.collect(upTo: 1024 * 1024)
        guard let patch = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw Problem.invalidBody("(body)", "is not a JSON object", "不是 JSON 对象")
        }
        // Merge the patch over the stored component, then decode and validate the whole.
        guard var merged = try JSONSerialization.jsonObject(with: Self.encoder.encode(old)) as? [String: Any] else {
            throw Problem.invalidBody("(body)", "cannot be merged", "无法合并")
        }
        for (key, value) in patch where key != "id" { merged[key] = value }
        if patch["changed_date"] == nil {
            merged["changed_date"] = ResponseDates.today()
        }
        var component = try Self.decode(try JSONSerialization.data(withJSONObject: merged))
        component.id = old.id
        try await write(await register(), [component], kind: "update", context)
        return try Self.json(try await store.component(id: old.id))
    }

    @Sendable func importFile(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let q = QueryParameters(request)
        guard let format = try q.oneOf("format", ComponentRegister.Format.self, allowed: ComponentRegister.Format.allCases) else {
            throw Problem.invalidParameter("format", "is required: geojson or csv", "为必填项：geojson 或 csv")
        }
        let crs = try q.oneOf("crs", CoordinateSystem.self, allowed: CoordinateSystem.allCases) ?? .wgs84
        let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
        do {
            let count = try await register().importFile(
                Data(body.readableBytesView), format: format, crs: crs, file: "upload.\(format.rawValue)", actor: access.actor(context, permission: .catalogueManage))
            return try Self.json(["imported": count])
        } catch let failure as ComponentImportFailure {
            throw Self.problem(failure)
        }
    }

    // MARK: Helpers

    private func write(_ register: ComponentRegister, _ components: [Component], kind: String, _ context: FinegrainRequestContext) async throws {
        do {
            try await register.write(components, kind: kind, actor: access.actor(context, permission: .catalogueManage))
        } catch let failure as ComponentImportFailure {
            throw Self.problem(failure)
        }
    }

    static func problem(_ failure: ComponentImportFailure) -> Problem {
        Problem(
            status: .unprocessableContent, slug: "import-refused", title: "Refused, nothing written",
            detail: "\(failure.problems.count) problem(s); nothing was written", detailZH: "发现 \(failure.problems.count) 个问题，未写入任何数据",
            errors: failure.problems.map { p in
                let position = [p.featureIndex.map { "features[\($0)]" }, p.line.map { "line \($0)" }].compactMap { $0 }.joined(separator: " ")
                return .init(field: position.isEmpty ? p.field : "\(position).\(p.field)", detail: p.message, detailZH: p.messageZH)
            })
    }

    private func existing(_ context: FinegrainRequestContext) async throws -> Component {
        let id = try context.parameters.require("id")
        guard let component = try await store.component(id: id) else { throw Problem.notFound("component \(id)", "部件 \(id)") }
        return component
    }

    private func decodeComponent(_ request: Request, allowMissingID: Bool) async throws -> Component {
        let buffer = try await request.body.collect(upTo: 1024 * 1024)
        guard var object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw Problem.invalidBody("(body)", "is not a JSON object", "不是 JSON 对象")
        }
        if allowMissingID && object["id"] == nil { object["id"] = "" }
        if object["status"] == nil { object["status"] = ComponentStatus.intact.rawValue }
        if object["initial_date"] == nil { object["initial_date"] = ResponseDates.today() }
        if object["attributes"] == nil { object["attributes"] = [String: String]() }
        if object["synthetic"] == nil { object["synthetic"] = false }
        return try Self.decode(try JSONSerialization.data(withJSONObject: object))
    }

    static func decode(_ data: Data) throws -> Component {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(Component.self, from: data) } catch let DecodingError.keyNotFound(key, _) {
            throw Problem.invalidBody(key.stringValue.snakeCased, "is required", "为必填项")
        } catch let DecodingError.dataCorrupted(context) {
            throw Problem.invalidBody(context.codingPath.map(\.stringValue).joined(separator: "."), "is not valid: \(context.debugDescription)", "无效")
        } catch let DecodingError.typeMismatch(_, context) {
            throw Problem.invalidBody(context.codingPath.map(\.stringValue).joined(separator: "."), "has the wrong type", "类型错误")
        } catch {
            throw Problem.invalidBody("(body)", "is not a component: \(error)", "不是有效的部件")
        }
    }
}

/// Today's date in China, for change dates.
enum ResponseDates {
    static func today() -> String {
        let seconds = Date().timeIntervalSince1970 + 8 * 3600
        return LocalDate(daysSince1970: Int((seconds / 86_400).rounded(.down))).description
    }
}

extension String {
    fileprivate var snakeCased: String {
        unicodeScalars.reduce(into: "") { result, scalar in
            if CharacterSet.uppercaseLetters.contains(scalar) {
                result += "_" + String(scalar).lowercased()
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
}
