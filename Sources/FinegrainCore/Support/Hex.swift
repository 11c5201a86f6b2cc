/// Lower-case hexadecimal of bytes, e.g. a SHA-256 digest as the 64 characters stored in the event
/// log. Written by hand because `String(format: "%02x")` per byte costs a Foundation formatter
/// call each: it was 6 % of case intake's CPU.
///
/// ```swift
/// SHA256.hash(data: data).hexEncoded   // "9f86d081…"
/// ```
extension Sequence where Element == UInt8 {
    public var hexEncoded: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
