import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// 权责清单 over HTTP, and the dispatcher's aids:
///
/// - `GET /api/v1/responsibility-rules`, `POST` `{"class_kind","code_prefix","region_code","department_id","priority","valid_from","valid_to","note"}`,
///   `DELETE /api/v1/responsibility-rules/{id}`;
/// - `GET /api/v1/responsibility-rules/coverage?level=district` — classes with no responsible department, and ties;
/// - `GET /api/v1/cases/{id}/suggested-department` — the department the list names for a case;
/// - `GET /api/v1/cases/{id}/duplicates?radius=50&hours=72` — likely duplicates: open cases of the same
///   class (or the same major class with `related=true`) near it in space and time.
struct ResponsibilityController: Sendable {
    let access: AccessControl
    let index: RegionIndex
    let catalogue: CatalogueIndex
    let cases: CaseController

    var store: Store { access.store }

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("responsibility-rules", .departmentsRead, use: list)
        routes.post("responsibility-rules", .catalogueManage, use: add)
        routes.delete("responsibility-rules/{id}", .catalogueManage, use: remove)
        routes.get("responsibility-rules/coverage", .catalogueManage, use: coverage)
        routes.get("cases/{id}/suggested-department", .casesRead, use: suggested)
        routes.get("cases/{id}/duplicates", .casesRead, use: duplicates)
    }

    struct RuleDTO: Codable, Sendable {
        var id: String?
        var classKind: ClassKind?
        var codePrefix: String?
        var regionCode: String?
        var componentPartyCode: String?
        var departmentID: String
        var priority: Int?
        var validFrom: String?
        var validTo: String?
        var note: String?

        init(_ r: ResponsibilityRule) {
            id = r.id
            classKind = r.classKind
            codePrefix = r.codePrefix
            regionCode = r.regionCode
            componentPartyCode = r.componentPartyCode
            departmentID = r.departmentID
            priority = r.priority
            validFrom = r.validFrom?.description
            validTo = r.validTo?.description
            note = r.note
        }

        enum CodingKeys: String, CodingKey {
            case id, priority, note
            case classKind = "class_kind"
            case codePrefix = "code_prefix"
            case regionCode = "region_code"
            case componentPartyCode = "component_party_code"
            case departmentID = "department_id"
            case validFrom = "valid_from"
            case validTo = "valid_to"
        }
    }

    @Sendable func list(_ request: Request, context: FinegrainRequestContext) async throws -> ListDTO<RuleDTO> {
        let rules = try await store.responsibilityRules().map(RuleDTO.init)
        return ListDTO(items: rules, total: rules.count)
    }

    @Sendable func add(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let body = try await decodeBody(RuleDTO.self, from: request, context: context)
        let prefix = body.codePrefix ?? ""
        guard prefix.allSatisfy(\.isNumber), prefix.count <= 8 else { throw Problem.unprocessable("code_prefix", "must be up to 8 digits", "须为不超过 8 位数字") }
        func date(_ text: String?, _ field: String) throws -> LocalDate? {
            guard let text, !text.isEmpty else { return nil }
            guard let date = LocalDate(text) else { throw Problem.unprocessable(field, "must be a date like 2026-01-01", "须为日期，如 2026-01-01") }
            return date
        }
        let rule = ResponsibilityRule(
            id: UUID().uuidString.lowercased(), classKind: body.classKind, codePrefix: prefix, regionCode: body.regionCode,
            componentPartyCode: try Self.creditCode(body.componentPartyCode), departmentID: body.departmentID, priority: body.priority ?? 0, validFrom: try date(body.validFrom, "valid_from"),
            validTo: try date(body.validTo, "valid_to"), note: body.note)
        if let from = rule.validFrom, let to = rule.validTo, to < from {
            throw Problem.unprocessable("valid_to", "is before valid_from", "早于 valid_from")
        }
        try await store.addResponsibilityRule(rule, actor: access.actor(context, permission: .catalogueManage))
        var response = try ListDTO(items: [RuleDTO(rule)], total: 1).response(from: request, context: context)
        response.status = .created
        return response
    }

    static func creditCode(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        do throws(CreditCodeError) { return try CreditCode(text).rawValue } catch {
            throw Problem.unprocessable("component_party_code", error.reason, error.reasonZH)
        }
    }

    @Sendable func remove(_ request: Request, context: FinegrainRequestContext) async throws -> HTTPResponse.Status {
        try await store.removeResponsibilityRule(id: try context.parameters.require("id"), actor: access.actor(context, permission: .catalogueManage))
        return .noContent
    }

    struct CoverageDTO: ResponseEncodable {
        struct FindingDTO: Codable, Sendable {
            var kind: String
            var classKind: String
            var classCode: String
            var regionCode: String
            var ruleIDs: [String]

            enum CodingKeys: String, CodingKey {
                case kind
                case classKind = "class_kind"
                case classCode = "class_code"
                case regionCode = "region_code"
                case ruleIDs = "rule_ids"
            }
        }

        var missing: Int
        var overlapping: Int
        var findings: [FindingDTO]
        var truncated: Bool
    }

    @Sendable func coverage(_ request: Request, context: FinegrainRequestContext) async throws -> CoverageDTO {
        let q = QueryParameters(request)
        let level = try q.oneOf("level", RegionLevel.self, allowed: [.city, .district, .zone, .subdistrict]) ?? .district
        let locator = await index.locator
        let regions = try await store.regions(RegionQuery(level: level, perPage: 500)).items.map(\.code)
        let classes = await catalogue.catalogue.classes.filter { $0.active && $0.standard != CatalogueStandard.gb30428Legacy }.map { (kind: $0.kind, code: $0.code) }
        let list = ResponsibilityList(rules: try await store.responsibilityRules())
        let findings = list.coverage(classes: classes, regions: regions, on: cases.workflow.calendar.localDate(of: Date()), hierarchy: locator)
        return CoverageDTO(
            missing: findings.filter { $0.kind == .missing }.count, overlapping: findings.filter { $0.kind == .overlapping }.count,
            findings: findings.prefix(1000).map {
                .init(kind: $0.kind.rawValue, classKind: $0.classKind.rawValue, classCode: $0.classCode, regionCode: $0.regionCode, ruleIDs: $0.ruleIDs)
            }, truncated: findings.count > 1000)
    }

    struct SuggestionDTO: ResponseEncodable {
        var departmentID: String?
        var departmentName: String?
        var ruleID: String?
        var alternatives: [String]

        enum CodingKeys: String, CodingKey {
            case alternatives
            case departmentID = "department_id"
            case departmentName = "department_name"
            case ruleID = "rule_id"
        }
    }

    @Sendable func suggested(_ request: Request, context: FinegrainRequestContext) async throws -> SuggestionDTO {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard let c = try await store.caseRecord(id: id), await access.canSee(c, principal) else { throw Problem.notFound("case \(id)", "案件 \(id)") }
        let found = try await store.responsibleRules(for: c, on: cases.workflow.calendar.localDate(of: Date()), hierarchy: await index.locator)
        let best = found.first
        var name: String?
        if let best { name = try await store.department(id: best.departmentID)?.name }
        return SuggestionDTO(
            departmentID: best?.departmentID, departmentName: name, ruleID: best?.id,
            alternatives: Array(Set(found.dropFirst().map(\.departmentID)).subtracting([best?.departmentID ?? ""])).sorted())
    }

    @Sendable func duplicates(_ request: Request, context: FinegrainRequestContext) async throws -> ListDTO<CaseDTO> {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard let c = try await store.caseRecord(id: id), await access.canSee(c, principal) else { throw Problem.notFound("case \(id)", "案件 \(id)") }
        let q = QueryParameters(request)
        let radius = try q.double("radius", in: 1...5_000) ?? 50
        let hours = try q.double("hours", in: 1...24 * 90) ?? 72
        let related = try q.bool("related") ?? false
        var items: [CaseDTO] = []
        for other in try await cases.likelyDuplicates(of: c, principal: principal, radius: radius, hours: hours, related: related) {
            items.append(await cases.dto(other, principal, withActions: false))
        }
        return ListDTO(items: items, total: items.count)
    }
}
