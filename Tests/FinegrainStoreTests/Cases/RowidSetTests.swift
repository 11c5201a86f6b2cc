@testable import FinegrainStore
import Testing

@Suite("RowidSet — a hash set while sparse, a bitmap once dense, the same members either way")
struct RowidSetTests {
    @Test("members, count and order survive the change to a bitmap; a bitmap is far smaller than a hash set")
    func sparseAndDense() {
        var sparse: RowidSet = [5, 1_000_000, 3]
        #expect(sparse.contains(5) && sparse.contains(1_000_000) && !sparse.contains(4))
        let again = sparse.insert(5)
        #expect(!again && sparse.count == 3)
        #expect(sparse.sorted() == [3, 5, 1_000_000])

        // Every 14th rowid of a million (7 %, as common as 井盖): a bitmap.
        var dense = RowidSet()
        var expected: [Int] = []
        var allNew = true
        for rowid in stride(from: 0, to: 1_000_000, by: 14) {
            allNew = dense.insert(rowid) && allNew
            expected.append(rowid)
        }
        #expect(allNew)
        #expect(dense.count == expected.count && dense.sorted() == expected)
        #expect(dense.contains(14 * 1_000) && !dense.contains(14 * 1_000 + 1) && !dense.contains(2_000_000) && !dense.contains(-1))
        #expect(dense.bytes <= 1_000_000 / 8 + 8 && dense.bytes * 8 < expected.count * 16)   // eight times smaller than a hash set
        // Growing past its end and inserting again.
        let (first, second) = (dense.insert(5_000_000), dense.insert(5_000_000))
        #expect(first && !second && dense.contains(5_000_000))
        #expect(dense.count == expected.count + 1)
        var sameMembers = RowidSet()
        for rowid in expected + [5_000_000] { sameMembers.insert(rowid) }
        #expect(sameMembers == dense)
    }
}
