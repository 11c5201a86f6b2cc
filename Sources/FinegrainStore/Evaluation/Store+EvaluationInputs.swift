public import FinegrainCore
public import Foundation
import SQLKit

/// How an evaluation reads the event log.
public enum EvaluationReadMode: String, Sendable, CaseIterable {
    /// Only the cases that can count in the period, found through indexes: those still open or
    /// closed after the period began (and not voided or merged), and those with an event in it.
    case indexed
    /// Every case of the log (the baseline the indexed read is checked and measured against).
    case full
}

/// The management tree and directory an evaluation needs: names, levels, zones, unit-grid counts,
/// inspectors' areas, department and people names.
public struct EvaluationDirectory: Sendable {
    public var cityCode: String?
    public var regions: [String: (name: String, level: RegionLevel, parent: String?)]
    public var zoneOfSubdistrict: [String: String]
    public var gridCount: [String: Int]
    public var inspectorsByRegion: [String: [String]]
    public var departmentNames: [String: String]
    public var userNames: [String: String]

    /// The objects of a level, with their names (every region of the level, every department, every
    /// holder of the post).
    public func objects(_ level: EvaluationLevel, people: [String: Set<Role>]) -> [Evaluator.Object] {
        switch level {
        case .department:
            return departmentNames.map { Evaluator.Object(subject: EvaluationSubject(kind: .department, id: $0.key), name: $0.value) }
        case .inspector, .operator, .shiftLeader, .dispatcher:
            let role: Role = level == .inspector ? .inspector : level == .operator ? .operator_ : level == .shiftLeader ? .shiftLeader : .dispatcher
            return people.filter { $0.value.contains(role) }.map {
                Evaluator.Object(subject: EvaluationSubject(kind: level.kinds[0], id: $0.key), name: userNames[$0.key] ?? $0.key)
            }
        default:
            return regions.compactMap { code, r in
                guard let kind = EvaluationSubject.Kind(rawValue: r.level.rawValue), level.kinds.contains(kind) else { return nil }
                return Evaluator.Object(subject: EvaluationSubject(kind: kind, id: code), name: r.name, gridCount: gridCount[code] ?? 0)
            }
        }
    }

    public func name(_ subject: EvaluationSubject) -> String {
        switch subject.kind {
        case .department: departmentNames[subject.id] ?? subject.id
        case .inspector, .operator, .shiftLeader, .dispatcher: userNames[subject.id] ?? subject.id
        default: regions[subject.id]?.name ?? subject.id
        }
    }
}

extension Store {
    /// The city's name (the region of level `city`), for titles; nil before regions are loaded.
    public func cityName() async throws -> String? {
        try await database.withConnection { db in
            try await db.select().column("name").from("regions").where("level", .equal, RegionLevel.city.rawValue).limit(1).first()?
                .decode(column: "name", as: String.self)
        }
    }

