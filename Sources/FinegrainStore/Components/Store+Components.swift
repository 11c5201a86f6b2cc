public import FinegrainCore
public import Foundation
import SQLKit

/// What to list of the component register.
public struct ComponentQuery: Sendable, Hashable {
    public var boundingBox: BoundingBox?
    /// Region codes: 6 characters match the district, 9 the subdistrict, 12 the community, 15 the grid.
    public var regionCodes: [String]?
    public var classCodePrefix: String?
    public var statuses: Set<ComponentStatus>
    /// The authority's (主管部门) credit code.
    public var authorityCode: String?
    /// Part of the id or name.
    public var text: String?
    public var page: Int
    public var perPage: Int

    public init(
        boundingBox: BoundingBox? = nil, regionCodes: [String]? = nil, classCodePrefix: String? = nil, statuses: Set<ComponentStatus> = [],
        authorityCode: String? = nil, text: String? = nil, page: Int = 1, perPage: Int = 50
    ) {
        self.boundingBox = boundingBox
        self.regionCodes = regionCodes
        self.classCodePrefix = classCodePrefix
        self.statuses = statuses
        self.authorityCode = authorityCode
        self.text = text
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), 1000)
    }
}

/// One entry of a component's history.
public struct ComponentHistoryEntry: Sendable, Hashable {
    public var at: Date
    public var actor: String
    public var requestID: String?
    /// `create`, `update` or `import`.
    public var kind: String
    public var changes: [ComponentChange]
}

extension Store {
    /// Inserts new components and updates existing ones (by id), recording each one's changes in
    /// its history, all in one transaction. `districtCodes` gives each component's district (resolved
    /// by the caller from its location).
    public func upsertComponents(_ components: [Component], districtCodes: [String: String], kind: String, actor: AuditActor) async throws {
        let encoder = Self.caseEncoder
        let now = Timestamp.now()
        try await database.transaction { db in
            for component in components {
                let existing = try await db.select().column("body").from("components").where("id", .equal, component.id).first()
                    .map { try Self.caseDecoder.decode(Component.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) }
                let point = component.geometry.representativePoint
                let box = component.geometry.boundingBox
                let values: [(String, any SQLExpression)] = [
                    ("class_code", SQLBind(component.classCode)), ("name", SQLBind(component.name)), ("authority_code", SQLBind(component.authorityCode)),
                    ("status", SQLBind(component.status.rawValue)), ("grid_code", SQLBind(component.gridCode)),
                    ("community_code", SQLBind(component.communityCode)), ("subdistrict_code", SQLBind(component.subdistrictCode)),
                    ("district_code", SQLBind(districtCodes[component.id])), ("lon", SQLBind(point.lon)), ("lat", SQLBind(point.lat)),
                    ("min_lon", SQLBind(box.minLon)), ("min_lat", SQLBind(box.minLat)), ("max_lon", SQLBind(box.maxLon)), ("max_lat", SQLBind(box.maxLat)),
                    ("body", SQLBind(String(decoding: try encoder.encode(component), as: UTF8.self))), ("updated_at", SQLBind(now)),
                ]
                let changes: [ComponentChange]
                if let existing {
                    changes = component.changes(from: existing)
                    guard !changes.isEmpty else { continue }
                    var update = db.update("components")
                    for (column, value) in values { update = update.set(SQLColumn(column), to: value) }
                    try await update.where("id", .equal, component.id).run()
                } else {
                    changes = [ComponentChange(field: "id", old: nil, new: component.id)]
                    try await db.insert(into: "components").columns(["id", "created_at"] + values.map(\.0))
                        .values([SQLBind(component.id), SQLBind(now)] + values.map(\.1)).run()
                }
                try await db.insert(into: "component_history").columns("component_id", "at", "actor", "actor_user_id", "request_id", "kind", "changes")
                    .values(
                        SQLBind(component.id), SQLBind(now), SQLBind(actor.name), SQLBind(actor.userID), SQLBind(actor.requestID),
                        SQLBind(existing == nil ? (kind == "import" ? "import" : "create") : "update"),
                        SQLBind(String(decoding: try JSONEncoder.sortedKeys.encode(changes), as: UTF8.self))
                    ).run()
            }
            try await audit(
                db, actor: actor, action: "components.\(kind)", targetType: "components", targetID: components.count == 1 ? components.first?.id : nil,
                details: ["count": String(components.count)])
        }
    }

