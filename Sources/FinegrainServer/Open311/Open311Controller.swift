import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird
import Logging

/// Open311 GeoReport v2 under `/open311/v2/`, every resource as `.xml` and `.json`:
/// `discovery`, `services`, `services/{code}` (alias `service/{code}`), `requests` (GET list and
/// POST with `api_key`), `requests/{id}`, `tokens/{token}` (requests are realtime, so tokens are
/// never issued) and FixMyStreet's `servicerequestupdates`.
///
/// Services are the catalogue's matter classes (事项; service_code = class code). A posted request
/// becomes a case from the public (`source: citizen`) and runs through the closed loop like any
/// other; its fine status is in `status_notes`, its deadline in `expected_datetime`. No personal
/// data is ever returned.
struct Open311Controller: Sendable {
    let access: AccessControl
    let catalogue: CatalogueIndex
    let cases: CaseController
    let photos: PhotoController

    var store: Store { access.store }
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current

    func addRoutes(to routes: SecuredRoutes) {
        // Public by the spec; POST checks its api_key itself (403 per the spec, not 401).
        routes.get("{file}", .public, use: resource)
        routes.post("{file}", .public, use: post)
        routes.get("services/{file}", .public, use: definition)
        routes.get("service/{file}", .public, use: definition)
        routes.get("requests/{file}", .public, use: single)
        routes.get("tokens/{file}", .public, use: token)
    }

    /// `name.fmt` → (name, format).
    static func split(_ file: String) throws(Open311Error) -> (String, Open311Format) {
        guard let dot = file.lastIndex(of: "."), let format = Open311Format(rawValue: String(file[file.index(after: dot)...]).lowercased()) else {
            throw Open311Error(status: .notFound, description: "resources end in .xml or .json")
        }
        return (String(file[..<dot]), format)
    }

    func handle(_ file: String, _ body: (String, Open311Format) async throws -> Response) async -> Response {
        let format = (try? Self.split(file).1) ?? .json
        // A catalogue import by another process shows at once (one revision query).
        try? await catalogue.refresh()
        do {
            let (name, format) = try Self.split(file)
            return try await body(name, format)
        } catch let error as Open311Error {
            return error.response(format)
        } catch let problem as Problem {
            let status: HTTPResponse.Status = problem.status == .notFound ? .notFound : problem.status == .forbidden ? .forbidden : .badRequest
            return Open311Error(status: status, description: problem.detail).response(format)
        } catch {
            return Open311Error(status: .badRequest, description: "the request could not be processed").response(format)
        }
    }

    // MARK: GET resources

    @Sendable func resource(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let params = Open311Parameters(query: request.uri.query, body: nil)
        return await handle(try context.parameters.require("file")) { name, format in
            switch name {
            case "discovery": return format.response(discovery(request), root: "discovery")
            case "services": return format.response(.list(itemName: "service", await services()), root: "services")
            case "requests": return format.response(.list(itemName: "request", try await requests(params)), root: "service_requests")
            case "servicerequestupdates":
                return format.response(.list(itemName: "request_update", try await updates(params)), root: "service_request_updates")
            default: throw Open311Error(status: .notFound, description: "no resource \(name)")
            }
        }
    }

    func discovery(_ request: Request) -> Open311Value {
        .object([
            ("changeset", .string("2026-11-29T00:00:00+08:00")),
            ("contact", .string("城市管理指挥中心 / city management command centre")),
            ("key_service", .string("API keys are issued by the city's platform administrators (POST /api/v1/me/api-keys).")),
            (
                "endpoints",
                .list(itemName: "endpoint", [
                    .object([
                        ("specification", .string("http://wiki.open311.org/GeoReport_v2")), ("url", .string("/open311/v2")),
                        ("changeset", .string("2026-11-29T00:00:00+08:00")), ("type", .string("production")),
                        ("formats", .list(itemName: "format", [.string("text/xml"), .string("application/json")])),
                    ])
                ])
            ),
        ])
    }

    func services() async -> [Open311Value] {
        await catalogue.catalogue.search(kind: .matter, codePrefix: nil, text: nil)
            .filter { $0.standard != CatalogueStandard.gb30428Legacy }
            .map { c in
                .object([
                    ("service_code", .string(c.code)), ("service_name", .string(c.name)),
                    ("description", .string([c.name, c.nameEN].compactMap { $0 }.joined(separator: " / "))),
                    ("metadata", .bool(!c.attributes.isEmpty)), ("type", .string("realtime")),
                    ("keywords", .string([c.majorName, c.name].joined(separator: ","))), ("group", .string(c.majorName)),
                ])
            }
    }

