public import FinegrainCore
import Foundation
import SQLKit

extension Store {
    /// Adds a responsibility rule; its department (and region) must exist.
    public func addResponsibilityRule(_ rule: ResponsibilityRule, actor: AuditActor) async throws {
        try await database.transaction { db in
            guard try await db.select().column("id").from("departments").where("id", .equal, rule.departmentID).first() != nil else {
                throw StoreConflict(.missingReference, "department \(rule.departmentID) does not exist", "部门 \(rule.departmentID) 不存在")
            }
            if let region = rule.regionCode, try await db.select().column("code").from("regions").where("code", .equal, region).first() == nil {
                throw StoreConflict(.missingReference, "region \(region) does not exist", "区域 \(region) 不存在")
            }
            try await db.insert(into: "responsibility_rules")
                .columns(
                    "id", "class_kind", "code_prefix", "region_code", "component_party_code", "department_id", "priority", "valid_from", "valid_to",
                    "note", "created_at")
                .values(
                    SQLBind(rule.id), SQLBind(rule.classKind?.rawValue), SQLBind(rule.codePrefix), SQLBind(rule.regionCode),
                    SQLBind(rule.componentPartyCode), SQLBind(rule.departmentID), SQLBind(rule.priority), SQLBind(rule.validFrom?.description), SQLBind(rule.validTo?.description),
                    SQLBind(rule.note), SQLBind(Timestamp.now())
                ).run()
            var details = ["department_id": rule.departmentID, "code_prefix": rule.codePrefix, "priority": String(rule.priority)]
            details["region_code"] = rule.regionCode
            details["class_kind"] = rule.classKind?.rawValue
            try await audit(db, actor: actor, action: "responsibility.add", targetType: "responsibility_rule", targetID: rule.id, details: details)
        }
    }

    /// Removes a rule.
    public func removeResponsibilityRule(id: String, actor: AuditActor) async throws {
        try await database.transaction { db in
            guard try await db.select().column("id").from("responsibility_rules").where("id", .equal, id).first() != nil else {
                throw StoreConflict(.notFound, "rule \(id) does not exist", "规则 \(id) 不存在")
            }
            try await db.delete(from: "responsibility_rules").where("id", .equal, id).run()
            try await audit(db, actor: actor, action: "responsibility.remove", targetType: "responsibility_rule", targetID: id)
        }
    }

    /// Every rule.
    public func responsibilityRules() async throws -> [ResponsibilityRule] {
        try await database.withConnection { db in
            try await db.select().column("*").from("responsibility_rules").orderBy("priority", .descending).orderBy("id").all().map { row in
                ResponsibilityRule(
                    id: try row.decode(column: "id", as: String.self),
                    classKind: try row.decode(column: "class_kind", as: String?.self).flatMap(ClassKind.init(rawValue:)),
                    codePrefix: try row.decode(column: "code_prefix", as: String.self), regionCode: try row.decode(column: "region_code", as: String?.self),
                    componentPartyCode: try row.decode(column: "component_party_code", as: String?.self),
                    departmentID: try row.decode(column: "department_id", as: String.self), priority: try row.decode(column: "priority", as: Int.self),
                    validFrom: try row.decode(column: "valid_from", as: String?.self).flatMap(LocalDate.init),
                    validTo: try row.decode(column: "valid_to", as: String?.self).flatMap(LocalDate.init), note: try row.decode(column: "note", as: String?.self))
            }
        }
    }
}

extension Store {
    /// The responsibility rules that name a department for a case on a day, best first: the class,
    /// the region (and its ancestors in `hierarchy`) and the component's owner or maintainer.
    public func responsibleRules(for c: Case, on day: LocalDate, hierarchy: some RegionHierarchy) async throws -> [ResponsibilityRule] {
        try await responsibleRules(for: [c], on: day, hierarchy: hierarchy)[c.id] ?? []
    }

    /// The same for several cases (a queue page), reading the list once: case id → rules.
    public func responsibleRules(for cases: [Case], on day: LocalDate, hierarchy: some RegionHierarchy) async throws -> [String: [ResponsibilityRule]] {
        guard !cases.isEmpty else { return [:] }
        let list = ResponsibilityList(rules: try await responsibilityRules())
        var result: [String: [ResponsibilityRule]] = [:]
        for c in cases {
            var parties: Set<String> = []
            if let componentID = c.componentID, let component = try await component(id: componentID) {
                parties = Set([component.ownerCode, component.maintainerCode].compactMap { $0 })
            }
            result[c.id] = list.matching(kind: c.classKind, code: c.classCode, region: c.regionCode, componentParties: parties, on: day, hierarchy: hierarchy)
        }
        return result
    }
}
