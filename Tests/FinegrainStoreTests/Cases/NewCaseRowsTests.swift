@testable import FinegrainStore
import SQLKit
import SQLiteKit
import SQLiteNIO
import Testing

@Suite("NewCaseRows — the inserts of new cases, serialised ahead of their transaction")
struct NewCaseRowsTests {
    @Test("an insert serialised before its search rowids are known, once filled in, is the insert serialised with them")
    func filledLater() throws {
        // 130 cases: the case rows take two chunks (100 + 30), so offsets continue across chunks.
        let intakes = (0..<130).map { CaseIntakeTests.intake("r\($0)") }
        let rows = CaseIntakeWriter.build(intakes, after: [:]).rows
        let early = try rows.sqliteInserts()
        let direct = try rows.statements(dialect: .sqlite, firstSearchRowid: 9_001).map { try SQLiteStatement($0) }
        #expect(early.count == direct.count)
        #expect(early.count == 4)  // cases ×2, events, search terms
        for (filled, expected) in zip(early.map { $0.statement(firstSearchRowid: 9_001) }, direct) {
            #expect(filled.sql == expected.sql)
            #expect(filled.binds == expected.binds)
        }
        // The rowids are the only binds that differ, one per case row and per search row.
        #expect(early.map(\.rowidBinds.count) == [100, 30, 0, 130])
    }

    @Test("a bound value becomes the SQLite data sqlite-kit's encoder makes of it, for every type a row holds and others")
    func boundValues() throws {
        let encoder = SQLiteDataEncoder()
        let values: [any Encodable] = [
            "井盖", "", 42, -1, 3.25, Optional<String>.none, Optional("x"), Optional<Int>.none, Optional(7),
            Optional<Double>.none, true, Int64(9),
        ]
        for value in values {
            #expect(try SQLiteStatement.data(value, encoder) == encoder.encode(value), "\(value)")
        }
    }
}
