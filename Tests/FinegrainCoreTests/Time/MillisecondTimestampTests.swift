import FinegrainCore
import Foundation
import Testing

@Suite("MillisecondTimestamp — the stored and hashed time text, read and written exactly")
struct MillisecondTimestampTests {
    @Test("text read and written again is the same text, for every millisecond (Foundation's formatter lost one in about half)")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let ms = Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)
            let text = MillisecondTimestamp.string(Date(millisecondsSince1970: ms))
            let read = try #require(MillisecondTimestamp.date(text), "\(text)")
            #expect(read.millisecondsSince1970 == ms, "\(text)")
            #expect(MillisecondTimestamp.string(read) == text)
            #expect(read.truncatedToMilliseconds == read, "\(text)")
        }
    }

    @Test("agrees with the ISO 8601 parser, cuts finer fractions down, and refuses other forms")
    func agrees() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)) / 1_000)
            let text = MillisecondTimestamp.string(date)
            let slow = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
            let fast = try #require(MillisecondTimestamp.date(text))
            #expect(abs(fast.timeIntervalSince(slow)) < 0.0005, "\(text)")
        }
        #expect(MillisecondTimestamp.string(Date(timeIntervalSince1970: 1_791_766_800.0649)) == "2026-10-12T01:00:00.064Z")
        #expect(MillisecondTimestamp.string(Date(timeIntervalSince1970: -0.0005)) == "1969-12-31T23:59:59.999Z")
        #expect(MillisecondTimestamp.date("2024-02-29T23:59:59.999Z") == Date(timeIntervalSince1970: 1_709_251_199.999))
        #expect(MillisecondTimestamp.date("2026-10-12T01:00:00Z") == nil)
        #expect(MillisecondTimestamp.date("2026-13-12T01:00:00.000Z") == nil)
        #expect(MillisecondTimestamp.date("2026-02-30T01:00:00.000Z") == nil)
    }
}