    /// Loads the directory: regions without geometry, grants of inspectors, names.
    public func evaluationDirectory() async throws -> (directory: EvaluationDirectory, people: [String: Set<Role>]) {
        try await database.withConnection { db in
            var regions: [String: (name: String, level: RegionLevel, parent: String?)] = [:]
            var cityCode: String?
            for row in try await db.select().columns("code", "name", "level", "parent_code").from("regions").all() {
                let code = try row.decode(column: "code", as: String.self)
                guard let level = RegionLevel(rawValue: try row.decode(column: "level", as: String.self)) else { continue }
                if level == .city { cityCode = code }
                regions[code] = (try row.decode(column: "name", as: String.self), level, try row.decode(column: "parent_code", as: String?.self))
            }
            var zoneOf: [String: String] = [:]
            var gridCount: [String: Int] = [:]
            for (code, r) in regions {
                if r.level == .subdistrict, let parent = r.parent, regions[parent]?.level == .zone { zoneOf[code] = parent }
                if r.level == .grid {
                    var up = r.parent
                    while let p = up, let region = regions[p] {
                        gridCount[p, default: 0] += 1
                        up = region.parent
                    }
                }
            }
            var inspectors: [String: [String]] = [:]
            var people: [String: Set<Role>] = [:]
            let grants = try await db.select().columns(SQLColumn("user_id", table: "grants"), SQLColumn("role", table: "grants"), SQLColumn("region_code", table: "grants")).from("grants")
                .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "grants"))
                .where(SQLColumn("disabled", table: "users"), .equal, SQLLiteral.boolean(false)).all()
            for row in grants {
                let user = try row.decode(column: "user_id", as: String.self)
                guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
                people[user, default: []].insert(role)
                if role == .inspector, let region = try row.decode(column: "region_code", as: String?.self) { inspectors[region, default: []].append(user) }
            }
            var departments: [String: String] = [:]
            for row in try await db.select().columns("id", "name").from("departments").all() {
                departments[try row.decode(column: "id", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
            var users: [String: String] = [:]
            for row in try await db.select().columns("id", "display_name").from("users").all() {
                users[try row.decode(column: "id", as: String.self)] = try row.decode(column: "display_name", as: String.self)
            }
            let directory = EvaluationDirectory(
                cityCode: cityCode, regions: regions, zoneOfSubdistrict: zoneOf, gridCount: gridCount, inspectorsByRegion: inspectors,
                departmentNames: departments, userNames: users)
            return (directory, people)
        }
    }

    /// Streams, in chunks, the histories (cut at `end`) of the cases that can count in `[start, end)`
    /// — or of every case, in ``EvaluationReadMode/full`` mode. Returns how many cases were read.
    @discardableResult
    public func forEachEvaluationHistory(
        start: Date, end: Date, mode: EvaluationReadMode, chunk: Int = 400, _ body: ([[CaseEvent]]) async throws -> Void
    ) async throws -> Int {
        let from = Timestamp.string(start)
        let to = Timestamp.string(end)
        switch mode {
        case .indexed:
            let ids: [String] = try await database.withConnection { db in
                let alive = try await db.raw("""
                    SELECT id FROM cases WHERE reported_at < \(bind: to) AND (closed_at IS NULL OR closed_at >= \(bind: from))
                    AND status <> 'voided' AND status <> 'merged'
                    UNION SELECT DISTINCT case_id FROM case_events WHERE at >= \(bind: from) AND at < \(bind: to)
                    """).all()
                return try alive.map { try $0.decode(column: $0.allColumns[0], as: String.self) }.sorted()
            }
            var read = 0
            var index = 0
            while index < ids.count {
                let slice = Array(ids[index..<min(index + chunk, ids.count)])
                index += chunk
                let rows = try await database.withConnection { db in
                    try await db.select().columns(StoredEventRow.columns).from("case_events")
                        .where("case_id", .in, SQLBind.group(slice)).where("at", .lessThan, to)
                        .orderBy("case_id").orderBy("sequence").all()
                }
                let histories = try await Self.histories(rows)
                read += histories.count
                try await body(histories)
            }
            return read
        case .full:
            var after: String?
            var read = 0
            while true {
                // A page of whole cases: the next `chunk` case ids, then their events.
                let page: [any SQLRow] = try await database.withConnection { db in
                    var ids = db.select().column("id").from("cases").where("reported_at", .lessThan, to)
                    if let after { ids = ids.where("id", .greaterThan, after) }
                    let slice = try await ids.orderBy("id").limit(chunk).all().map { try $0.decode(column: "id", as: String.self) }
                    guard !slice.isEmpty else { return [] }
                    after = slice.last
                    return try await db.select().columns(StoredEventRow.columns).from("case_events")
                        .where("case_id", .in, SQLBind.group(slice)).where("at", .lessThan, to)
                        .orderBy("case_id").orderBy("sequence").all()
                }
                guard !page.isEmpty else { return read }
                let histories = try await Self.histories(page)
                read += histories.count
                try await body(histories)
            }
        }
    }

    /// Rebuilds rows of ``StoredEventRow/columns`` (ordered by case and sequence) into histories,
    /// on all cores.
    static func histories(_ rows: [any SQLRow]) async throws -> [[CaseEvent]] {
        try await mapCases(splitByCase(try rows.map(StoredEventRow.init))) { try events($0) }
    }
}