    @Sendable func definition(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        await handle(try context.parameters.require("file")) { code, format in
            guard let c = await catalogue.catalogue.class(kind: .matter, code: code), c.active else {
                throw Open311Error(status: .notFound, description: "service_code \(code) not found")
            }
            let attributes: [Open311Value] = c.attributes.enumerated().map { index, a in
                let datatype: String
                switch a.type {
                case .text: datatype = "string"
                case .number: datatype = "number"
                case .boolean, .singleChoice: datatype = "singlevaluelist"
                case .multiChoice: datatype = "multivaluelist"
                }
                let choices = a.type == .boolean ? ["true", "false"] : a.choices
                return .object([
                    ("variable", .bool(true)), ("code", .string(a.code)), ("datatype", .string(datatype)), ("required", .bool(a.required)),
                    ("datatype_description", .string(nil)), ("order", .int(index + 1)), ("description", .string(a.name)),
                    ("values", .list(itemName: "value", choices.map { .object([("key", .string($0)), ("name", .string($0))]) })),
                ])
            }
            return format.response(
                .object([("service_code", .string(c.code)), ("attributes", .list(itemName: "attribute", attributes))]), root: "service_definition")
        }
    }

    func requests(_ params: Open311Parameters) async throws -> [Open311Value] {
        var query = CaseQuery(classKind: .matter, sort: .reportedAt, descending: true, perPage: try params.int("page_size", in: 1...1000) ?? 1000)
        query.page = try params.int("page", in: 1...1_000_000) ?? 1
        let ids = params.list("service_request_id")
        if !ids.isEmpty {
            query.identifiers = Set(ids)  // overrides every other argument
        } else {
            query.classCodes = Set(params.list("service_code"))
            let end = try params.date("end_date") ?? Date()
            let start = try params.date("start_date") ?? end.addingTimeInterval(-90 * 86_400)
            guard start <= end, end.timeIntervalSince(start) <= 90 * 86_400 + 1 else {
                throw Open311Error(status: .badRequest, description: "start_date to end_date must span at most 90 days")
            }
            query.reportedFrom = start
            query.reportedTo = end.addingTimeInterval(0.001)
            let statuses = Set(params.list("status").map { $0.lowercased() })
            guard statuses.isSubset(of: ["open", "closed"]) else { throw Open311Error(status: .badRequest, description: "status must be open or closed") }
            if statuses.count == 1 {
                query.statuses = Set(CaseStatus.allCases.filter { statuses.contains("closed") ? $0.isFinal : !$0.isFinal })
            }
            query.updatedFrom = try params.date("updated_after")
            query.updatedTo = try params.date("updated_before")
            if let lat = try params.double("lat"), let lon = try params.double("long") {
                let radius = try params.double("radius") ?? 1000
                guard radius > 0, radius <= 50_000 else { throw Open311Error(status: .badRequest, description: "radius must be 1 to 50000 metres") }
                let dLat = radius / 111_320, dLon = radius / (111_320 * cos(lat * .pi / 180))
                query.boundingBox = BoundingBox(minLon: lon - dLon, minLat: lat - dLat, maxLon: lon + dLon, maxLat: lat + dLat)
            }
        }
        let found = try await store.searchCases(query).items
        let departments = Dictionary(uniqueKeysWithValues: try await store.allDepartments().map { ($0.id, $0.name) })
        let names = await catalogue.catalogue
        return found.map { request($0, departments: departments, names: names) }
    }

    func request(_ c: Case, departments: [String: String], names: Catalogue) -> Open311Value {
        .object([
            ("service_request_id", .string(c.number)), ("status", .string(c.status.isFinal ? "closed" : "open")),
            ("status_notes", .string("\(c.status.nameZH) (\(c.status.rawValue))")),
            ("service_name", .string(names.class(kind: c.classKind, code: c.classCode)?.name)), ("service_code", .string(c.classCode)),
            ("description", .string(c.description)), ("agency_responsible", .string(c.departmentID.flatMap { departments[$0] })),
            ("service_notice", .string(nil)), ("requested_datetime", .string(Self.time(c.reportedAt))),
            ("updated_datetime", .string(Self.time(c.closedAt ?? c.updatedAt))),
            ("expected_datetime", .string(c.openDeadline.map { Self.time($0.dueAt) })), ("address", .string(c.address)),
            ("address_id", .string(nil)), ("zipcode", .string(nil)), ("lat", .number(c.location.lat)), ("long", .number(c.location.lon)),
            ("media_url", .string(nil)),
        ])
    }

    func updates(_ params: Open311Parameters) async throws -> [Open311Value] {
        let end = try params.date("end_date") ?? Date()
        let start = try params.date("start_date") ?? end.addingTimeInterval(-7 * 86_400)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var items: [Open311Value] = []
        var numbers: [String: String] = [:]
        try await store.forEachEvent(from: style.format(start), to: style.format(end.addingTimeInterval(0.001)), batchSize: 1000) { events in
            for event in events where event.type != "reported" && items.count < 1000 {
                if numbers[event.caseID] == nil { numbers[event.caseID] = try await store.caseRecord(id: event.caseID)?.number }
                guard let number = numbers[event.caseID] else { continue }
                let kind = CaseCommand.Kind(rawValue: event.type)
                items.append(
                    .object([
                        ("update_id", .string("\(number)-\(event.sequence)")), ("service_request_id", .string(number)),
                        ("status", .string(event.status.isFinal ? "closed" : (event.status == .dispatched ? "in_progress" : "open"))),
                        ("updated_datetime", .string(Self.time(event.at))),
                        ("description", .string("\(kind?.nameZH ?? event.type)：\(event.status.nameZH)")), ("media_url", .string(nil)),
                        ("external_status_code", .string(event.type)),
                    ]))
            }
        }
        return items
    }

