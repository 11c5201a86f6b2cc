import Foundation
public import FinegrainCore
import SQLKit

extension Store {
    /// Inserts or replaces `regions` (matched by code) in one transaction and bumps the region
    /// revision, so that running servers rebuild their locators.
    public func upsertRegions(_ regions: [Region], actor: AuditActor) async throws {
        guard !regions.isEmpty else { return }
        // Parents first keeps the tree consistent row by row, although the foreign keys are deferred.
        let ordered = regions.sorted { ($0.level.depth, $0.code) < ($1.level.depth, $1.code) }
        let now = Timestamp.now()
        try await database.transaction { db in
            for batch in stride(from: 0, to: ordered.count, by: 200).map({ ordered[$0..<min($0 + 200, ordered.count)] }) {
                var insert = db.insert(into: "regions").columns(Self.regionColumns + ["created_at", "updated_at"])
                for region in batch {
                    insert = insert.values(Self.binds(region) + [SQLBind(now), SQLBind(now)])
                }
                try await insert.onConflict(with: ["code"]) { update in
                    var update = update
                    for column in Self.regionColumns where column != "code" {
                        update = update.set(excludedValueOf: column)
                    }
                    return update.set(excludedValueOf: "updated_at")
                }.run()
            }
            try await bumpRegionRevision(db)
            let counts = Dictionary(grouping: regions, by: \.level).mapValues(\.count)
            var details: [String: String] = [:]
            for (level, count) in counts { details[level.rawValue] = String(count) }
            try await audit(db, actor: actor, action: "regions.import", targetType: "regions", targetID: nil, details: details)
        }
    }

    /// The region with `code`, with its geometry.
    public func region(code: String) async throws -> Region? {
        try await database.withConnection { db in
            try await db.select().columns(Self.regionColumns.map { SQLColumn($0) }).from("regions")
                .where("code", .equal, code).first().map(Self.region(from:))
        }
    }

    /// Whether a region with `code` exists (without reading its geometry).
    public func regionExists(code: String) async throws -> Bool {
        try await database.withConnection { db in
            try await db.select().column("code").from("regions").where("code", .equal, code).first() != nil
        }
    }

    /// The regions among `codes` that exist, with geometry, by code.
    public func regions(codes: Set<String>) async throws -> [String: Region] {
        var result: [String: Region] = [:]
        let all = Array(codes).sorted()
        try await database.withConnection { db in
            for start in stride(from: 0, to: all.count, by: 500) {
                let chunk = Array(all[start..<min(start + 500, all.count)])
                let rows = try await db.select().columns(Self.regionColumns.map { SQLColumn($0) }).from("regions")
                    .where("code", .in, chunk).all()
                for row in rows {
                    let region = try Self.region(from: row)
                    result[region.code] = region
                }
            }
        }
        return result
    }

    /// Every region with its geometry, for building the in-memory locator.
    public func allRegions() async throws -> [Region] {
        try await database.withConnection { db in
            try await db.select().columns(Self.regionColumns.map { SQLColumn($0) }).from("regions").orderBy("code").all()
                .map(Self.region(from:))
        }
    }

    /// A page of region summaries matching `query`.
    public func regions(_ query: RegionQuery) async throws -> Page<RegionSummary> {
        try await regionPage(query, columns: Self.summaryColumns, row: Self.summary(from:))
    }

    /// A page of regions with their geometry matching `query` (for maps and GeoJSON export).
    public func regionsWithGeometry(_ query: RegionQuery) async throws -> Page<Region> {
        try await regionPage(query, columns: Self.regionColumns, row: Self.region(from:))
    }

