import Foundation
import Testing

@testable import FinegrainStore

@Suite("Timestamp — the stored time format, read fast and exactly")
struct TimestampTests {
    @Test("the fast reader agrees with the ISO 8601 parser to the millisecond, and leaves other forms to it")
    func agrees() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)) / 1_000)
            let text = Timestamp.string(date)
            let fast = try #require(Timestamp.fastDate(text), "\(text)")
            let slow = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
            #expect(abs(fast.timeIntervalSince(slow)) < 0.0005, "\(text)")
        }
        #expect(Timestamp.fastDate("2026-10-12T01:00:00Z") == nil)
        #expect(Timestamp.fastDate("2026-13-12T01:00:00.000Z") == nil)
        #expect(try Timestamp.date("2026-10-12T01:00:00Z") == Date(timeIntervalSince1970: 1_791_766_800))
        #expect(Timestamp.fastDate("2024-02-29T23:59:59.999Z") == Date(timeIntervalSince1970: 1_709_251_199.999))
    }
}
