public import FinegrainCore
import Foundation
import SQLKit

extension Store {
    /// Inserts or replaces classes (by kind and code) and mappings, in one transaction.
    public func upsertCatalogue(_ classes: [CatalogueClass], mappings: [LegacyMapping] = [], actor: AuditActor) async throws {
        let now = Timestamp.now()
        let encoder = JSONEncoder.sortedKeys
        try await database.transaction { db in
            for batch in stride(from: 0, to: classes.count, by: 200).map({ classes[$0..<min($0 + 200, classes.count)] }) {
                var insert = db.insert(into: "catalogue_classes")
                    .columns("kind", "code", "name", "name_en", "major_code", "major_name", "standard", "note", "attributes", "active", "updated_at")
                for c in batch {
                    insert = insert.values(
                        SQLBind(c.kind.rawValue), SQLBind(c.code), SQLBind(c.name), SQLBind(c.nameEN), SQLBind(c.majorCode), SQLBind(c.majorName),
                        SQLBind(c.standard), SQLBind(c.note), SQLBind(String(decoding: try encoder.encode(c.attributes), as: UTF8.self)),
                        SQLBind(c.active), SQLBind(now))
                }
                try await insert.onConflict(with: ["kind", "code"]) { update in
                    var u = update
                    for column in ["name", "name_en", "major_code", "major_name", "standard", "note", "attributes", "active", "updated_at"] {
                        u = u.set(excludedValueOf: column)
                    }
                    return u
                }.run()
            }
            for m in mappings {
                try await db.insert(into: "legacy_class_mappings").columns("legacy_kind", "legacy_code", "new_kind", "new_code", "basis")
                    .values(SQLBind(m.legacyKind.rawValue), SQLBind(m.legacyCode), SQLBind(m.newKind.rawValue), SQLBind(m.newCode), SQLBind(m.basis))
                    .onConflict(with: ["legacy_kind", "legacy_code"]) { $0.set(excludedValueOf: "new_kind").set(excludedValueOf: "new_code").set(excludedValueOf: "basis") }
                    .run()
            }
            let revision = try await Int(setting("catalogue_revision", db) ?? "0") ?? 0
            try await setSetting("catalogue_revision", String(revision + 1), db)
            try await audit(
                db, actor: actor, action: "catalogue.import", targetType: "catalogue", targetID: nil,
                details: ["classes": String(classes.count), "mappings": String(mappings.count)])
        }
    }

    /// Every class.
    public func catalogueClasses() async throws -> [CatalogueClass] {
        try await database.withConnection { db in
            try await db.select().column("*").from("catalogue_classes").orderBy("kind").orderBy("code").all().map { row in
                let kindText = try row.decode(column: "kind", as: String.self)
                guard let kind = ClassKind(rawValue: kindText) else { throw StoreDataError("unknown class kind \(kindText)") }
                let attributes = try JSONDecoder().decode(
                    [ExtensionAttribute].self, from: Data(try row.decode(column: "attributes", as: String.self).utf8))
                return CatalogueClass(
                    kind: kind, code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                    nameEN: try row.decode(column: "name_en", as: String?.self), majorCode: try row.decode(column: "major_code", as: String.self),
                    majorName: try row.decode(column: "major_name", as: String.self), standard: try row.decode(column: "standard", as: String.self),
                    note: try row.decode(column: "note", as: String?.self), attributes: attributes, active: try row.decode(column: "active", as: Bool.self))
            }
        }
    }

    /// A number that changes whenever the catalogue is written; servers poll it to refresh.
    public func catalogueRevision() async throws -> Int {
        try await Int(setting("catalogue_revision") ?? "0") ?? 0
    }

    /// The number of classes stored.
    public func catalogueCount() async throws -> Int {
        try await database.withConnection { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("catalogue_classes").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }
}
