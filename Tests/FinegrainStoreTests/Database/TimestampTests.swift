import FinegrainCore
import Foundation
import Testing

@testable import FinegrainStore

@Suite("Timestamp — the stored time format")
struct TimestampTests {
    @Test("the stored form is read without a formatter; other ISO 8601 forms through the general parser")
    func readsBoth() throws {
        #expect(try Timestamp.date("2026-10-12T01:00:00.064Z") == MillisecondTimestamp.date("2026-10-12T01:00:00.064Z"))
        #expect(try Timestamp.date("2026-10-12T01:00:00Z") == Date(timeIntervalSince1970: 1_791_766_800))
        #expect(throws: (any Error).self) { try Timestamp.date("12 October 2026") }
    }
}
