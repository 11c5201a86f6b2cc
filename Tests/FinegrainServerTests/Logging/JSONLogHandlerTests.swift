import FinegrainCore
import Foundation
import Logging
import Testing

@testable import FinegrainServer

@Suite("JSONLogHandler — one valid JSON object per line")
struct JSONLogHandlerTests {
    static func event(_ message: Logger.Message, _ metadata: Logger.Metadata? = nil) -> LogEvent {
        LogEvent(level: .warning, message: message, metadata: metadata, source: "test", file: #fileID, function: #function, line: #line)
    }

    static func decoded(_ w: JSONWriter) throws -> [String: Any] {
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
        return try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
    }

    @Test("strings with quotes, newlines and control characters stay valid JSON on one line")
    func escaping() throws {
        let text = "a \"quoted\" \\ path\nnew line\t\u{1} 中文"
        let line = try Self.decoded(JSONLogHandler.line(Self.event("\(text)", ["note": .string(text)]), label: "fg", metadata: [:]))
        #expect(line["message"] as? String == text)
        #expect(line["note"] as? String == text)
        #expect(line["level"] as? String == "warning")
        #expect(line["label"] as? String == "fg")
    }

    @Test("nested metadata encodes as arrays and objects; the event's metadata wins over the handler's")
    func nested() throws {
        let metadata: Logger.Metadata = ["b": .array([.string("x"), .stringConvertible(2)]), "a": .string("y"), "c": .dictionary(["k": .string("v")])]
        let line = try Self.decoded(JSONLogHandler.line(Self.event("m", metadata), label: "fg", metadata: ["a": .string("handler"), "z": .string("kept")]))
        #expect(line["a"] as? String == "y")
        #expect(line["z"] as? String == "kept")
        #expect((line["b"] as? [String]) == ["x", "2"])
        #expect((line["c"] as? [String: String]) == ["k": "v"])
    }

    @Test("times are ISO 8601 UTC with milliseconds")
    func timestamp() throws {
        let line = try Self.decoded(JSONLogHandler.line(Self.event("m"), label: "fg", metadata: [:], at: Date(timeIntervalSince1970: 1_764_460_800.25)))
        #expect(line["time"] as? String == "2025-11-30T00:00:00.250Z")
    }
}
