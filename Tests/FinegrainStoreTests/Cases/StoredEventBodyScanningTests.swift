import FinegrainCore
@testable import FinegrainStore
import FinegrainTestSupport
import Foundation
import Testing

@Suite("Stored event bodies — scanned directly, read exactly as JSONDecoder reads them")
struct StoredEventBodyScanningTests {
    @Test("every body of generated histories (every step, deadline change and actor) scans to what the decoder reads")
    func generatedBodies() throws {
        var bodies = 0
        for history in try GeneratedActivity.histories(0..<400, from: "2025-01-01", to: "2026-11-10", now: "2026-11-12") {
            var previous: [StepDeadline] = []
            for event in history {
                let json = StoredEventBody(event, after: previous).json
                let decoded = try Store.caseDecoder.decode(StoredEventBody.self, from: Data(json.utf8))
                #expect(try JSONScanner.scan(json) { try StoredEventBody(scanning: &$0) } == decoded, "\(json)")
                previous = event.deadlines
                bodies += 1
            }
        }
        #expect(bodies > 2_000)
    }

    @Test("escapes, an actor and changes with every field; the earlier whole form and bad values fall back to the decoder")
    func edges() throws {
        let json = #"""
            {"actor":{"address":"张店区 \"南门\"\n","departmentID":"d1","name":"王\u4e94 \ud83d\ude00","requestID":"r\/1","role":"dispatcher","userID":"u1"},
             "changed":{"0":{"cleared":["pausedAt","remainingMinutesAtPause"],"dueAt":1767225600000,"extendedMinutes":120},
                        "2":{"completedAt":1767225600001,"pausedAt":-1000,"remainingMinutesAtPause":0}},
             "completed":[1],"opened":[{"dueAt":1767225600000,"limit":{"amount":3,"unit":"workingDays"},"step":"handle","startedAt":null}],
             "payload":{"department_id":"d1","note":"\t\\"},"status":"dispatched","unknown":[1.5e3,true,{"x":null}]}
            """#
        let decoded = try Store.caseDecoder.decode(StoredEventBody.self, from: Data(json.utf8))
        let scanned = try JSONScanner.scan(json) { try StoredEventBody(scanning: &$0) }
        #expect(scanned == decoded)
        #expect(scanned.actor?.name == "王五 😀" && scanned.payload["note"] == "\t\\")

        // The whole form of before migration 12 (ISO times, the full deadline list) is not scanned but still read.
        let whole = #"{"caseID":"c1","deadlines":[],"payload":{},"previousHash":"","status":"reported"}"#
        #expect(throws: JSONScanner.Unexpected.self) { try JSONScanner.scan(whole) { try StoredEventBody(scanning: &$0) } }
        #expect(try StoredEventBody.read(whole) == Store.caseDecoder.decode(StoredEventBody.self, from: Data(whole.utf8)))
        let isoTime = #"{"changed":{"0":{"dueAt":"2026-01-01T00:00:00.000Z"}},"payload":{},"status":"reported"}"#
        #expect(try StoredEventBody.read(isoTime).changed?["0"]?.dueAt == Date(millisecondsSince1970: 1_767_225_600_000))
        // What neither takes is an error.
        for bad in [#"{"payload":{},"status":"no-such-status"}"#, #"{"payload":{}}"#, #"{"payload":{},"status":"reported"} x"#] {
            #expect(throws: (any Error).self) { try StoredEventBody.read(bad) }
        }
    }
}
