import Foundation
import Hummingbird

/// Open311 parameters from the query string and, for POST, a form-urlencoded body. Empty values
/// count as absent (real clients send `jurisdiction_id=`); `attribute[code]` and
/// `attribute[code][]` are collected.
struct Open311Parameters {
    private(set) var values: [String: [String]] = [:]

    init(query: String?, body: String?) {
        for text in [query, body].compactMap({ $0 }) {
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let key = Self.decode(parts[0]), !key.isEmpty else { continue }
                let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
                values[key, default: []].append(value)
            }
        }
    }

    static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    func string(_ name: String) -> String? {
        guard let value = values[name]?.first(where: { !$0.isEmpty }) else { return nil }
        return value
    }

    func list(_ name: String) -> [String] {
        string(name).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
    }

    /// `attribute[code]=v` and `attribute[code][]=v1&…` (multi-values joined by commas).
    var attributes: [String: String] {
        var result: [String: [String]] = [:]
        for (key, list) in values where key.hasPrefix("attribute[") {
            let inner = key.dropFirst("attribute[".count)
            guard let end = inner.firstIndex(of: "]") else { continue }
            let code = String(inner[..<end])
            result[code, default: []] += list.filter { !$0.isEmpty }
        }
        return result.filter { !$0.value.isEmpty }.mapValues { $0.joined(separator: ",") }
    }

    func double(_ name: String) throws(Open311Error) -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite else { throw Open311Error(status: .badRequest, description: "\(name) must be a number") }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws(Open311Error) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Open311Error(status: .badRequest, description: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func date(_ name: String) throws(Open311Error) -> Date? {
        guard let text = string(name) else { return nil }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        throw Open311Error(status: .badRequest, description: "\(name) must be a W3C date-time with a time zone, e.g. 2026-11-01T00:00:00+08:00")
    }
}
