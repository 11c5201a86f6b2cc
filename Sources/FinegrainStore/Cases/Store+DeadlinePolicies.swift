public import FinegrainCore
import Foundation
import SQLKit

extension Store {
    /// Adopts a new deadline policy version. Versions are never edited: a change is a new version
    /// with its own effective date, so past months keep the rules they were measured by.
    public func addDeadlinePolicy(_ policy: DeadlinePolicy, actor: AuditActor) async throws {
        let body = String(decoding: try JSONEncoder.sortedKeys.encode(policy), as: UTF8.self)
        try await database.transaction { db in
            if try await db.select().column("version").from("deadline_policies").where("version", .equal, policy.version).first() != nil {
                throw StoreConflict(.duplicate, "deadline policy version \(policy.version) exists; versions are never changed", "时限规则版本 \(policy.version) 已存在，版本不可修改")
            }
            try await db.insert(into: "deadline_policies").columns("version", "effective_from", "body", "created_at")
                .values(SQLBind(policy.version), SQLBind(policy.effectiveFrom), SQLBind(body), SQLBind(Timestamp.now())).run()
            let revision = try await Int(setting("config_revision", db) ?? "0") ?? 0
            try await setSetting("config_revision", String(revision + 1), db)
            try await audit(
                db, actor: actor, action: "deadline_policy.add", targetType: "deadline_policy", targetID: policy.version,
                details: ["effective_from": policy.effectiveFrom, "basis": policy.basis])
        }
    }

    /// Every adopted version, oldest first.
    public func deadlinePolicies() async throws -> [DeadlinePolicy] {
        try await database.withConnection { db in
            try await db.select().column("body").from("deadline_policies").orderBy("effective_from").orderBy("version").all().map {
                try JSONDecoder().decode(DeadlinePolicy.self, from: Data(try $0.decode(column: "body", as: String.self).utf8))
            }
        }
    }

    /// A number that changes whenever configuration (deadline policies) changes.
    public func configRevision() async throws -> Int {
        try await Int(setting("config_revision") ?? "0") ?? 0
    }
}
