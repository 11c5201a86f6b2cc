/// A set of `search_rowid`s that stays small whatever it holds: a hash set while its members are
/// sparse, a bitmap (one bit per rowid up to the largest) once they are dense.
///
/// Why: a common word matches a fixed share of all cases — `井盖` about 7 % — so at ten million
/// cases its 681,000 matches would take some 11 MB as a hash set, but 1.25 MB as a bitmap; a rare
/// word's few matches would waste a bitmap sized by the whole table.
///
/// ```swift
/// var set: RowidSet = [3, 5]
/// set.insert(1_000)
/// set.contains(5)   // true
/// set.count         // 3
/// ```
struct RowidSet: Sendable, Equatable, ExpressibleByArrayLiteral {
    private var sparse: Set<Int> = []
    private var bits: [UInt64]?
    /// How many rowids are members.
    private(set) var count = 0
    var isEmpty: Bool { count == 0 }
    /// The largest member (0 when empty).
    private var largest = 0

    init() {}

    init(arrayLiteral elements: Int...) {
        for element in elements { insert(element) }
    }

    func contains(_ rowid: Int) -> Bool {
        guard let bits else { return sparse.contains(rowid) }
        guard rowid >= 0, rowid >> 6 < bits.count else { return false }
        return bits[rowid >> 6] & (1 << UInt64(rowid & 63)) != 0
    }

    /// Adds `rowid` (not negative); false when it was already a member.
    @discardableResult
    mutating func insert(_ rowid: Int) -> Bool {
        precondition(rowid >= 0, "a search_rowid is not negative")
        guard var words = bits else {
            guard sparse.insert(rowid).inserted else { return false }
            count += 1
            largest = max(largest, rowid)
            // Dense enough that a bitmap is smaller: a hash set member costs about 16 bytes, the
            // bitmap one bit per rowid up to the largest.
            if count >= 64, count * 128 > largest { toBitmap() }
            return true
        }
        bits = nil  // the words uniquely referenced while they change
        defer { bits = words }
        let word = rowid >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word + 1 - words.count)) }
        let mask: UInt64 = 1 << UInt64(rowid & 63)
        guard words[word] & mask == 0 else { return false }
        words[word] |= mask
        count += 1
        return true
    }

    private mutating func toBitmap() {
        var words = [UInt64](repeating: 0, count: (largest >> 6) + 1)
        for rowid in sparse { words[rowid >> 6] |= 1 << UInt64(rowid & 63) }
        bits = words
        sparse = []
    }

    /// The members in ascending order.
    func sorted() -> [Int] {
        guard let bits else { return sparse.sorted() }
        var members: [Int] = []
        members.reserveCapacity(count)
        for (index, word) in bits.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                members.append(index << 6 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return members
    }

    /// About how many bytes the set holds.
    var bytes: Int { bits.map { $0.count * 8 } ?? count * 16 }

    static func == (a: RowidSet, b: RowidSet) -> Bool { a.count == b.count && a.sorted() == b.sorted() }
}
