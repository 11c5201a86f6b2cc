import FinegrainCore
import Foundation
@testable import FinegrainStore
import Synchronization
import Testing

@Suite("CaseCountCache — one count per filter, shared by whoever asks while it runs")
struct CaseCountCacheTests {
    final class Calls: Sendable {
        let count = Atomic<Int>(0)
    }

    @Test("sixty-four concurrent askers start one computation; a write starts a new one")
    func singleFlight() async throws {
        let cache = CaseCountCache()
        let computations = Calls()
        @Sendable func slowCount() async throws -> Int {
            computations.count.add(1, ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(50))
            return 42
        }
        let query = CaseQuery(statuses: [.dispatched])
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for page in 1...64 {
                var q = query
                q.page = page  // the page does not change the count
                group.addTask { try await cache.count(for: q, compute: slowCount) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers == Array(repeating: 42, count: 64))
        #expect(computations.count.load(ordering: .relaxed) == 1)
        #expect(try await cache.count(for: query, compute: slowCount) == 42)
        #expect(computations.count.load(ordering: .relaxed) == 1)  // remembered
        cache.invalidate()
        #expect(try await cache.count(for: query, compute: slowCount) == 42)
        #expect(computations.count.load(ordering: .relaxed) == 2)
    }

    @Test("a failed count is not remembered")
    func failure() async throws {
        struct Failed: Error {}
        let cache = CaseCountCache()
        await #expect(throws: Failed.self) { try await cache.count(for: CaseQuery()) { throw Failed() } }
        #expect(try await cache.count(for: CaseQuery()) { 7 } == 7)
    }

    @Test("a count past its lifetime is answered at once and refreshed behind; one a write made stale is waited for")
    func staleWhileRefreshing() async throws {
        let cache = CaseCountCache(lifetime: .milliseconds(200))
        let calls = Calls()
        @Sendable func count() async throws -> Int {
            let n = calls.count.add(1, ordering: .relaxed).newValue
            try await Task.sleep(for: .milliseconds(500))
            return n
        }
        let query = CaseQuery()
        #expect(try await cache.count(for: query, compute: count) == 1)
        try await Task.sleep(for: .milliseconds(250))
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try await cache.count(for: query, compute: count) == 1)  // the old answer, without waiting 500 ms
        #expect(clock.now - start < .milliseconds(400))
        var refreshed = 1
        for _ in 0..<60 where refreshed == 1 {
            try await Task.sleep(for: .milliseconds(50))
            refreshed = try await cache.count(for: query, compute: count)
        }
        #expect(refreshed == 2)  // computed behind the scenes
        cache.invalidate()
        let fresh = try await cache.count(for: query, compute: count)  // waited for
        #expect(fresh > 2 && fresh == calls.count.load(ordering: .relaxed))
    }

    @Test("an overdue count of the next ten seconds is served from the last ones while it is counted, unless a case was written")
    func overdueMovesOn() async throws {
        let cache = CaseCountCache()
        let calls = Calls()
        @Sendable func count() async throws -> Int {
            let n = calls.count.add(1, ordering: .relaxed).newValue
            try await Task.sleep(for: .milliseconds(300))
            return n
        }
        let start = Date(timeIntervalSince1970: 1_764_460_800)
        #expect(try await cache.count(for: CaseQuery(overdueAt: start), compute: count) == 1)
        let clock = ContinuousClock()
        let asked = clock.now
        #expect(try await cache.count(for: CaseQuery(overdueAt: start.addingTimeInterval(10)), compute: count) == 1)  // not waited for
        #expect(clock.now - asked < .milliseconds(250))
        var next = 1
        for _ in 0..<60 where next == 1 {
            try await Task.sleep(for: .milliseconds(50))
            next = try await cache.count(for: CaseQuery(overdueAt: start.addingTimeInterval(10)), compute: count)
        }
        #expect(next == 2)
        // An earlier or much later "now" is counted; so is a different filter; a write makes the old one unusable.
        #expect(try await cache.count(for: CaseQuery(overdueAt: start.addingTimeInterval(-10)), compute: count) == 3)
        #expect(try await cache.count(for: CaseQuery(overdueAt: start.addingTimeInterval(3_600)), compute: count) == 4)
        #expect(try await cache.count(for: CaseQuery(statuses: [.suspended], overdueAt: start.addingTimeInterval(3_610)), compute: count) == 5)
        cache.invalidate()
        #expect(try await cache.count(for: CaseQuery(overdueAt: start.addingTimeInterval(3_610)), compute: count) == 6)
    }
}
