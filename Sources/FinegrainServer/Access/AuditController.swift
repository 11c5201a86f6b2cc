import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// The audit trail: `GET /api/v1/audit?actor=&action=&target_type=&target=&from=&to=&page=&per_page=`,
/// newest first. Only city-wide holders of `audit.read` may search it (it spans every district).
public struct AuditController: Sendable {
    let access: AccessControl

    public init(access: AccessControl) { self.access = access }

    public func addRoutes(to routes: SecuredRoutes) {
        routes.get("audit", .auditRead, use: search)
    }

    struct EntryDTO: Codable, Sendable {
        var id: Int
        var at: String
        var actorUserID: String?
        var actor: String
        var role: String?
        var address: String?
        var requestID: String?
        var action: String
        var targetType: String
        var targetID: String?
        var details: [String: String]

        init(_ e: AuditEntry) {
            id = e.id
            at = e.at
            actorUserID = e.actor.userID
            actor = e.actor.name
            role = e.actor.role?.rawValue
            address = e.actor.address
            requestID = e.actor.requestID
            action = e.action
            targetType = e.targetType
            targetID = e.targetID
            details = (try? JSONDecoder().decode([String: String].self, from: Data(e.details.utf8))) ?? [:]
        }

        enum CodingKeys: String, CodingKey {
            case id, at, actor, role, address, action, details
            case actorUserID = "actor_user_id"
            case requestID = "request_id"
            case targetType = "target_type"
            case targetID = "target_id"
        }
    }

    @Sendable func search(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<EntryDTO> {
        let principal = try context.requirePrincipal()
        guard await access.isCityWide(principal, for: .auditRead) else {
            throw Problem(
                status: .forbidden, slug: "forbidden", title: "Forbidden", detail: "the audit trail needs a city-wide grant",
                detailZH: "审计日志需要全市范围的授权")
        }
        let query = QueryParameters(request)
        // Bounds are normalised to the stored form (with milliseconds) so text comparison is exact.
        func bound(_ name: String) throws -> String? {
            guard let value = query.string(name) else { return nil }
            let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            guard let date = (try? Date.ISO8601FormatStyle().parse(value)) ?? (try? withFraction.parse(value)) else {
                throw Problem.invalidParameter(name, "must be an ISO 8601 time such as 2026-11-01T00:00:00Z", "须为 ISO 8601 时间，如 2026-11-01T00:00:00Z")
            }
            return withFraction.format(date)
        }
        let page = try await access.store.auditEntries(
            AuditQuery(
                actorUserID: query.string("actor"), action: query.string("action"), targetType: query.string("target_type"),
                targetID: query.string("target"), from: try bound("from"), to: try bound("to"),
                page: try query.int("page", in: 1...1_000_000) ?? 1, perPage: try query.int("per_page", in: 1...500) ?? 50))
        return PageDTO(page, EntryDTO.init)
    }
}
