#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FinegrainCore
import Foundation
public import Logging

/// A swift-log handler that writes one JSON object per line to standard error: time, level,
/// label, message and every metadata key — what log shippers ingest without parsing rules.
///
/// Every request writes a line, so the line is written with ``JSONWriter`` (the same escaping and
/// ``MillisecondTimestamp`` times as the stored forms; no `JSONSerialization`, no `DateFormatter`)
/// and handed to one `write(2)`; lines of up to `PIPE_BUF` bytes from concurrent tasks never
/// interleave.
///
/// ```swift
/// LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: .info) }
/// ```
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String

    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var bytes = Self.line(event, label: label, metadata: metadata).bytes
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(2, base + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// The line for `event`, newline included: time, level, label and message first, then the
    /// metadata (the handler's and the event's, the event's winning) by key.
    static func line(_ event: LogEvent, label: String, metadata: Logger.Metadata, at time: Date = Date()) -> JSONWriter {
        let fields = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        var w = JSONWriter(capacity: 256)
        w.object { o in
            o.member("time", timestamp: time)
            o.member("level", event.level.rawValue)
            o.member("label", label)
            o.member("message", event.message.description)
            for key in fields.keys.sorted() where !reservedKeys.contains(key) {
                o.member(key: key) { append(fields[key] ?? .string(""), to: &$0) }
            }
        }
        w.newline()
        return w
    }

    /// The line's own members, which metadata cannot replace.
    static let reservedKeys: Set<String> = ["time", "level", "label", "message"]

    static func append(_ value: Logger.Metadata.Value, to w: inout JSONWriter) {
        switch value {
        case .string(let s): w.string(s)
        case .stringConvertible(let c): w.string(c.description)
        case .array(let values): w.array(values) { append($1, to: &$0) }
        case .dictionary(let dictionary): w.object(dictionary) { append($1, to: &$0) }
        }
    }
}
