public import Foundation

/// 案件标识 (case id): a time-ordered UUID — version 7 of RFC 9562 — in lower-case text.
///
/// Why time-ordered: a random (version 4) id lands each new case on a random page of the case
/// table's id index and of the event log's `(case_id, sequence)` key, so a batch of twenty new
/// cases dirtied some forty index pages that the commit then wrote to the log. Version 7 ids begin
/// with the time in milliseconds, so new ids sort after older ones and a batch touches the last
/// page or two. The remaining 74 bits are random, so ids stay unguessable; nothing may depend on
/// an id's order beyond that (old version 4 ids remain valid).
///
/// ```swift
/// CaseID.make(at: Date())   // "019a2f3c-8e41-7b2d-9c05-5f1e2a7d4b60"
/// ```
public enum CaseID {
    /// A new id for a case created at `time`.
    public static func make(at time: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(milliseconds: UInt64(max(0, time.millisecondsSince1970)), using: &generator)
    }

    /// The id for `milliseconds` since 1970 with random bits from `generator`.
    public static func make(milliseconds: UInt64, using generator: inout some RandomNumberGenerator) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - i))) }
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for i in 6..<16 { bytes[i] = UInt8(truncatingIfNeeded: (i < 14 ? random.0 : random.1) >> (8 * (i % 8))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // variant 10
        let hex = bytes.hexEncoded
        let start = hex.startIndex
        func part(_ from: Int, _ to: Int) -> Substring { hex[hex.index(start, offsetBy: from)..<hex.index(start, offsetBy: to)] }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }
}
