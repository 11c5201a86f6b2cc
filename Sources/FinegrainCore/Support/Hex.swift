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

    @inline(__always)
    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble
    }
}

/// 十六进制 (hexadecimal): the encoder behind ``Swift/Sequence/hexEncoded``.
public enum Hex {}
