import FinegrainCore
import Foundation
import Testing

@Suite("JSONScanner — reads what JSONDecoder reads, and refuses what it should not take")
struct JSONScannerTests {
    @Test("strings with every escape and surrogate pairs, integers at the edges, nested values skipped")
    func values() throws {
        let text = #" { "s" : "a\"b\\c\/d\b\f\n\r\t\u00e9\u4e95\ud83d\ude00", "n": [0, -7, 9223372036854775807], "skip": {"a": [1.5, -2e-3, true, false, null, "x"]} } "#
        let (string, numbers) = try JSONScanner.scan(text) { s -> (String, [Int]) in
            var string = ""
            var numbers: [Int] = []
            try s.object { s, key in
                switch key {
                case "s": string = try s.string()
                case "n": try s.array { numbers.append(try $0.int()) }
                default: try s.skipValue()
                }
            }
            return (string, numbers)
        }
        #expect(string == "a\"b\\c/d\u{8}\u{c}\n\r\té井😀")
        #expect(string == (try JSONDecoder().decode([String: String].self, from: Data(#"{"s":"a\"b\\c\/d\b\f\n\r\t\u00e9\u4e95\ud83d\ude00"}"#.utf8)))["s"])
        #expect(numbers == [0, -7, Int.max])
        #expect(try JSONScanner.scan("[]") { s in var n = 0; try s.array { _ in n += 1 }; return n } == 0)
        #expect(try JSONScanner.scan("null") { try $0.null() })
    }

    @Test("each malformed or unexpected input throws", arguments: [
        "1.5", "1e3", "01", "-", "9223372036854775808", "\"open", "\"bad \\x escape\"", "\"\\ud83d alone\"", "\"raw \n newline\"",
        "[1,]", "[1 2]", "{\"a\" 1}", "1 2", "",
    ])
    func refuses(_ text: String) {
        #expect(throws: JSONScanner.Unexpected.self) {
            try JSONScanner.scan(text) { s in
                if text.hasPrefix("\"") { _ = try s.string() } else if text.hasPrefix("[") { try s.array { _ = try $0.int() } }
                else if text.hasPrefix("{") { try s.object { s, _ in _ = try s.int() } } else { _ = try s.int() }
            }
        }
    }
}
