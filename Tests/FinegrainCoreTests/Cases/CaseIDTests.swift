import FinegrainCore
import Foundation
import Testing

@Suite("CaseID — time-ordered version 7 UUIDs")
struct CaseIDTests {
    @Test("the text is a lower-case UUID with version 7 and the RFC 9562 variant, starting with the time in milliseconds")
    func layout() throws {
        let time = Date(timeIntervalSince1970: 1_764_460_800.123)  // 2025-11-30T00:00:00.123Z
        let id = CaseID.make(at: time)
        #expect(id.count == 36)
        #expect(UUID(uuidString: id) != nil)
        #expect(id == id.lowercased())
        let hex = id.replacingOccurrences(of: "-", with: "")
        #expect(UInt64(hex.prefix(12), radix: 16) == 1_764_460_800_123)
        #expect(Array(hex)[12] == "7")
        #expect(["8", "9", "a", "b"].contains(Array(hex)[16]))
    }

    @Test("ids of later times sort after earlier ones; ids of the same millisecond differ")
    func ordering() {
        let start = Date(timeIntervalSince1970: 1_764_460_800)
        let ids = (0..<500).map { CaseID.make(at: start.addingTimeInterval(Double($0) * 0.001)) }
        let outOfOrder = zip(ids, ids.dropFirst()).filter { $0 >= $1 }
        #expect(outOfOrder.isEmpty, "\(outOfOrder.prefix(3))")
        let same = Set((0..<1000).map { _ in CaseID.make(at: start) })
        #expect(same.count == 1000)
    }

    @Test("a seeded generator gives the same id; times before 1970 clamp to zero")
    func deterministic() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        #expect(CaseID.make(milliseconds: 42, using: &a) == CaseID.make(milliseconds: 42, using: &b))
        #expect(CaseID.make(at: Date(timeIntervalSince1970: -5)).hasPrefix("00000000-0000-7"))
    }
}
