public import Foundation

/// 毫秒时间戳 (a millisecond timestamp as text): `2026-10-12T01:00:00.064Z` — UTC, exactly three
/// fraction digits, 24 characters. The form events are hashed in and timestamps are stored in;
/// it sorts correctly as text on both databases.
///
/// Why not `Date.ISO8601FormatStyle`: it truncates the binary fraction, and a `Date` read back
/// from `…53.064Z` is often a hair below `.064`, so about half of all re-read timestamps printed
/// one millisecond early — a value that moved every time it was read and written again. Here a
/// date is first rounded to the microsecond (far below any real clock's error but far above
/// floating-point noise) and then cut to the millisecond, so `string(date(s)!) == s` for every
/// well-formed `s`, and a fresh `Date()` still prints its millisecond truncated.
///
/// ```swift
/// let text = MillisecondTimestamp.string(Date())          // "2026-11-30T08:01:02.345Z"
/// MillisecondTimestamp.string(MillisecondTimestamp.date(text)!) == text   // always
/// ```
public enum MillisecondTimestamp {
    /// The timestamp text of `date`.
    public static func string(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendISO8601(milliseconds: date.millisecondsSince1970, fraction: true, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (UTC) for an instant in milliseconds since 1970 — this
    /// form, or the API's whole seconds (``JSONWriter/date(_:)``).
    static func appendISO8601(milliseconds ms: Int64, fraction: Bool, to bytes: inout [UInt8]) {
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let msOfDay = Int(ms - days * 86_400_000)
        let date = LocalDate(daysSince1970: Int(days))
        let seconds = msOfDay / 1_000
        pad(date.year, 4, &bytes); bytes.append(UInt8(ascii: "-")); pad(date.month, 2, &bytes); bytes.append(UInt8(ascii: "-"))
        pad(date.day, 2, &bytes); bytes.append(UInt8(ascii: "T"))
        pad(seconds / 3_600, 2, &bytes); bytes.append(UInt8(ascii: ":")); pad(seconds / 60 % 60, 2, &bytes)
        bytes.append(UInt8(ascii: ":")); pad(seconds % 60, 2, &bytes)
        if fraction {
            bytes.append(UInt8(ascii: "."))
            pad(msOfDay % 1_000, 3, &bytes)
        }
        bytes.append(UInt8(ascii: "Z"))
    }

    private static func pad(_ value: Int, _ width: Int, _ bytes: inout [UInt8]) {
        if width == 2 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / 10 % 10))
            bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
            return
        }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// The instant of a timestamp in exactly the form ``string(_:)`` writes; `nil` for any other text.
    public static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x2E, b[23] == 0x5A else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for i in from..<(from + count) {
                    let digit = Int(b[i]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2), let mi = number(14, 2),
                let s = number(17, 2), let ms = number(20, 3), h < 24, mi < 60, s < 61, let day = LocalDate(year: y, month: m, day: d)
            else { return nil }
            let seconds = Int64(day.daysSince1970) * 86_400 + Int64(h * 3_600 + mi * 60 + s)
            return Date(millisecondsSince1970: seconds * 1_000 + Int64(ms))
        }
    }
}

extension Date {
    /// Whole milliseconds since 1970 (negative before), after rounding to the microsecond: the
    /// millisecond this instant is written as (see ``MillisecondTimestamp``).
    public var millisecondsSince1970: Int64 {
        let micros = Int64((timeIntervalSince1970 * 1_000_000).rounded())
        return micros >= 0 ? micros / 1_000 : (micros - 999) / 1_000
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1_000)
    }
}
