import Crypto
import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// Photos of reports, fixes and checks: `POST /api/v1/photos` (the image bytes as the body) and
/// `GET /api/v1/photos/{sha256}`.
///
/// The type is decided by the bytes (JPEG, PNG or WebP), never by the client's word; the size is
/// limited; a photo is stored once under its SHA-256 in the data directory (`photos/ab/abcdef…`),
/// written to a temporary file and renamed so a crash never leaves half a photo; served with
/// long-lived caching since the name is the content.
struct PhotoController: Sendable {
    let store: Store
    let directory: URL
    static let maxBytes = 10 * 1024 * 1024

    func addRoutes(to routes: SecuredRoutes) {
        routes.post("photos", .photosUpload, use: upload)
        routes.get("photos/{sha256}", .casesRead, use: download)
    }

    struct UploadedDTO: ResponseEncodable {
        var sha256: String
        var contentType: String
        var size: Int
        var url: String

        enum CodingKeys: String, CodingKey {
            case sha256, size, url
            case contentType = "content_type"
        }
    }

    @Sendable func upload(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: Self.maxBytes) } catch {
            throw Problem(
                status: .contentTooLarge, slug: "too-large", title: "Photo too large",
                detail: "a photo may have at most \(Self.maxBytes / 1024 / 1024) MiB", detailZH: "照片不能超过 \(Self.maxBytes / 1024 / 1024) MiB")
        }
        let data = Data(buffer.readableBytesView)
        guard let type = Self.sniff(data) else {
            throw Problem(
                status: .unsupportedMediaType, slug: "unsupported-photo", title: "Not a JPEG, PNG or WebP image",
                detail: "the body is not a JPEG, PNG or WebP image", detailZH: "上传内容不是 JPEG、PNG 或 WebP 图片")
        }
        let name = try await save(data, type: type, uploadedBy: context.principal?.userID)
        var response = try UploadedDTO(sha256: name, contentType: type, size: data.count, url: "/api/v1/photos/\(name)")
            .response(from: request, context: context)
        response.status = .created
        return response
    }

    /// Stores an image (already sniffed as `type`) once under its SHA-256 and records it; returns the name.
    func save(_ data: Data, type: String, uploadedBy: String?) async throws -> String {
        let name = SHA256.hash(data: data).hexEncoded
        let folder = directory.appendingPathComponent(String(name.prefix(2)), isDirectory: true)
        let file = folder.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // Written whole to a temporary name, then renamed: a crash never leaves half a photo.
            let temporary = folder.appendingPathComponent(".\(name).\(UUID().uuidString)")
            try data.write(to: temporary, options: [.atomic])
            if (try? FileManager.default.moveItem(at: temporary, to: file)) == nil { try? FileManager.default.removeItem(at: temporary) }
        }
        try await store.recordPhoto(sha256: name, contentType: type, size: data.count, uploadedBy: uploadedBy)
        return name
    }

    /// Checks and stores the photos of a console form (at most nine); returns their names.
    /// Throws problem details naming the first file that is not an image this platform takes.
    func saveUploads(_ files: [MultipartForm.File], uploadedBy: String?) async throws -> [String] {
        var names: [String] = []
        for file in files.prefix(9) {
            guard let type = Self.sniff(file.data), file.data.count <= Self.maxBytes else {
                throw Problem.unprocessable(
                    "photos", "\(file.filename ?? "a file") is not a JPEG, PNG or WebP image up to 10 MiB",
                    "\(file.filename ?? "文件") 不是不超过 10 MiB 的 JPEG、PNG 或 WebP 图片")
            }
            names.append(try await save(file.data, type: type, uploadedBy: uploadedBy))
        }
        return names
    }

    @Sendable func download(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let name = try context.parameters.require("sha256")
        guard name.count == 64, name.allSatisfy(\.isHexDigit), let type = try await store.photoContentType(sha256: name) else {
            throw Problem.notFound("photo", "照片")
        }
        if request.headers[.ifNoneMatch] == "\"\(name)\"" { return Response(status: .notModified, headers: [.eTag: "\"\(name)\""]) }
        let file = directory.appendingPathComponent(String(name.prefix(2))).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: file.path) else { throw Problem.notFound("photo file", "照片文件") }
        return Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "private, max-age=31536000, immutable", .eTag: "\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The image type by magic bytes.
    static func sniff(_ data: Data) -> String? {
        let b = [UInt8](data.prefix(12))
        if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF { return "image/jpeg" }
        if b.count >= 8, b[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if b.count >= 12, b[0..<4].elementsEqual(Array("RIFF".utf8)), b[8..<12].elementsEqual(Array("WEBP".utf8)) { return "image/webp" }
        return nil
    }
}
