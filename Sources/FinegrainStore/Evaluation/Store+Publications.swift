public import FinegrainCore
public import Foundation
import SQLKit

/// 发布记录 (a published evaluation): the frozen sheet, and who published it when.
public struct EvaluationPublication: Sendable, Hashable, Codable {
    public var period: String
    public var level: EvaluationLevel
    public var configurationVersion: String
    public var inputsHash: String
    public var publishedBy: String?
    public var publishedAt: Date
    public var sheet: EvaluationSheet?

    enum CodingKeys: String, CodingKey {
        case period, level, sheet
        case configurationVersion = "configuration_version"
        case inputsHash = "inputs_hash"
        case publishedBy = "published_by"
        case publishedAt = "published_at"
    }
}

extension Store {
    /// A number that changes whenever anything an evaluation reads besides live cases changes:
    /// four-in-one records, configuration, publications, bulk-loaded histories. Caches of sheets of
    /// finished periods are valid while it stands (events are appended at the time they happen, so
    /// a finished period's case inputs cannot change).
    public func evaluationRevision() async throws -> String {
        let evaluation = try await setting("evaluation_revision") ?? "0"
        let regions = try await setting("region_revision") ?? "0"
        return "\(evaluation).\(regions)"
    }

    /// Bumps ``evaluationRevision()`` inside the caller's transaction.
    func bumpEvaluationRevision(_ db: any SQLDatabase) async throws {
        let current = try await Int(setting("evaluation_revision", db) ?? "0") ?? 0
        try await setSetting("evaluation_revision", String(current + 1), db)
    }

    /// Adopts a configuration version. Versions are never edited, and a version may not take effect
    /// in a month already published (that would make the publication unreproducible).
    public func addEvaluationConfiguration(_ configuration: EvaluationConfiguration, actor: AuditActor) async throws {
        let body = String(decoding: try JSONEncoder.sortedKeys.encode(configuration), as: UTF8.self)
        try await database.transaction { db in
            if try await db.select().column("version").from("evaluation_configs").where("version", .equal, configuration.version).first() != nil {
                throw StoreConflict(.duplicate, "configuration version \(configuration.version) exists; versions are never changed", "考评配置版本 \(configuration.version) 已存在，版本不可修改")
            }
            if let latest = try await db.select().column("period").from("evaluation_publications").all()
                .compactMap({ try $0.decode(column: "period", as: String.self) }).filter({ $0.count == 7 }).max(),
                configuration.effectiveFrom <= latest
            {
                throw StoreConflict(.duplicate, "\(latest) is published; a new version must take effect after it", "\(latest) 已发布，新版本须在其后生效")
            }
            try await db.insert(into: "evaluation_configs").columns("version", "effective_from", "body", "created_by", "created_at")
                .values(SQLBind(configuration.version), SQLBind(configuration.effectiveFrom), SQLBind(body), SQLBind(actor.userID), SQLBind(Timestamp.now())).run()
            try await bumpEvaluationRevision(db)
            try await audit(db, actor: actor, action: "evaluation_config.add", targetType: "evaluation_config", targetID: configuration.version,
                details: ["effective_from": configuration.effectiveFrom])
        }
    }

    /// Every adopted version (the built-in standard is implied before the first).
    public func evaluationConfigurations() async throws -> EvaluationConfigurationBook {
        let versions = try await database.withConnection { db in
            try await db.select().column("body").from("evaluation_configs").orderBy("effective_from").all().map {
                try JSONDecoder().decode(EvaluationConfiguration.self, from: Data(try $0.decode(column: "body", as: String.self).utf8))
            }
        }
        return EvaluationConfigurationBook([.standard] + versions)
    }

    /// Publishes (freezes) a sheet; a period and level is published once.
    public func publishEvaluation(_ sheet: EvaluationSheet, actor: AuditActor) async throws -> EvaluationPublication {
        guard sheet.periodKind == .month else {
            throw StoreConflict(.invalid, "only a month is published, not \(sheet.period)", "只能发布月度考评，\(sheet.period) 不是月份")
        }
        let body = String(decoding: try Self.caseEncoder.encode(sheet), as: UTF8.self)
        let now = Date()
        try await database.transaction { db in
            if try await db.select().column("period").from("evaluation_publications").where("period", .equal, sheet.period)
                .where("level", .equal, sheet.level.rawValue).first() != nil
            {
                throw StoreConflict(.duplicate, "\(sheet.period) (\(sheet.level.rawValue)) is already published", "\(sheet.period)（\(sheet.level.nameZH)）已发布")
            }
            try await db.insert(into: "evaluation_publications")
                .columns("period", "level", "configuration_version", "inputs_hash", "sheet", "published_by", "published_at")
                .values(SQLBind(sheet.period), SQLBind(sheet.level.rawValue), SQLBind(sheet.configurationVersion), SQLBind(sheet.inputsHash), SQLBind(body),
                    SQLBind(actor.name), SQLBind(Timestamp.string(now))).run()
            try await bumpEvaluationRevision(db)
            try await audit(db, actor: actor, action: "evaluation.publish", targetType: "evaluation", targetID: "\(sheet.period)/\(sheet.level.rawValue)",
                details: ["inputs_hash": sheet.inputsHash, "configuration_version": sheet.configurationVersion])
        }
        return EvaluationPublication(
            period: sheet.period, level: sheet.level, configurationVersion: sheet.configurationVersion, inputsHash: sheet.inputsHash,
            publishedBy: actor.name, publishedAt: now, sheet: sheet)
    }

    /// A published sheet, or nil.
    public func publishedEvaluation(period: String, level: EvaluationLevel) async throws -> EvaluationPublication? {
        try await database.withConnection { db in
            try await db.select().columns("*").from("evaluation_publications").where("period", .equal, period).where("level", .equal, level.rawValue)
                .first().map { try Self.publication($0, withSheet: true) }
        }
    }

    /// Every publication (without the sheets), newest period first.
    public func publishedEvaluations(level: EvaluationLevel? = nil) async throws -> [EvaluationPublication] {
        try await database.withConnection { db in
            var query = db.select().columns("period", "level", "configuration_version", "inputs_hash", "published_by", "published_at").from("evaluation_publications")
            if let level { query = query.where("level", .equal, level.rawValue) }
            return try await query.orderBy("period", .descending).orderBy("level").all().map { try Self.publication($0, withSheet: false) }
        }
    }

    static func publication(_ row: any SQLRow, withSheet: Bool) throws -> EvaluationPublication {
        EvaluationPublication(
            period: try row.decode(column: "period", as: String.self),
            level: EvaluationLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .district,
            configurationVersion: try row.decode(column: "configuration_version", as: String.self),
            inputsHash: try row.decode(column: "inputs_hash", as: String.self), publishedBy: try row.decode(column: "published_by", as: String?.self),
            publishedAt: try Timestamp.date(try row.decode(column: "published_at", as: String.self)),
            sheet: withSheet ? try Self.caseDecoder.decode(EvaluationSheet.self, from: Data(try row.decode(column: "sheet", as: String.self).utf8)) : nil)
    }
}
