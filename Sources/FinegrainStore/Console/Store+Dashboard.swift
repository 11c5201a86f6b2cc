public import FinegrainCore
public import Foundation
import SQLKit

/// Counts of cases grouped by one column, for dashboards and maps: one indexed `GROUP BY` each.
public struct CaseCount: Sendable, Hashable {
    public var key: String
    public var count: Int
    /// Of those, past their open step's deadline (only when asked for).
    public var overdue: Int
}

/// Which cases a dashboard counts: a scope (regions of the caller), open ones only, or those
/// reported since a time.
public struct CaseCountFilter: Sendable {
    public var regionCodes: [String]?
    public var departmentID: String?
    /// Only this person's own reports (a citizen's reach).
    public var reporterUserID: String?
    public var openOnly: Bool
    public var reportedSince: Date?
    public var box: BoundingBox?

    public init(
        regionCodes: [String]? = nil, departmentID: String? = nil, reporterUserID: String? = nil, openOnly: Bool = false, reportedSince: Date? = nil,
        box: BoundingBox? = nil
    ) {
        self.regionCodes = regionCodes
        self.departmentID = departmentID
        self.reporterUserID = reporterUserID
        self.openOnly = openOnly
        self.reportedSince = reportedSince
        self.box = box
    }
}

/// A case as a point on the map.
public struct CasePoint: Sendable, Hashable {
    public var id: String
    public var number: String
    public var location: Coordinate
    public var status: CaseStatus
    public var dueAt: Date?
}

extension Store {
    func filtered(_ query: SQLSelectBuilder, _ filter: CaseCountFilter) -> SQLSelectBuilder {
        var q = query
        if filter.openOnly { q = q.where("status", .in, CaseStatus.allCases.filter { !$0.isFinal }.map(\.rawValue)) }
        if let since = filter.reportedSince { q = q.where("reported_at", .greaterThanOrEqual, Timestamp.string(since)) }
        if let department = filter.departmentID { q = q.where("department_id", .equal, department) }
        if let reporter = filter.reporterUserID { q = q.where("reporter_user_id", .equal, reporter) }
        if let box = filter.box {
            q = q.where("lon", .greaterThanOrEqual, box.minLon).where("lon", .lessThanOrEqual, box.maxLon)
                .where("lat", .greaterThanOrEqual, box.minLat).where("lat", .lessThanOrEqual, box.maxLat)
        }
        if let regions = filter.regionCodes { q = Self.whereInRegions(q, regions) }
        return q
    }

    /// Cases per value of `column` (`source`, `district_code`, `subdistrict_code`, `community_code`,
    /// `department_id`, `class_code`, `grid_code`, `status`), largest first; with `overdue`, how many are past their deadline now.
    public func caseCounts(by column: String, _ filter: CaseCountFilter, overdueAt: Date? = nil, limit: Int = 50) async throws -> [CaseCount] {
        precondition(["source", "district_code", "subdistrict_code", "community_code", "department_id", "class_code", "grid_code", "status"].contains(column))
        return try await database.withConnection { db in
            var query = db.select().column(SQLColumn(column), as: "key").column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            if let overdueAt {
                query = query.column(
                    SQLFunction("sum", args: SQLQueryString("CASE WHEN due_at < \(bind: Timestamp.string(overdueAt)) THEN 1 ELSE 0 END")), as: "late")
            }
            query = filtered(query.from("cases"), filter).where(SQLColumn(column), .isNot, SQLLiteral.null)
            return try await query.groupBy(SQLColumn(column)).orderBy("n", .descending).limit(limit).all().map {
                CaseCount(
                    key: try $0.decode(column: "key", as: String.self), count: try $0.decode(column: "n", as: Int.self),
                    overdue: overdueAt == nil ? 0 : (try $0.decode(column: "late", as: Int?.self) ?? 0))
            }
        }
    }

    /// Open cases inside a box, newest first (at most `limit`), for the map.
    public func casePoints(_ filter: CaseCountFilter, limit: Int = 2_000) async throws -> [CasePoint] {
        try await database.withConnection { db in
            try await filtered(db.select().columns("id", "number", "lon", "lat", "status", "due_at").from("cases"), filter)
                .orderBy("reported_at", .descending).limit(limit).all().map {
                    CasePoint(
                        id: try $0.decode(column: "id", as: String.self), number: try $0.decode(column: "number", as: String.self),
                        location: Coordinate(lon: try $0.decode(column: "lon", as: Double.self), lat: try $0.decode(column: "lat", as: Double.self)),
                        status: CaseStatus(rawValue: try $0.decode(column: "status", as: String.self)) ?? .reported,
                        dueAt: try $0.decode(column: "due_at", as: String?.self).flatMap { try? Timestamp.date($0) })
                }
        }
    }
}
