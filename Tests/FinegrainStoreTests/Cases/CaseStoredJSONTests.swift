import FinegrainCore
import Foundation
import Testing

@testable import FinegrainStore

@Suite("Case.storedJSON — the case row's body, written directly")
struct CaseStoredJSONTests {
    /// The stored form as `JSONEncoder` defines it: sorted keys, times as whole milliseconds, and
    /// a deadline's `extendedMinutes` left out when zero.
    static func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.millisecondsSince1970)
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self).replacingOccurrences(of: #""extendedMinutes":0,"#, with: "")
    }

    @Test("is byte for byte what JSONEncoder gives in the stored form, for generated cases and one with every optional field; it and the earlier form read back")
    func likeTheEncoder() throws {
        var cases: [Case] = []
        for history in try StoredEventTests.generated(300, seed: 9) {
            // Every state a case passes through, not only the last.
            var c: Case?
            for event in history {
                c = try Case.applying(event, to: c)
                cases.append(c!)
            }
        }
        var full = cases[cases.count / 2]
        full.address = "张店区 \"人民路\" 1号\\东"
        full.attributes = ["b": "2", "A": "1", "_": "/"]
        full.componentID = "c-1"
        full.hotlineTicket = "12345-9"
        full.mergedInto = "sim-1"
        full.pendingExtensionMinutes = 480
        full.reporterName = "李四"
        full.reporterPhone = "13900000000"
        full.reporterUserID = "u-1"
        full.satisfaction = .basicallySatisfied
        full.statusBeforeRequest = .dispatched
        full.location = Coordinate(lon: 118.1, lat: -36.000_000_1)
        full.updatedAt = Date()
        cases.append(full)
        for c in cases {
            #expect(c.storedJSON == (try Self.encoded(c)), "\(c.id) v\(c.version)")
            // Read back as stored (times to the millisecond, as every stored time is).
            #expect(try Store.decodeCase(c.storedJSON).storedJSON == c.storedJSON)
            // Rows written before migration 12: times as text, every deadline's extensions.
            #expect(try Store.decodeCase(String(decoding: try Store.caseEncoder.encode(c), as: UTF8.self)).storedJSON == c.storedJSON)
        }
        #expect(try Store.decodeCase(cases[0].storedJSON) == cases[0])
        #expect(cases.contains { $0.deadlines.contains { $0.extendedMinutes > 0 } })
        #expect(!cases[0].storedJSON.contains("Z\""))
        #expect(cases.count > 2_000)
    }
}
