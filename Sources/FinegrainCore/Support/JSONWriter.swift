public import Foundation

/// Writes JSON straight into bytes, for the few values that are large and hot — a page of cases
/// in a response, an event's canonical form and stored body — in exactly the form a
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` gives: sorted keys, unescaped
/// slashes, absent optionals left out, and dates either in whole UTC seconds (the API's `.iso8601`)
/// or as a ``MillisecondTimestamp`` (the stored form).
///
/// Why: `JSONEncoder` builds a tree of values, sorts every object's keys and only then writes;
/// for a page of twenty cases with their deadlines that was a quarter of the server's time, and
/// encoding a new case's event and projection was 29 % of the time of filing it. A type that is
/// written this way lists its members itself, in sorted order; a test encodes the same value both
/// ways and compares, so the two cannot drift apart.
///
/// ```swift
/// var w = JSONWriter()
/// w.object { o in
///     o.member("id", "c-1")
///     o.member("version", 3)
/// }
/// // {"id":"c-1","version":3}
/// ```
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 4_096) {
        bytes.reserveCapacity(capacity)
    }

    /// An object; `body` writes its members, in sorted key order.
    public mutating func object(_ body: (inout ObjectWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        var members = ObjectWriter(writer: self)
        bytes = []
        body(&members)
        self = members.writer
        bytes.append(UInt8(ascii: "}"))
    }

    /// A dictionary as an object, its keys sorted by their UTF-8 bytes (as `JSONEncoder` sorts),
    /// each value written by `write`.
    public mutating func object<Value>(_ dictionary: [String: Value], _ write: (inout JSONWriter, Value) -> Void) {
        object { o in
            for (key, value) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                o.member(key: key) { write(&$0, value) }
            }
        }
    }

    /// An array of `elements`, each written by `write`.
    public mutating func array<S: Sequence>(_ elements: S, _ write: (inout JSONWriter, S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            // Most text needs no escape at all: copy it in one go.
            guard utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 { escape(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0..<0x20:
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        default: bytes.append(byte)
        }
    }

    public mutating func int(_ value: Int) { bytes.append(contentsOf: value.description.utf8) }

    /// As `JSONEncoder` writes a `Double`: its shortest description, without a trailing `.0`.
    public mutating func double(_ value: Double) {
        let text = value.description
        bytes.append(contentsOf: (text.hasSuffix(".0") ? text.dropLast(2) : Substring(text)).utf8)
    }

    public mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    /// `2026-11-30T05:04:27Z`: the `.iso8601` date strategy (UTC, fractions of a second dropped).
    public mutating func date(_ value: Date) {
        let seconds = Int64((value.timeIntervalSince1970).rounded(.down))
        bytes.append(UInt8(ascii: "\""))
        MillisecondTimestamp.appendISO8601(milliseconds: seconds * 1_000, fraction: false, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `2026-11-30T05:04:27.064Z`: a ``MillisecondTimestamp``, the stored and hashed form.
    public mutating func timestamp(_ value: Date) {
        bytes.append(UInt8(ascii: "\""))
        MillisecondTimestamp.appendISO8601(milliseconds: value.millisecondsSince1970, fraction: true, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// `1796015067064`: whole milliseconds since 1970, the compact stored form of a time (a case
    /// row's and an event body's; 13 digits where a ``MillisecondTimestamp`` takes 26 characters).
    public mutating func milliseconds(_ value: Date) {
        bytes.append(contentsOf: value.millisecondsSince1970.description.utf8)
    }

    /// A line feed, for one JSON document per line (logs, exports).
    public mutating func newline() { bytes.append(0x0A) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }

    /// The members of one object, each with its key; an optional that is `nil` is left out.
    public struct ObjectWriter {
        var writer: JSONWriter
        private var first = true

        init(writer: JSONWriter) { self.writer = writer }

        /// Writes `key` and lets `value` write the value.
        public mutating func member(_ key: StaticString, _ value: (inout JSONWriter) -> Void) {
            if !first { writer.bytes.append(UInt8(ascii: ",")) }
            first = false
            writer.bytes.append(UInt8(ascii: "\""))
            writer.raw(key)
            writer.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            value(&writer)
        }

        /// A member whose key is only known at run time (a dictionary's); the caller keeps the
        /// keys in sorted order (by their UTF-8 bytes, as `JSONEncoder` sorts).
        public mutating func member(key: String, _ value: (inout JSONWriter) -> Void) {
            if !first { writer.bytes.append(UInt8(ascii: ",")) }
            first = false
            writer.string(key)
            writer.bytes.append(UInt8(ascii: ":"))
            value(&writer)
        }

        /// A date as a ``MillisecondTimestamp``.
        public mutating func member(_ key: StaticString, timestamp value: Date?) {
            if let value { member(key) { $0.timestamp(value) } }
        }

        /// A date as whole milliseconds since 1970 (see ``JSONWriter/milliseconds(_:)``).
        public mutating func member(_ key: StaticString, milliseconds value: Date?) {
            if let value { member(key) { $0.milliseconds(value) } }
        }

        /// A dictionary of strings, its keys in sorted order.
        public mutating func member(_ key: StaticString, _ value: [String: String]?) {
            if let value { member(key) { $0.object(value) { $0.string($1) } } }
        }

        public mutating func member(_ key: StaticString, _ value: String?) {
            if let value { member(key) { $0.string(value) } }
        }

        public mutating func member(_ key: StaticString, _ value: Int?) {
            if let value { member(key) { $0.int(value) } }
        }

        public mutating func member(_ key: StaticString, _ value: Double?) {
            if let value { member(key) { $0.double(value) } }
        }

        public mutating func member(_ key: StaticString, _ value: Bool?) {
            if let value { member(key) { $0.bool(value) } }
        }

        public mutating func member(_ key: StaticString, _ value: Date?) {
            if let value { member(key) { $0.date(value) } }
        }

        public mutating func member(_ key: StaticString, _ value: [String]?) {
            if let value { member(key) { w in w.array(value) { $0.string($1) } } }
        }

        public mutating func member<T: JSONWritable>(_ key: StaticString, _ value: T?) {
            if let value { member(key) { value.writeJSON(to: &$0) } }
        }

        public mutating func member<T: JSONWritable>(_ key: StaticString, _ value: [T]) {
            member(key) { w in w.array(value) { $1.writeJSON(to: &$0) } }
        }

        /// Members written ahead by ``JSONWriter/memberList(_:)``, in their place in the key order.
        public mutating func members(_ list: [UInt8]) {
            guard !list.isEmpty else { return }
            if !first { writer.bytes.append(UInt8(ascii: ",")) }
            first = false
            writer.bytes.append(contentsOf: list)
        }
    }

    /// The members `body` writes, without the object's braces: written once and kept, they are
    /// put into later objects with ``ObjectWriter/members(_:)``.
    public static func memberList(_ body: (inout ObjectWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter(capacity: 2_048)
        writer.object(body)
        return Array(writer.bytes.dropFirst().dropLast())
    }
}

/// A value that writes itself with a ``JSONWriter`` — exactly as its `Encodable` conformance
/// would under the encoder its use names (the API's responses, or the store's bodies).
public protocol JSONWritable: Sendable {
    func writeJSON(to writer: inout JSONWriter)
}
