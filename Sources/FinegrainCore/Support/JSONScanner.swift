/// 读 JSON (a pull scanner over JSON text): reads values where the caller expects them, without
/// building a tree or going through `Decodable`.
///
/// Why: reading a month of histories for an evaluation was half JSON decoding of event bodies —
/// Foundation's `JSONDecoder` builds a map of the whole document and then walks it through keyed
/// containers, boxing every value. A body has a known, small shape, so reading it directly is a
/// fraction of the work. The scanner is strict where a reader could go wrong (numbers must be
/// integers, strings valid JSON) and throws ``Unexpected`` at anything it does not take; a caller
/// then falls back to `JSONDecoder`, which also gives the better error message.
///
/// ```swift
/// let total = try JSONScanner.scan(#"{"a": [1, 2], "b": "x"}"#) { s in
///     var sum = 0
///     try s.object { s, key in
///         if key == "a" { try s.array { sum += try $0.int() } } else { try s.skipValue() }
///     }
///     return sum
/// }   // 3
/// ```
public struct JSONScanner {
    /// The text is not what the caller expected here, or not valid JSON.
    public struct Unexpected: Error, CustomStringConvertible {
        public var offset: Int
        public var description: String { "unexpected JSON at byte \(offset)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Scans `text` with `body`, which must read one whole value; only whitespace may follow it.
    public static func scan<T>(_ text: String, _ body: (inout JSONScanner) throws -> T) throws -> T {
        var text = text
        return try text.withUTF8 { buffer in
            var scanner = JSONScanner(buffer)
            let value = try body(&scanner)
            scanner.skipSpace()
            guard scanner.index == buffer.count else { throw Unexpected(offset: scanner.index) }
            return value
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    /// The error for what stands here: a caller's "not a value I take" (an unknown status, say).
    public func unexpected() -> Unexpected { Unexpected(offset: index) }

    /// The next byte that is not whitespace, not consumed.
    private mutating func peek() throws -> UInt8 {
        skipSpace()
        guard index < bytes.count else { throw unexpected() }
        return bytes[index]
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw unexpected() }
        index += 1
    }

    /// Consumes `null` if it is next.
    public mutating func null() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw unexpected() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw unexpected() }
        index += count
    }

    /// An object: `member` is called with each key and must read its value.
    public mutating func object(_ member: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return
            default: throw unexpected()
            }
        }
    }

    /// An array: `element` is called for each element and must read it.
    public mutating func array(_ element: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try element(&self)
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return
            default: throw unexpected()
            }
        }
    }

    /// An array read whole, each element by `element`.
    public mutating func list<T>(_ element: (inout JSONScanner) throws -> T) throws -> [T] {
        var values: [T] = []
        try array { values.append(try element(&$0)) }
        return values
    }

    /// An object read whole into a dictionary, each value by `value`.
    public mutating func members<T>(_ value: (inout JSONScanner) throws -> T) throws -> [String: T] {
        var values: [String: T] = [:]
        try object { s, key in values[key] = try value(&s) }
        return values
    }

    /// A string that must be the raw value of `T` (a status, a role, a step).
    public mutating func string<T: RawRepresentable>(as type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw unexpected() }
        return value
    }

    /// An integer (no fraction or exponent) that fits in 64 bits.
    public mutating func int() throws -> Int {
        _ = try peek()
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int(bytes[index] - 0x30))
            guard !o1, !o2 else { throw unexpected() }
            value = plus
            index += 1
        }
        guard index > start, !(bytes[start] == 0x30 && index - start > 1) else { throw unexpected() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            throw unexpected()
        }
        return negative ? -value : value
    }

    /// A string, with its escapes resolved.
    public mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            case UInt8(ascii: "\\"):
                return try escapedString(from: start)
            case 0..<0x20:
                throw unexpected()
            default:
                index += 1
            }
        }
        throw unexpected()
    }

    /// The rest of a string that holds an escape, its plain start already scanned.
    private mutating func escapedString(from start: Int) throws -> String {
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw unexpected() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw unexpected() }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw unexpected() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw unexpected() }
                    utf8.append(contentsOf: String(Character(unicode)).utf8)
                default:
                    throw unexpected()
                }
            case 0..<0x20:
                throw unexpected()
            default:
                utf8.append(byte)
            }
        }
        throw unexpected()
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw unexpected() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32 =
                switch byte {
                case 0x30...0x39: UInt32(byte - 0x30)
                case 0x41...0x46: UInt32(byte - 0x41 + 10)
                case 0x61...0x66: UInt32(byte - 0x61 + 10)
                default: throw unexpected()
                }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Skips one value of any kind (a member the caller does not read).
    public mutating func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "{"): try object { s, _ in try s.skipValue() }
        case UInt8(ascii: "["): try array { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            // A number, fraction and exponent included.
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) || [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains(bytes[index]) { index += 1 }
            guard index > start else { throw unexpected() }
        }
    }
}
