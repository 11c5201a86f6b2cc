import FinegrainCore
import Foundation
import Testing

@Suite("trimmed() — white space off both ends, as Foundation trims it")
struct TrimmedTests {
    @Test("spaces (ideographic too), tabs and line breaks go; inner white space stays", arguments: [
        ("\u{3000} 井盖缺失\n", "井盖缺失"),
        ("\t路灯 不亮\r\n", "路灯 不亮"),
        ("   ", ""),
        ("", ""),
        ("a", "a"),
        ("\u{00A0}x\u{2028}", "x"),
        ("e\u{301} ", "e\u{301}"),
    ])
    func examples(_ input: String, _ expected: String) {
        #expect(input.trimmed() == expected)
        #expect(input[...].trimmed() == expected)
    }

    @Test("the same answer as trimmingCharacters(in: .whitespacesAndNewlines) over every white-space character")
    func sameAsFoundation() {
        let spaces = (0...0x3000).compactMap(Unicode.Scalar.init).filter { $0.properties.isWhitespace || CharacterSet.whitespacesAndNewlines.contains($0) }
        for space in spaces {
            let text = "\(space)字\(space)x\(space)"
            #expect(text.trimmed() == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(space.value, radix: 16))")
        }
    }
}