    private func regionPage<T: Sendable>(_ query: RegionQuery, columns: [String], row: (any SQLRow) throws -> T) async throws -> Page<T> {
        try await database.withConnection { db in
            func filtered(_ builder: SQLSelectBuilder) -> SQLSelectBuilder {
                var builder = builder
                if let level = query.level { builder = builder.where("level", .equal, level.rawValue) }
                if let parent = query.parentCode { builder = builder.where("parent_code", .equal, parent) }
                if let synthetic = query.synthetic { builder = builder.where("synthetic", .equal, synthetic) }
                if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                    let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
                    builder = builder.where { group in
                        group.where("code", .like, pattern).orWhere("name", .like, pattern).orWhere(
                            SQLFunction("lower", args: SQLColumn("name_en")), .like, SQLBind(pattern.lowercased()))
                    }
                }
                return builder
            }
            let total = try await filtered(db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("regions"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let sortColumn: String = switch query.sort {
            case .code: "code"
            case .name: "name"
            case .area: "area_m2"
            }
            let rows = try await filtered(db.select().columns(columns.map { SQLColumn($0) }).from("regions"))
                .orderBy(sortColumn, query.descending ? .descending : .ascending)
                .orderBy("code")
                .limit(query.perPage).offset((query.page - 1) * query.perPage)
                .all()
            return Page(items: try rows.map(row), total: total, page: query.page, perPage: query.perPage)
        }
    }

    /// The management ancestors of `code`, nearest first (its parent, …, the city).
    public func ancestors(of code: String) async throws -> [RegionSummary] {
        try await database.withConnection { db in
            var result: [RegionSummary] = []
            var next = try await db.select().column("parent_code").from("regions").where("code", .equal, code).first()?
                .decode(column: "parent_code", as: String?.self) ?? nil
            var seen: Set<String> = [code]
            while let current = next, seen.insert(current).inserted,
                let row = try await db.select().columns(Self.summaryColumns.map { SQLColumn($0) }).from("regions")
                    .where("code", .equal, current).first()
            {
                let summary = try Self.summary(from: row)
                result.append(summary)
                next = summary.parentCode
            }
            return result
        }
    }

    /// Counts of regions per level.
    public func regionCounts() async throws -> [RegionLevel: Int] {
        try await database.withConnection { db in
            var counts: [RegionLevel: Int] = [:]
            for row in try await db.select().column("level").column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("regions").groupBy("level").all()
            {
                if let level = RegionLevel(rawValue: try row.decode(column: "level", as: String.self)) {
                    counts[level] = try row.decode(column: "n", as: Int.self)
                }
            }
            return counts
        }
    }

    /// A number that changes whenever any region is written; servers poll it to refresh their index.
    public func regionRevision() async throws -> Int {
        try await database.withConnection { db in
            try await Int(setting("region_revision", db) ?? "0") ?? 0
        }
    }

    private func bumpRegionRevision(_ db: any SQLDatabase) async throws {
        let current = try await Int(setting("region_revision", db) ?? "0") ?? 0
        try await setSetting("region_revision", String(current + 1), db)
    }

    static let summaryColumns = [
        "code", "level", "name", "name_en", "parent_code", "division_parent_code", "synthetic", "area_m2",
        "centroid_lon", "centroid_lat", "min_lon", "min_lat", "max_lon", "max_lat",
    ]
    static let regionColumns = ["code", "level", "depth"] + summaryColumns.dropFirst(2) + ["geometry"]

    static func binds(_ r: Region) -> [any SQLExpression] {
        [
            SQLBind(r.code), SQLBind(r.level.rawValue), SQLBind(r.level.depth), SQLBind(r.name), SQLBind(r.nameEN),
            SQLBind(r.parentCode), SQLBind(r.divisionParentCode), SQLBind(r.synthetic), SQLBind(r.area),
            SQLBind(r.centroid.lon), SQLBind(r.centroid.lat), SQLBind(r.boundingBox.minLon), SQLBind(r.boundingBox.minLat),
            SQLBind(r.boundingBox.maxLon), SQLBind(r.boundingBox.maxLat), SQLBind(r.geometry.geoJSONString()),
        ]
    }

    static func summary(from row: any SQLRow) throws -> RegionSummary {
        let levelText = try row.decode(column: "level", as: String.self)
        guard let level = RegionLevel(rawValue: levelText) else { throw StoreDataError("unknown region level \(levelText)") }
        return RegionSummary(
            code: try row.decode(column: "code", as: String.self), level: level,
            name: try row.decode(column: "name", as: String.self),
            nameEN: try row.decode(column: "name_en", as: String?.self),
            parentCode: try row.decode(column: "parent_code", as: String?.self),
            divisionParentCode: try row.decode(column: "division_parent_code", as: String?.self),
            synthetic: try row.decode(column: "synthetic", as: Bool.self),
            area: try row.decode(column: "area_m2", as: Double.self),
            centroid: Coordinate(lon: try row.decode(column: "centroid_lon", as: Double.self), lat: try row.decode(column: "centroid_lat", as: Double.self)),
            boundingBox: BoundingBox(
                minLon: try row.decode(column: "min_lon", as: Double.self), minLat: try row.decode(column: "min_lat", as: Double.self),
                maxLon: try row.decode(column: "max_lon", as: Double.self), maxLat: try row.decode(column: "max_lat", as: Double.self)))
    }

    static func region(from row: any SQLRow) throws -> Region {
        let s = try summary(from: row)
        let text = try row.decode(column: "geometry", as: String.self)
        let geometry: MultiPolygon
        do { geometry = try MultiPolygon(geoJSONString: text) } catch {
            throw StoreDataError("region \(s.code) has an unreadable geometry: \(error)")
        }
        var region = Region(
            code: s.code, level: s.level, name: s.name, nameEN: s.nameEN, parentCode: s.parentCode,
            divisionParentCode: s.divisionParentCode, synthetic: s.synthetic, geometry: geometry)
        // Keep the stored figures rather than recomputing them.
        region.area = s.area
        region.centroid = s.centroid
        return region
    }
}

/// Data in the database that the store cannot read back (written by something else, or damaged).
public struct StoreDataError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
