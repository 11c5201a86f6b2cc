public import FinegrainCore
public import FinegrainStore
import Foundation
import Hummingbird
import Logging

/// Versioned configuration of the loop:
///
/// - `GET /api/v1/config/deadline-policies` — every adopted version of the time limits;
/// - `POST /api/v1/config/deadline-policies` — adopt a new version (a ``DeadlinePolicy`` as JSON,
///   with `version`, `effective_from`, `basis`, `rules` and the light thresholds); versions are never edited;
/// - `GET /api/v1/config/workflow-rules` — who may take which step in which state.
struct ConfigController: Sendable {
    let access: AccessControl
    let workflow: Workflow

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("config/deadline-policies", .casesRead, use: list)
        routes.post("config/deadline-policies", .catalogueManage, use: add)
        routes.get("config/workflow-rules", .casesRead, use: rules)
    }

    struct PoliciesDTO: ResponseEncodable {
        var items: [DeadlinePolicy]
        var inForce: String

        enum CodingKeys: String, CodingKey {
            case items
            case inForce = "in_force"
        }
    }

    @Sendable func list(_ request: Request, context: FinegrainRequestContext) async throws -> PoliciesDTO {
        PoliciesDTO(items: workflow.policies.all, inForce: workflow.policy(at: Date()).version)
    }

    @Sendable func add(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let policy = try await decodeBody(DeadlinePolicy.self, from: request, context: context)
        let problems = policy.problems()
        guard problems.isEmpty else {
            throw Problem(
                status: .unprocessableContent, slug: "validation-failed", title: "Invalid deadline policy", detail: problems.joined(separator: "; "),
                detailZH: "时限规则无效：" + problems.joined(separator: "；"),
                errors: problems.map { .init(field: "policy", detail: $0, detailZH: $0) })
        }
        try await access.store.addDeadlinePolicy(policy, actor: access.actor(context, permission: .catalogueManage))
        workflow.policies.replace(with: try await access.store.deadlinePolicies())
        var response = try PoliciesDTO(items: workflow.policies.all, inForce: workflow.policy(at: Date()).version).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func rules(_ request: Request, context: FinegrainRequestContext) async throws -> WorkflowRulesDTO {
        WorkflowRulesDTO(rules: workflow.rules)
    }

    struct WorkflowRulesDTO: ResponseEncodable {
        var rules: WorkflowRules
        func encode(to encoder: any Encoder) throws { try rules.encode(to: encoder) }
    }
}

/// Keeps a workflow's deadline policies in step with the database: seeds the standard policy on
/// first start, loads the versions, and reloads them when another process adopts one.
public struct DeadlinePolicyLoader: Sendable {
    let store: Store
    let book: DeadlinePolicyBook

    public init(store: Store, book: DeadlinePolicyBook) {
        self.store = store
        self.book = book
    }

    public func load() async throws {
        var policies = try await store.deadlinePolicies()
        if policies.isEmpty {
            try await store.addDeadlinePolicy(.standard, actor: .system)
            policies = try await store.deadlinePolicies()
        }
        book.replace(with: policies)
    }
}
