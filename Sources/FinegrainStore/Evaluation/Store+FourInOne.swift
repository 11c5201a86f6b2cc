public import FinegrainCore
import Foundation
import SQLKit

/// 重点工作 (a key task of a month) with the scores given so far.
public struct KeyTask: Sendable, Hashable, Codable {
    public var id: String
    public var month: String
    public var title: String
    public var target: String
    public var fullScore: Double
    public var scores: [KeyTaskScore]

    public init(id: String, month: String, title: String, target: String, fullScore: Double, scores: [KeyTaskScore] = []) {
        self.id = id
        self.month = month
        self.title = title
        self.target = target
        self.fullScore = fullScore
        self.scores = scores
    }

    enum CodingKeys: String, CodingKey {
        case id, month, title, target, scores
        case fullScore = "full_score"
    }
}

extension Store {
    /// Refuses a change to a month whose four-in-one evaluation is published (frozen).
    func ensureOpen(month: String, _ db: any SQLDatabase) async throws {
        let published = try await db.select().column("level").from("evaluation_publications").where("period", .equal, month)
            .where("level", .in, SQLBind.group([EvaluationLevel.district.rawValue, EvaluationLevel.subdistrict.rawValue])).first()
        if published != nil {
            throw StoreConflict(.frozen, "the evaluation of \(month) is published; its inputs are frozen", "\(month) 考评结果已发布，输入数据已冻结")
        }
    }

    /// Records a spot check or a supervision order (复核督办).
    public func addReviewRecord(_ record: ReviewRecord, actor: AuditActor) async throws {
        let body = String(decoding: try Self.caseEncoder.encode(record), as: UTF8.self)
        try await database.transaction { db in
            try await ensureOpen(month: record.month, db)
            try await db.insert(into: "review_records").columns("id", "kind", "month", "region_code", "body", "recorded_by", "updated_at")
                .values(SQLBind(record.id), SQLBind(record.kind.rawValue), SQLBind(record.month), SQLBind(record.regionCodes[0]), SQLBind(body),
                    SQLBind(record.recordedBy), SQLBind(Timestamp.string(record.updatedAt))).run()
            try await bumpEvaluationRevision(db)
            try await audit(
                db, actor: actor, action: "review.add", targetType: "review_record", targetID: record.id,
                details: ["kind": record.kind.rawValue, "month": record.month, "region": record.regionCodes[0], "points": String(record.deduction)])
        }
    }

