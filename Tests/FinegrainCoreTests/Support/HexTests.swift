import FinegrainCore
import Foundation
import Testing

@Suite("Hex — lower-case hexadecimal of bytes")
struct HexTests {
    @Test("every byte, from arrays, data, other sequences and raw buffers, as Foundation's formatter writes it")
    func everyByte() {
        let bytes = (0...255).map(UInt8.init)
        let expected = bytes.map { String(format: "%02x", $0) }.joined()
        #expect(bytes.hexEncoded == expected)
        #expect(Data(bytes).hexEncoded == expected)
        #expect(bytes.lazy.map { $0 }.hexEncoded == expected)  // a sequence without contiguous storage
        #expect(bytes.withUnsafeBytes { Hex.encode($0) } == expected)
        #expect([UInt8]().hexEncoded == "")
    }

    @Test("decoding gives every byte back, from either case, and refuses odd lengths and non-digits")
    func decode() {
        let bytes = (0...255).map(UInt8.init)
        #expect(Hex.decode(bytes.hexEncoded) == bytes)
        #expect(Hex.decode(bytes.hexEncoded.uppercased()) == bytes)
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("0aF") == nil)
        #expect(Hex.decode("0g") == nil)
        #expect(Hex.decode("中文") == nil)
        #expect(Hex.decode(" 0a") == nil)
    }
}
