import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// Departments (专业部门, 处置单位): `GET|POST /api/v1/departments`, `GET|PATCH /api/v1/departments/{id}`.
/// Credit codes are checked (GB 32100 check character) and unique; a district-scoped caller sees
/// and manages only departments of their regions.
public struct DepartmentController: Sendable {
    let access: AccessControl

    public init(access: AccessControl) { self.access = access }

    public func addRoutes(to routes: SecuredRoutes) {
        routes.get("departments", .departmentsRead, use: list)
        routes.post("departments", .departmentsManage, use: create)
        routes.get("departments/{id}", .departmentsRead, use: show)
        routes.patch("departments/{id}", .departmentsManage, use: update)
    }

    @Sendable func list(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<DepartmentDTO> {
        let principal = try context.requirePrincipal()
        let query = QueryParameters(request)
        let kind = try query.oneOf("kind", Department.Kind.self, allowed: Department.Kind.allCases)
        let text = query.string("q")
        let page = try query.int("page", in: 1...1_000_000) ?? 1
        let perPage = try query.int("per_page", in: 1...500) ?? 50
        var visible: [Department] = []
        for department in try await access.store.allDepartments() where await access.canSee(department, principal, for: .departmentsRead) {
            if let kind, department.kind != kind { continue }
            if let text, !department.name.contains(text), department.creditCode?.contains(text.uppercased()) != true { continue }
            visible.append(department)
        }
        return PageDTO(Page(items: Array(visible.dropFirst((page - 1) * perPage).prefix(perPage)), total: visible.count, page: page, perPage: perPage), DepartmentDTO.init)
    }

    @Sendable func show(_ request: Request, context: FinegrainRequestContext) async throws -> DepartmentDTO {
        DepartmentDTO(try await visibleDepartment(context, for: .departmentsRead))
    }

    @Sendable func create(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await decodeBody(DepartmentDTO.self, from: request, context: context)
        let department = try await validated(body, id: UUID().uuidString.lowercased(), principal: principal)
        try await access.store.createDepartment(department, actor: access.actor(context, permission: .departmentsManage))
        var response = try DepartmentDTO(department).response(from: request, context: context)
        response.status = .created
        return response
    }

    @Sendable func update(_ request: Request, context: FinegrainRequestContext) async throws -> DepartmentDTO {
        let principal = try context.requirePrincipal()
        let existing = try await visibleDepartment(context, for: .departmentsManage)
        let body = try await decodeBody(DepartmentDTO.self, from: request, context: context)
        let department = try await validated(body, id: existing.id, principal: principal)
        try await access.store.updateDepartment(department, actor: access.actor(context, permission: .departmentsManage))
        return DepartmentDTO(department)
    }

    private func validated(_ body: DepartmentDTO, id: String, principal: Principal) async throws -> Department {
        let name = body.name.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(name.count) else { throw Problem.unprocessable("name", "must have 1 to 100 characters", "须为 1 到 100 个字符") }
        var creditCode: String?
        if let text = body.creditCode, !text.isEmpty {
            do { creditCode = try CreditCode(text).rawValue } catch {
                throw Problem.unprocessable("credit_code", error.reason, error.reasonZH)
            }
        }
        let department = Department(
            id: id, name: name, kind: body.kind, creditCode: creditCode, parentID: body.parentID, regionCode: body.regionCode,
            active: body.active ?? true)
        guard await access.canSee(department, principal, for: .departmentsManage) else {
            throw Problem(
                status: .forbidden, slug: "region-out-of-scope", title: "Region outside your scope",
                detail: "you can manage departments only in your own regions", detailZH: "只能管理您所辖区域的部门")
        }
        return department
    }

    private func visibleDepartment(_ context: FinegrainRequestContext, for permission: Permission) async throws -> Department {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard let department = try await access.store.department(id: id), await access.canSee(department, principal, for: permission) else {
            throw Problem.notFound("department \(id)", "部门 \(id)")
        }
        return department
    }
}
