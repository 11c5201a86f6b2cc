import Foundation
import Hummingbird

/// Typed reading of query parameters: a malformed value is a 400 problem naming the parameter;
/// an empty value counts as absent.
struct QueryParameters {
    let parameters: Hummingbird.Parameters

    init(_ request: Request) { parameters = request.uri.queryParameters }

    func string(_ name: String) -> String? {
        guard let value = parameters[name[...]].map(String.init), !value.isEmpty else { return nil }
        return value
    }

    func double(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw Problem.invalidParameter(
                name, "must be a number between \(range.lowerBound) and \(range.upperBound)",
                "必须是 \(range.lowerBound) 到 \(range.upperBound) 之间的数字")
        }
        return value
    }

    func requiredDouble(_ name: String, in range: ClosedRange<Double>) throws -> Double {
        guard let value = try double(name, in: range) else {
            throw Problem.invalidParameter(name, "is required", "为必填项")
        }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalidParameter(
                name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                "必须是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Problem.invalidParameter(name, "must be true or false", "必须是 true 或 false")
        }
    }

    func oneOf<T: RawRepresentable>(_ name: String, _ type: T.Type, allowed: [T]) throws -> T? where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text), allowed.contains(where: { $0.rawValue == value.rawValue }) else {
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            throw Problem.invalidParameter(name, "must be one of: \(list)", "必须是以下之一：\(list)")
        }
        return value
    }

    /// A comma-separated set drawn from `allowed`.
    func set(_ name: String, allowed: Set<String>) throws -> Set<String> {
        guard let text = string(name) else { return [] }
        let values = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let unknown = values.subtracting(allowed)
        guard unknown.isEmpty else {
            let list = allowed.sorted().joined(separator: ", ")
            throw Problem.invalidParameter(name, "may contain only: \(list)", "只能包含：\(list)")
        }
        return values
    }
}