    /// Sets a supervision order's outcome (督办结果).
    public func setReviewOutcome(id: String, outcome: SupervisionOutcome, actor: AuditActor) async throws -> ReviewRecord {
        try await database.transaction { db in
            guard let row = try await db.select().column("body").from("review_records").where("id", .equal, id).first() else {
                throw StoreConflict(.notFound, "review record \(id) does not exist", "复核督办记录 \(id) 不存在")
            }
            var record = try Self.caseDecoder.decode(ReviewRecord.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
            guard record.kind == .supervision else {
                throw StoreConflict(.invalid, "only supervision orders have an outcome", "只有督办单才有整改结果")
            }
            try await ensureOpen(month: record.month, db)
            let before = record.outcome ?? .pending
            record.outcome = outcome
            record.updatedAt = Date()
            let body = String(decoding: try Self.caseEncoder.encode(record), as: UTF8.self)
            try await db.update("review_records").set("body", to: SQLBind(body)).set("updated_at", to: SQLBind(Timestamp.string(record.updatedAt)))
                .where("id", .equal, id).run()
            try await bumpEvaluationRevision(db)
            try await audit(db, actor: actor, action: "review.outcome", targetType: "review_record", targetID: id,
                details: ["from": before.rawValue, "to": outcome.rawValue])
            return record
        }
    }

    /// Withdraws a record entered by mistake (audited; refused once the month is published).
    public func deleteReviewRecord(id: String, actor: AuditActor) async throws {
        try await database.transaction { db in
            guard let row = try await db.select().columns("month", "body").from("review_records").where("id", .equal, id).first() else {
                throw StoreConflict(.notFound, "review record \(id) does not exist", "复核督办记录 \(id) 不存在")
            }
            try await ensureOpen(month: try row.decode(column: "month", as: String.self), db)
            try await db.delete(from: "review_records").where("id", .equal, id).run()
            try await bumpEvaluationRevision(db)
            try await audit(db, actor: actor, action: "review.delete", targetType: "review_record", targetID: id,
                details: ["record": try row.decode(column: "body", as: String.self)])
        }
    }

    /// The records of a month (optionally only those counting against `region`), by id.
    public func reviewRecords(month: String, region: String? = nil) async throws -> [ReviewRecord] {
        try await database.withConnection { db in
            try await db.select().column("body").from("review_records").where("month", .equal, month).orderBy("id").all()
                .map { try Self.caseDecoder.decode(ReviewRecord.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) }
                .filter { region == nil || $0.regionCodes.contains(region!) }
        }
    }

    /// Adds a key task (重点工作) to a month.
    public func addKeyTask(_ task: KeyTask, actor: AuditActor) async throws {
        try await database.transaction { db in
            try await ensureOpen(month: task.month, db)
            if try await db.select().column("id").from("key_tasks").where("id", .equal, task.id).first() != nil {
                throw StoreConflict(.duplicate, "key task \(task.id) exists", "重点工作 \(task.id) 已存在")
            }
            try await db.insert(into: "key_tasks").columns("id", "month", "title", "target", "full_score", "created_by", "created_at")
                .values(SQLBind(task.id), SQLBind(task.month), SQLBind(task.title), SQLBind(task.target), SQLBind(task.fullScore),
                    SQLBind(actor.userID), SQLBind(Timestamp.now())).run()
            try await bumpEvaluationRevision(db)
            try await audit(db, actor: actor, action: "key_task.add", targetType: "key_task", targetID: task.id,
                details: ["month": task.month, "title": task.title, "full_score": String(task.fullScore)])
        }
    }

    /// Scores a key task for a region (replacing an earlier score of the same pair).
    public func scoreKeyTask(taskID: String, regionCode: String, score: Double, note: String?, actor: AuditActor) async throws -> KeyTaskScore {
        try await database.transaction { db in
            guard let task = try await db.select().columns("month", "title", "full_score").from("key_tasks").where("id", .equal, taskID).first() else {
                throw StoreConflict(.notFound, "key task \(taskID) does not exist", "重点工作 \(taskID) 不存在")
            }
            let full = try task.decode(column: "full_score", as: Double.self)
            guard (0...full).contains(score) else {
                throw StoreConflict(.invalid, "score must be within 0…\(full)", "得分须在 0–\(full) 之间")
            }
            try await ensureOpen(month: try task.decode(column: "month", as: String.self), db)
            try await db.delete(from: "key_task_scores").where("task_id", .equal, taskID).where("region_code", .equal, regionCode).run()
            try await db.insert(into: "key_task_scores").columns("task_id", "region_code", "score", "note", "scored_by", "scored_at")
                .values(SQLBind(taskID), SQLBind(regionCode), SQLBind(score), SQLBind(note), SQLBind(actor.userID), SQLBind(Timestamp.now())).run()
            try await bumpEvaluationRevision(db)
            try await audit(db, actor: actor, action: "key_task.score", targetType: "key_task", targetID: taskID,
                details: ["region": regionCode, "score": String(score)])
            return KeyTaskScore(taskID: taskID, title: try task.decode(column: "title", as: String.self), regionCode: regionCode, fullScore: full, score: score, note: note)
        }
    }

    /// The key tasks of a month with their scores.
    public func keyTasks(month: String) async throws -> [KeyTask] {
        try await database.withConnection { db in
            var tasks = try await db.select().columns("id", "month", "title", "target", "full_score").from("key_tasks").where("month", .equal, month)
                .orderBy("id").all().map {
                    KeyTask(id: try $0.decode(column: "id", as: String.self), month: month, title: try $0.decode(column: "title", as: String.self),
                        target: try $0.decode(column: "target", as: String.self), fullScore: try $0.decode(column: "full_score", as: Double.self))
                }
            guard !tasks.isEmpty else { return [] }
            let scores = try await db.select().columns("task_id", "region_code", "score", "note").from("key_task_scores")
                .where("task_id", .in, SQLBind.group(tasks.map(\.id))).orderBy("task_id").orderBy("region_code").all()
            for row in scores {
                let id = try row.decode(column: "task_id", as: String.self)
                guard let i = tasks.firstIndex(where: { $0.id == id }) else { continue }
                tasks[i].scores.append(KeyTaskScore(
                    taskID: id, title: tasks[i].title, regionCode: try row.decode(column: "region_code", as: String.self), fullScore: tasks[i].fullScore,
                    score: try row.decode(column: "score", as: Double.self), note: try row.decode(column: "note", as: String?.self)))
            }
            return tasks
        }
    }

    /// Imports third-party scores, all or nothing; a row for a month and region already imported
    /// replaces it (a corrected file).
    public func importThirdPartyScores(_ scores: [ThirdPartyScore], actor: AuditActor) async throws {
        try await database.transaction { db in
            for month in Set(scores.map(\.month)) { try await ensureOpen(month: month, db) }
            for s in scores {
                try await db.delete(from: "third_party_scores").where("month", .equal, s.month).where("region_code", .equal, s.regionCode).run()
                try await db.insert(into: "third_party_scores")
                    .columns("month", "region_code", "survey", "field_test", "assessor", "source", "imported_by", "imported_at")
                    .values(SQLBind(s.month), SQLBind(s.regionCode), SQLBind(s.survey), SQLBind(s.fieldTest), SQLBind(s.assessor), SQLBind(s.source),
                        SQLBind(actor.userID), SQLBind(Timestamp.now())).run()
            }
            try await bumpEvaluationRevision(db)
            try await audit(db, actor: actor, action: "third_party.import", targetType: "third_party_scores", targetID: scores.first?.source,
                details: ["rows": String(scores.count), "months": Set(scores.map(\.month)).sorted().joined(separator: ",")])
        }
    }

    public func thirdPartyScores(month: String) async throws -> [ThirdPartyScore] {
        try await database.withConnection { db in
            try await db.select().columns("month", "region_code", "survey", "field_test", "assessor", "source").from("third_party_scores")
                .where("month", .equal, month).orderBy("region_code").all().map {
                    ThirdPartyScore(
                        month: month, regionCode: try $0.decode(column: "region_code", as: String.self), survey: try $0.decode(column: "survey", as: Double.self),
                        fieldTest: try $0.decode(column: "field_test", as: Double.self), assessor: try $0.decode(column: "assessor", as: String.self),
                        source: try $0.decode(column: "source", as: String.self))
                }
        }
    }

    /// Everything the four-in-one evaluation of a month reads.
    public func fourInOneInputs(month: String) async throws -> Evaluator.FourInOneInputs {
        Evaluator.FourInOneInputs(
            reviews: try await reviewRecords(month: month), keyTasks: try await keyTasks(month: month).flatMap(\.scores),
            thirdParty: try await thirdPartyScores(month: month))
    }
}

extension Store {
    /// One review record, or nil.
    public func reviewRecord(id: String) async throws -> ReviewRecord? {
        try await database.withConnection { db in
            try await db.select().column("body").from("review_records").where("id", .equal, id).first()
                .map { try Self.caseDecoder.decode(ReviewRecord.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) }
        }
    }
}

extension Store {
    /// The rows of a third-party file whose region is not a district, zone or subdistrict of the
    /// tree, as `line N: region_code: …` problems (the file's syntax is checked by ``ThirdPartyCSV``).
    public func thirdPartyRegionProblems(_ scores: [ThirdPartyScore]) async throws -> [CatalogueProblem] {
        let found = try await regions(codes: Set(scores.map(\.regionCode)))
        return scores.compactMap { s in
            guard let level = found[s.regionCode]?.level, [.district, .zone, .subdistrict].contains(level) else {
                // A score's source is where it was read: `file:line`.
                let (file, line) = s.source.lastIndex(of: ":").map { (String(s.source[..<$0]), Int(s.source[s.source.index(after: $0)...]) ?? 0) } ?? (s.source, 0)
                return CatalogueProblem(
                    file: file, line: line, field: "region_code", message: "\(s.regionCode) is not a district, zone or subdistrict",
                    messageZH: "\(s.regionCode) 不是区县、功能区或镇街")
            }
            return nil
        }
    }
}
