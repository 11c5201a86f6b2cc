import FinegrainCore
import FinegrainStore
import Foundation
import Testing

@testable import FinegrainServer

@Suite("EvaluationCache — sheets kept while their inputs stand")
struct EvaluationCacheTests {
    @Test("a new revision or an expired lifetime misses; the oldest entry goes first")
    func validity() async {
        let cache = EvaluationCache(capacity: 2, openLifetime: 60, finishedLifetime: 3_600)
        let sheet = EvaluationSheet(period: "2026-10", periodKind: .month, level: .district, configurationVersion: "v", rows: [])
        let key = EvaluationCache.Key(period: "2026-10", level: .district, mode: .indexed)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        await cache.remember(sheet, for: key, revision: "1.0", now: t0)
        #expect(await cache.sheet(key, revision: "1.0", finished: true, now: t0.addingTimeInterval(600)) == sheet)
        #expect(await cache.sheet(key, revision: "2.0", finished: true, now: t0) == nil)
        #expect(await cache.sheet(key, revision: "1.0", finished: false, now: t0.addingTimeInterval(61)) == nil)
        #expect(await cache.sheet(key, revision: "1.0", finished: true, now: t0.addingTimeInterval(3_601)) == nil)
        for month in ["2026-08", "2026-09"] {
            await cache.remember(sheet, for: EvaluationCache.Key(period: month, level: .district, mode: .indexed), revision: "1.0", now: t0)
        }
        #expect(await cache.sheet(key, revision: "1.0", finished: true, now: t0) == nil)
    }
}
