import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

extension ConsoleCaseController {
    /// The channels the caller may report through (the workflow's reporter rules).
    func sources(_ principal: Principal) -> [CaseSource] {
        let roles = Set(principal.grants(with: .casesReport, policy: access.policy).map(\.role))
        return CaseSource.allCases.filter { !(workflow.rules.reporters[$0] ?? []).isDisjoint(with: roles) }
    }

    @Sendable func reportForm(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        try await reportPage(request, context, values: [:], error: nil)
    }

    func reportPage(_ request: Request, _ context: FinegrainRequestContext, values: [String: String], error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let principal = try context.requirePrincipal()
        let language = ConsoleLanguage(request)
        let catalogue = await cases.catalogue.catalogue
        let chosen = values["class"] ?? ""
        var groups: [String: [[String: Any]]] = [:]
        var order: [String] = []
        for c in catalogue.classes where c.active && c.standard != CatalogueStandard.gb30428Legacy {
            let group = "\(language.name(c.kind)) · \(c.majorName)"
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(["value": "\(c.kind.rawValue):\(c.code)", "label": "\(c.code) \(c.name)", "selected": "\(c.kind.rawValue):\(c.code)" == chosen])
        }
        let available = sources(principal)
        return await pages.render(
            "console-report", title: language.strings["report_title"] ?? "",
            model: [
                "groups": order.map { ["label": $0, "classes": groups[$0] ?? []] },
                "sources": available.map { ["value": $0.rawValue, "label": language.name($0), "selected": $0.rawValue == values["source"]] },
                "manySources": available.count > 1, "onlySource": available.first?.rawValue ?? "",
                "urgencies": Urgency.allCases.map { ["value": $0.rawValue, "label": language.name($0), "selected": $0.rawValue == (values["urgency"] ?? "normal")] },
                "values": values, "error": error as Any,
            ], request: request, context: context, status: status)
    }

    @Sendable func report(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await ConsoleForm.read(request, context: context)
        let language = ConsoleLanguage(request)
        var values: [String: String] = [:]
        for key in ["source", "class", "urgency", "description", "address", "lon", "lat", "hotline_ticket", "reporter_name", "reporter_phone"] {
            values[key] = form.string(key)
        }
        do {
            let available = sources(principal)
            guard let source = form.string("source").flatMap(CaseSource.init(rawValue:)) ?? (available.count == 1 ? available[0] : nil) else {
                throw Problem.unprocessable("source", "choose a channel", "请选择来源")
            }
            let parts = (form.string("class") ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = ClassKind(rawValue: parts[0]) else { throw Problem.unprocessable("class", "choose a class", "请选择问题类别") }
            guard let lon = form.double("lon"), let lat = form.double("lat"), (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw Problem.unprocessable("lon", "the location is missing: use your location or enter it", "缺少位置：请使用当前位置或填写经纬度")
            }
            guard let description = form.string("description"), description.count <= 2_000 else {
                throw Problem.unprocessable("description", "is required (at most 2,000 characters)", "请填写问题描述（不超过 2000 字）")
            }
            let photoNames = try await photos.saveUploads(form.files, uploadedBy: principal.userID)
            let body = CaseController.ReportBody(
                source: source, classKind: kind, classCode: parts[1], urgency: form.string("urgency").flatMap(Urgency.init(rawValue:)), description: description,
                lon: lon, lat: lat, crs: form.string("crs").flatMap(CoordinateSystem.init(rawValue:)), address: form.string("address"),
                hotlineTicket: form.string("hotline_ticket"), reporterName: form.string("reporter_name"), reporterPhone: form.string("reporter_phone"),
                photos: photoNames)
            let created = try await cases.intake(body, principal: principal, context: context)
            let notice = (language.strings["reported_ok"] ?? "").replacingOccurrences(of: "{number}", with: created.number)
            return ConsolePage.redirect("/console/cases/\(created.id)?notice=\(ConsolePage.escapeQuery(notice))")
        } catch let problem as Problem {
            return try await reportPage(request, context, values: values, error: language.message(for: problem), status: problem.status)
        }
    }
}