    /// A component by id.
    public func component(id: String) async throws -> Component? {
        try await database.withConnection { db in
            try await db.select().column("body").from("components").where("id", .equal, id).first()
                .map { try Self.caseDecoder.decode(Component.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) }
        }
    }

    /// The ids among `ids` that exist.
    public func existingComponentIDs(_ ids: [String]) async throws -> Set<String> {
        var found = Set<String>()
        try await database.withConnection { db in
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                for row in try await db.select().column("id").from("components").where("id", .in, chunk).all() {
                    found.insert(try row.decode(column: "id", as: String.self))
                }
            }
        }
        return found
    }

    /// The next free serial for components of a class in a county (for new 17-digit ids).
    public func nextComponentSerial(adminCode: String, classCode: String) async throws -> Int {
        try await database.withConnection { db in
            let prefix = adminCode + classCode
            let max = try await db.select().column(SQLFunction("max", args: SQLColumn("id")), as: "m").from("components")
                .where("id", .like, prefix + "%").first()?.decode(column: "m", as: String?.self) ?? nil
            return (max.flatMap { Int($0.suffix(6)) } ?? 0) + 1
        }
    }

    /// The last serial used per county and class (the first 11 digits of a 17-digit id), in one
    /// query: what a bulk generator continues from.
    public func lastComponentSerials() async throws -> [String: Int] {
        try await database.withConnection { db in
            var result: [String: Int] = [:]
            let rows = try await db.raw("SELECT substr(id, 1, 11) AS prefix, max(id) AS last FROM components WHERE length(id) = 17 GROUP BY substr(id, 1, 11)").all()
            for row in rows {
                result[try row.decode(column: "prefix", as: String.self)] = Int(try row.decode(column: "last", as: String.self).suffix(6)) ?? 0
            }
            return result
        }
    }

    /// A page of components.
    public func components(_ query: ComponentQuery) async throws -> Page<Component> {
        try await database.withConnection { db in
            func filtered(_ builder: SQLSelectBuilder) -> SQLSelectBuilder {
                var b = builder
                if let box = query.boundingBox {
                    b = b.where("max_lon", .greaterThanOrEqual, box.minLon).where("min_lon", .lessThanOrEqual, box.maxLon)
                        .where("max_lat", .greaterThanOrEqual, box.minLat).where("min_lat", .lessThanOrEqual, box.maxLat)
                }
                if let prefix = query.classCodePrefix, !prefix.isEmpty { b = b.where("class_code", .like, Self.likePrefix(prefix)) }
                if !query.statuses.isEmpty { b = b.where("status", .in, query.statuses.map(\.rawValue).sorted()) }
                if let authority = query.authorityCode { b = b.where("authority_code", .equal, authority) }
                if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                    let pattern = "%" + Self.escapeLike(text) + "%"
                    b = b.where { $0.where("id", .like, pattern).orWhere("name", .like, pattern) }
                }
                if let regions = query.regionCodes { b = Self.whereInRegions(b, regions) }
                return b
            }
            let total = try await filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("components"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await filtered(db.select().column("body").from("components")).orderBy("id")
                .limit(query.perPage).offset((query.page - 1) * query.perPage).all()
            return Page(
                items: try rows.map { try Self.caseDecoder.decode(Component.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) },
                total: total, page: query.page, perPage: query.perPage)
        }
    }

    /// A component's history, oldest first.
    public func componentHistory(id: String) async throws -> [ComponentHistoryEntry] {
        try await database.withConnection { db in
            try await db.select().column("*").from("component_history").where("component_id", .equal, id).orderBy("id").all().map { row in
                ComponentHistoryEntry(
                    at: try Timestamp.date(row.decode(column: "at", as: String.self)), actor: try row.decode(column: "actor", as: String.self),
                    requestID: try row.decode(column: "request_id", as: String?.self), kind: try row.decode(column: "kind", as: String.self),
                    changes: try JSONDecoder().decode([ComponentChange].self, from: Data(try row.decode(column: "changes", as: String.self).utf8)))
            }
        }
    }
}
