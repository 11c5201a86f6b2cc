import Foundation
import Logging
import Testing

@testable import FinegrainServer

@Suite("JSONLogHandler — one valid JSON object per line")
struct JSONLogHandlerTests {
    @Test("strings with quotes, newlines and control characters stay valid JSON")
    func escaping() throws {
        var line = ""
        JSONLogHandler.appendString("a \"quoted\" \\ path\nnew line\t\u{1} 中文", to: &line)
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(line)]".utf8)) as? [String]
        #expect(decoded == ["a \"quoted\" \\ path\nnew line\t\u{1} 中文"])
    }

    @Test("nested metadata encodes as arrays and objects")
    func nested() throws {
        var line = ""
        JSONLogHandler.append(.dictionary(["b": .array([.string("x"), .stringConvertible(2)]), "a": .string("y")]), to: &line)
        let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(decoded?["a"] as? String == "y")
        #expect((decoded?["b"] as? [String]) == ["x", "2"])
    }

    @Test("timestamps are ISO 8601 UTC with milliseconds")
    func timestamp() throws {
        let text = JSONLogHandler.timestamp()
        #expect(text.count == 24)
        #expect(text.hasSuffix("Z"))
        let parsed = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
        #expect(abs(parsed.timeIntervalSinceNow) < 5)
    }
}
