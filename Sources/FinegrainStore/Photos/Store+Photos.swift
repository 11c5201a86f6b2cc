import Foundation
import SQLKit

extension Store {
    /// Records an uploaded photo (idempotent: the same bytes have the same name).
    public func recordPhoto(sha256: String, contentType: String, size: Int, uploadedBy: String?) async throws {
        try await database.transaction { db in
            try await db.insert(into: "photos").columns("sha256", "content_type", "size", "uploaded_by", "created_at")
                .values(SQLBind(sha256), SQLBind(contentType), SQLBind(size), SQLBind(uploadedBy), SQLBind(Timestamp.now()))
                .onConflict(with: ["sha256"]) { $0.set(excludedValueOf: "content_type") }
                .run()
        }
    }

    /// The content type of a stored photo.
    public func photoContentType(sha256: String) async throws -> String? {
        try await database.withConnection { db in
            try await db.select().column("content_type").from("photos").where("sha256", .equal, sha256).first()?
                .decode(column: "content_type", as: String.self)
        }
    }

    /// The names among `names` that were never uploaded.
    public func missingPhotos(_ names: [String]) async throws -> [String] {
        guard !names.isEmpty else { return [] }
        let found: Set<String> = try await database.withConnection { db in
            Set(try await db.select().column("sha256").from("photos").where("sha256", .in, names).all()
                .map { try $0.decode(column: "sha256", as: String.self) })
        }
        return names.filter { !found.contains($0) }
    }
}