    @Sendable func single(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        await handle(try context.parameters.require("file")) { id, format in
            var found = try await store.caseRecord(number: id)
            if found == nil { found = try await store.caseRecord(id: id) }
            guard let c = found else {
                throw Open311Error(status: .notFound, description: "service_request_id \(id) not found")
            }
            let departments = Dictionary(uniqueKeysWithValues: try await store.allDepartments().map { ($0.id, $0.name) })
            return format.response(.list(itemName: "request", [self.request(c, departments: departments, names: await catalogue.catalogue)]), root: "service_requests")
        }
    }

    @Sendable func token(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        await handle(try context.parameters.require("file")) { token, _ in
            throw Open311Error(status: .notFound, description: "token \(token) not found (requests here are realtime and return their id at once)")
        }
    }

    // MARK: POST requests

    @Sendable func post(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let file = try context.parameters.require("file")
        let format = (try? Self.split(file).1) ?? .json
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: 3 * PhotoController.maxBytes) } catch {
            return Open311Error(status: .badRequest, description: "the request is too large (media at most \(PhotoController.maxBytes / 1024 / 1024) MiB)").response(format)
        }
        let contentType = request.headers[.contentType] ?? ""
        return await handle(file) { name, format in
            guard name == "requests" else { throw Open311Error(status: .notFound, description: "POST is only for requests") }
            var body = String(buffer: buffer)
            var media: [MultipartForm.File] = []
            if contentType.lowercased().hasPrefix("multipart/") {
                let form: MultipartForm
                do throws(MultipartForm.Malformed) { form = try MultipartForm(body: Data(buffer.readableBytesView), contentType: contentType) } catch {
                    throw Open311Error(status: .badRequest, description: error.description)
                }
                body = form.urlEncoded
                media = form.files.filter { $0.field == "media" || $0.field == "media[]" || $0.field.hasPrefix("photo") }
            }
            let params = Open311Parameters(query: request.uri.query, body: body)
            guard let key = params.string("api_key"), let principal = try await access.principal(apiKeyToken: key) else {
                throw Open311Error(status: .forbidden, description: "a valid api_key is required")
            }
            guard let code = params.string("service_code") else { throw Open311Error(status: .badRequest, description: "service_code is required") }
            guard await catalogue.catalogue.class(kind: .matter, code: code)?.active == true else {
                throw Open311Error(status: .notFound, description: "service_code \(code) not found")
            }
            guard let lat = try params.double("lat"), let lon = try params.double("long") else {
                throw Open311Error(status: .badRequest, description: "lat and long are required (addresses are not geocoded here)")
            }
            let description = params.string("description") ?? ""
            guard description.count <= 4000 else { throw Open311Error(status: .badRequest, description: "description is longer than 4000 characters") }
            let name = [params.string("last_name"), params.string("first_name")].compactMap { $0 }.filter { $0 != "-" }.joined()
            let className = await catalogue.catalogue.class(kind: .matter, code: code)?.name ?? code
            var photoNames: [String] = []
            for file in media.prefix(9) {
                guard file.data.count <= PhotoController.maxBytes else {
                    throw Open311Error(status: .badRequest, description: "media \(file.filename ?? file.field) is larger than \(PhotoController.maxBytes / 1024 / 1024) MiB")
                }
                guard let type = PhotoController.sniff(file.data) else {
                    throw Open311Error(status: .badRequest, description: "media \(file.filename ?? file.field) is not a JPEG, PNG or WebP image")
                }
                photoNames.append(try await photos.save(file.data, type: type, uploadedBy: principal.userID))
            }
            var context = context
            context.principal = principal
            let report = CaseController.ReportBody(
                source: .citizen, classKind: .matter, classCode: code, urgency: .normal,
                description: description.isEmpty ? className : description,
                lon: lon, lat: lat, crs: .wgs84, address: params.string("address_string"), hotlineTicket: nil,
                reporterName: name.isEmpty ? nil : name, reporterPhone: params.string("phone"), photos: photoNames.isEmpty ? nil : photoNames,
                selfHandled: nil, componentID: nil,
                attributes: nil)
            let created = try await cases.intake(report, principal: principal, context: context, attributes: params.attributes)
            return format.response(
                .list(itemName: "request", [
                    .object([("service_request_id", .string(created.number)), ("service_notice", .string(nil)), ("account_id", .string(nil))])
                ]), root: "service_requests")
        }
    }

    /// W3C date-time in China time with the offset as the spec wants it: `2026-11-30T06:59:37+08:00`.
    static func time(_ date: Date) -> String {
        var text = Date.ISO8601FormatStyle(timeZone: zone).format(date)
        if text.count >= 5, let sign = text.dropLast(4).last, sign == "+" || sign == "-", !text.hasSuffix("Z") {
            text.insert(":", at: text.index(text.endIndex, offsetBy: -2))
        }
        return text
    }
}
