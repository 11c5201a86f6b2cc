import Foundation

/// A `multipart/form-data` body split into its fields and files (RFC 7578), for Open311 clients
/// that post photos with the request (`media`, `media[]`, FixMyStreet's `photo1…n`).
///
/// ```swift
/// let form = try MultipartForm(body: data, contentType: "multipart/form-data; boundary=XyZ")
/// form.fields["service_code"]   // ["06001"]
/// form.files.first?.data        // the image bytes
/// ```
struct MultipartForm {
    struct File {
        var field: String
        var filename: String?
        var data: Data
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    var fields: [String: [String]] = [:]
    var files: [File] = []

    init(body: Data, contentType: String) throws(Malformed) {
        guard let boundaryPart = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") })
        else { throw Malformed(description: "multipart body without a boundary") }
        let boundary = String(boundaryPart.dropFirst("boundary=".count)).trimmingCharacters(in: ["\""])
        guard !boundary.isEmpty else { throw Malformed(description: "empty multipart boundary") }
        let delimiter = Data("--\(boundary)".utf8)
        let bytes = body
        var position = bytes.startIndex
        guard let first = bytes.range(of: delimiter, in: position..<bytes.endIndex) else {
            throw Malformed(description: "the multipart boundary does not occur in the body")
        }
        position = first.upperBound
        while position < bytes.endIndex {
            // After a delimiter: "--" ends the body; otherwise CRLF and a part.
            if bytes[position...].starts(with: Data("--".utf8)) { break }
            if bytes[position...].starts(with: Data("\r\n".utf8)) { position += 2 }
            guard let headerEnd = bytes.range(of: Data("\r\n\r\n".utf8), in: position..<bytes.endIndex) else {
                throw Malformed(description: "a multipart part has no header end")
            }
            let headerText = String(decoding: bytes[position..<headerEnd.lowerBound], as: UTF8.self)
            guard let next = bytes.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<bytes.endIndex) else {
                throw Malformed(description: "a multipart part is not terminated")
            }
            let content = bytes[headerEnd.upperBound..<next.lowerBound]
            var name: String?
            var filename: String?
            for line in headerText.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                for item in line.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    if item.hasPrefix("name=") { name = String(item.dropFirst(5)).trimmingCharacters(in: ["\""]) }
                    if item.hasPrefix("filename=") { filename = String(item.dropFirst(9)).trimmingCharacters(in: ["\""]) }
                }
            }
            guard let name else { throw Malformed(description: "a multipart part has no name") }
            if filename != nil {
                files.append(File(field: name, filename: filename, data: Data(content)))
            } else {
                fields[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
            position = next.upperBound
        }
    }

    /// The fields as a form-urlencoded string, for ``Open311Parameters``.
    var urlEncoded: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.flatMap { key, values in
            values.map { "\(key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        }.joined(separator: "&")
    }
}
