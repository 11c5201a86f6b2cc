public import FinegrainCore
import Foundation
import SQLKit

extension Store {
    /// Creates a department; its credit code must be unused, its parent and region must exist.
    public func createDepartment(_ department: Department, actor: AuditActor) async throws {
        try await database.transaction { db in
            try await checkDepartmentReferences(department, db)
            let now = Timestamp.now()
            try await db.insert(into: "departments")
                .columns("id", "name", "kind", "credit_code", "parent_id", "region_code", "active", "created_at", "updated_at")
                .values(
                    SQLBind(department.id), SQLBind(department.name), SQLBind(department.kind.rawValue), SQLBind(department.creditCode),
                    SQLBind(department.parentID), SQLBind(department.regionCode), SQLBind(department.active), SQLBind(now), SQLBind(now)
                ).run()
            try await audit(db, actor: actor, action: "department.create", targetType: "department", targetID: department.id, details: Self.details(department))
        }
    }

    /// Replaces a department's fields.
    public func updateDepartment(_ department: Department, actor: AuditActor) async throws {
        try await database.transaction { db in
            guard try await departmentRow(department.id, db) != nil else {
                throw StoreConflict(.notFound, "department \(department.id) does not exist", "部门 \(department.id) 不存在")
            }
            try await checkDepartmentReferences(department, db)
            try await db.update("departments")
                .set("name", to: SQLBind(department.name)).set("kind", to: SQLBind(department.kind.rawValue))
                .set("credit_code", to: SQLBind(department.creditCode)).set("parent_id", to: SQLBind(department.parentID))
                .set("region_code", to: SQLBind(department.regionCode)).set("active", to: SQLBind(department.active))
                .set("updated_at", to: SQLBind(Timestamp.now()))
                .where("id", .equal, department.id).run()
            try await audit(db, actor: actor, action: "department.update", targetType: "department", targetID: department.id, details: Self.details(department))
        }
    }

    /// The department with `id`.
    public func department(id: String) async throws -> Department? {
        try await database.withConnection { db in try await departmentRow(id, db) }
    }

    /// Every department, by name.
    public func allDepartments() async throws -> [Department] {
        try await database.withConnection { db in
            try await db.select().column("*").from("departments").orderBy("name").orderBy("id").all().map(Self.department(from:))
        }
    }

    private func departmentRow(_ id: String, _ db: any SQLDatabase) async throws -> Department? {
        try await db.select().column("*").from("departments").where("id", .equal, id).first().map(Self.department(from:))
    }

    private func checkDepartmentReferences(_ department: Department, _ db: any SQLDatabase) async throws {
        if let code = department.creditCode,
            let other = try await db.select().column("id").from("departments").where("credit_code", .equal, code)
                .where("id", .notEqual, department.id).first()
        {
            let otherID = try other.decode(column: "id", as: String.self)
            throw StoreConflict(.duplicate, "credit code \(code) is already used by department \(otherID)", "统一社会信用代码 \(code) 已被部门 \(otherID) 使用")
        }
        if let parent = department.parentID {
            guard parent != department.id else {
                throw StoreConflict(.missingReference, "a department cannot be its own parent", "部门不能以自身为上级")
            }
            guard try await departmentRow(parent, db) != nil else {
                throw StoreConflict(.missingReference, "parent department \(parent) does not exist", "上级部门 \(parent) 不存在")
            }
        }
        if let region = department.regionCode,
            try await db.select().column("code").from("regions").where("code", .equal, region).first() == nil
        {
            throw StoreConflict(.missingReference, "region \(region) does not exist", "区域 \(region) 不存在")
        }
    }

    static func department(from row: any SQLRow) throws -> Department {
        Department(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
            kind: Department.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .professional,
            creditCode: try row.decode(column: "credit_code", as: String?.self), parentID: try row.decode(column: "parent_id", as: String?.self),
            regionCode: try row.decode(column: "region_code", as: String?.self), active: try row.decode(column: "active", as: Bool.self))
    }

    static func details(_ d: Department) -> [String: String] {
        var details = ["name": d.name, "kind": d.kind.rawValue, "active": String(d.active)]
        details["credit_code"] = d.creditCode
        details["parent_id"] = d.parentID
        details["region_code"] = d.regionCode
        return details
    }
}
