/// Lower-case hexadecimal of bytes, e.g. a SHA-256 digest as the 64 characters stored in the event
/// log. Written by hand because `String(format: "%02x")` per byte costs a Foundation formatter
/// call each: it was 6 % of case intake's CPU. The digits go straight into the string's own
/// storage (no intermediate array), which halved what remained: every filed case hashes its event
/// and every API call hashes its key.
///
/// ```swift
/// SHA256.hash(data: data).hexEncoded   // "9f86d081…"
/// ```
extension Sequence where Element == UInt8 {
    public var hexEncoded: String {
        if let hex = withContiguousStorageIfAvailable({ Hex.encode(UnsafeRawBufferPointer($0)) }) { return hex }
        return Hex.encode(Array(self))
    }
}

extension Hex {
    /// Lower-case hexadecimal of `bytes`, written into a new string's storage.
    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = digit(byte >> 4)
                out[2 * index + 1] = digit(byte & 0x0F)
            }
            return bytes.count * 2
        }
    }

    public static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { encode($0) }
    }

    /// The bytes of lower- or upper-case hexadecimal `text`, or `nil` if it has an odd length or
    /// a character that is not a hex digit.
    ///
    /// ```swift
    /// Hex.decode("0aff")   // [0x0a, 0xff]
    /// ```
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }

    private static func decode(_ digits: UnsafeRawBufferPointer) -> [UInt8]? {
        guard digits.count % 2 == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: digits.count / 2)
        for index in bytes.indices {
            guard let high = value(digits[2 * index]), let low = value(digits[2 * index + 1]) else { return nil }
            bytes[index] = high << 4 | low
        }
        return bytes
    }

    @inline(__always)
    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x57
        case 0x41...0x46: digit - 0x37
        default: nil
        }
    }

    @inline(__always)
    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }
}

/// 十六进制 (hexadecimal): the encoder behind ``Swift/Sequence/hexEncoded``.
public enum Hex {}
