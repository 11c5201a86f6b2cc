import FinegrainCore
import Foundation
import Testing

@testable import FinegrainStore

@Suite("Case.storedJSON — the case row's body, written directly")
struct CaseStoredJSONTests {
    @Test("is byte for byte what the store's JSONEncoder gives, for generated cases and one with every optional field")
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
            #expect(c.storedJSON == String(decoding: try Store.caseEncoder.encode(c), as: UTF8.self), "\(c.id) v\(c.version)")
        }
        #expect(cases.count > 2_000)
    }
}
