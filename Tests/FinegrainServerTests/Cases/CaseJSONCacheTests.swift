import FinegrainCore
@testable import FinegrainServer
import Foundation
import Testing

@Suite("CaseJSONCache — a case's JSON written once per version, class name and reporter view")
struct CaseJSONCacheTests {
    typealias Light = (light: DeadlineLight, fraction: Double, step: CaseStep)

    @Test("a case written from kept members is the case written whole (and what JSONEncoder writes)", arguments: [false, true])
    func sameBytes(full: Bool) throws {
        let cache = CaseJSONCache(capacity: 8)
        let c = try JSONWriterTests.someCase(full: full)
        for showReporter in [false, true] {
            for (light, actions) in [(nil, nil), ((.red, 1.5, .handle), ["feedback"])] as [(Light?, [String]?)] {
                let whole = CaseDTO(c, className: "井盖", showReporter: showReporter, light: light, actions: actions)
                var kept = whole
                cache.attach(to: &kept, showsReporter: showReporter)
                #expect(kept.segments != nil)
                #expect(JSONWriterTests.written(kept) == JSONWriterTests.written(whole))
                #expect(JSONWriterTests.written(kept) == (try JSONWriterTests.encoded(whole)))
            }
        }
        #expect(cache.count == 2)  // one per reporter view: the light and the actions are not kept
    }

    @Test("a new version, another class name or another reporter view is written again, never served stale")
    func neverStale() throws {
        let cache = CaseJSONCache(capacity: 8)
        var c = try JSONWriterTests.someCase(full: true)
        func written(_ c: Case, className: String, showReporter: Bool) -> String {
            var dto = CaseDTO(c, className: className, showReporter: showReporter, light: nil)
            cache.attach(to: &dto, showsReporter: showReporter)
            return JSONWriterTests.written(dto)
        }
        let first = written(c, className: "井盖", showReporter: true)
        #expect(first.contains("\"reporter\":{"))
        #expect(!written(c, className: "井盖", showReporter: false).contains("\"reporter\":{"))
        #expect(written(c, className: "检查井盖", showReporter: true).contains("\"class_name\":\"检查井盖\""))
        c.status = .closed
        c.version += 1
        let changed = written(c, className: "检查井盖", showReporter: true)
        #expect(changed.contains("\"status\":\"closed\"") && changed.contains("\"version\":5"))
        #expect(written(c, className: "检查井盖", showReporter: true) == changed)
    }
}
