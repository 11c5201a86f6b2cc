import FinegrainCore
import FinegrainDemo
import FinegrainTestSupport
import Foundation
import SQLKit
import Testing

@testable import FinegrainStore

@Suite("StoredEventBody — events stored as changes to the one before, read back whole")
struct StoredEventTests {
    static let workflow = CaseStoreTests.workflow
    static let start = Date(timeIntervalSince1970: 1_767_196_800)  // 2026-01-01

    /// Generated histories covering every kind of deadline change (suspensions, restores,
    /// extensions, returns, rework), written through the bulk path.
    static func histories(_ store: Store, count: Int) async throws -> [[CaseEvent]] {
        try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
        let histories = try generated(count, seed: 11)
        try await store.bulkCreateCases(histories)
        return histories
    }

    /// `count` generated histories on the fixture's grids, reported in January 2026 (not stored).
    static func generated(_ count: Int, seed: UInt64) throws -> [[CaseEvent]] {
        let locator = RegionLocator(regions: RegionTreeFixture.regions)
        let places = RegionTreeFixture.regions.filter { $0.level == .grid }.map { ActivityGenerator.Place(region: $0, chain: locator.chain(from: $0.code)) }
        let matters = try ReferenceData.standardCatalogue().filter { $0.kind == .matter && $0.standard == CatalogueStandard.gb47678 }
        let generator = ActivityGenerator(
            workflow: workflow, places: places, matterClasses: matters,
            teams: [ActivityGenerator.Team(departmentID: "d1", districts: [], meanHours: 8, reworkRate: 0.3)], seed: seed)
        let schedule = generator.schedule(from: start, to: start.addingTimeInterval(30 * 86_400), first: 0, count: count)
        return try (0..<count).map { try generator.history(index: $0, schedule: schedule, now: start.addingTimeInterval(60 * 86_400)) }
    }

    /// `events` with the hashes the store gave them.
    static func hashed(_ events: [CaseEvent], like stored: [CaseEvent]) -> [CaseEvent] {
        zip(events, stored).map { var e = $0; e.previousHash = $1.previousHash; e.hash = $1.hash; return e }
    }

    @Test("every event reads back exactly as decided, its hash covers the whole event, and the bodies are small", arguments: TestDatabase.all)
    func readsBack(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let histories = try await Self.histories(store, count: 300)
            let types = Set(histories.joined().map(\.type))
            for kind in ["approve_suspension", "restore", "approve_extension", "check", "approve_return"] { #expect(types.contains(kind), "\(kind)") }
            var canonical = 0
            for history in histories {
                let stored = try await store.caseEvents(caseID: history[0].caseID)
                #expect(stored.count == history.count)
                #expect(Self.hashed(history, like: stored) == stored)
                for event in stored { canonical += event.canonicalData().count }
                #expect(try Case.replay(stored) == (try await store.caseRecord(id: history[0].caseID)))
            }
            let bodies = try await store.database.withConnection { db in
                try await db.select().column("body").from("case_events").all().map { try $0.decode(column: "body", as: String.self).utf8.count }
            }
            #expect(bodies.count == histories.joined().count)
            // Deadlines are most of a whole event; as changes they are a fraction.
            #expect(bodies.reduce(0, +) * 5 < canonical * 2, "stored \(bodies.reduce(0, +)) bytes for \(canonical) canonical")
            #expect(try await store.verifyEventLog().isEmpty)
        }
    }

    @Test("verify-log in small batches: histories cut across batches check out, and an edit in one is found", arguments: TestDatabase.all)
    func verifyAcrossBatches(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let histories = try await Self.histories(store, count: 60)
            var seen = 0
            #expect(try await store.verifyEventLog(batchSize: 7) { seen = $0 }.isEmpty)
            #expect(seen == 60)
            let victim = try #require(histories.first { $0.count >= 5 })
            try await store.database.withConnection { db in
                try await db.update("case_events").set("at", to: SQLBind("2026-01-02T00:00:00.000Z"))
                    .where("case_id", .equal, victim[0].caseID).where("sequence", .equal, 4).run()
            }
            for size in [3, 7, 5_000] {
                let problems = try await store.verifyEventLog(batchSize: size)
                #expect(problems.map(\.caseID) == [victim[0].caseID], "batch \(size)")
                #expect(problems.first?.sequence == 4)
            }
        }
    }

    @Test("a time window that starts inside histories rebuilds every event, across batches", arguments: TestDatabase.all)
    func window(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let histories = try await Self.histories(store, count: 120)
            var everything: [CaseEvent] = []
            for history in histories { everything += try await store.caseEvents(caseID: history[0].caseID) }
            let from = Self.start.addingTimeInterval(12 * 86_400)
            let to = Self.start.addingTimeInterval(20 * 86_400)
            var seen: [CaseEvent] = []
            try await store.forEachEvent(from: MillisecondTimestamp.string(from), to: MillisecondTimestamp.string(to), batchSize: 7) { seen += $0 }
            let expected = everything.filter { $0.at >= from && $0.at < to }
            #expect(!expected.isEmpty && expected.contains { $0.sequence > 1 })
            let key = { (e: CaseEvent) in "\(e.caseID)#\(e.sequence)" }
            #expect(Set(seen.map(key)) == Set(expected.map(key)))
            #expect(Dictionary(uniqueKeysWithValues: seen.map { (key($0), $0) }) == Dictionary(uniqueKeysWithValues: expected.map { (key($0), $0) }))
        }
    }

    @Test("rows in the earlier whole form read and verify beside new ones; edits to either are found", arguments: TestDatabase.all)
    func wholeForm(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let histories = try await Self.histories(store, count: 20)
            let old = histories[3][0].caseID
            let events = try await store.caseEvents(caseID: old)
            try await store.database.withConnection { db in
                for event in events {
                    var canonical = event
                    canonical.hash = ""
                    let body = String(decoding: canonical.canonicalData(), as: UTF8.self)
                    try await db.update("case_events").set("body", to: SQLBind(body))
                        .where("case_id", .equal, old).where("sequence", .equal, event.sequence).run()
                }
            }
            #expect(try await store.caseEvents(caseID: old) == events)
            #expect(try await store.verifyEventLog().isEmpty)

            // An edited column of a new-form row changes the rebuilt event, so its hash no longer covers it.
            let other = histories[4][0].caseID
            try await store.database.withConnection { db in
                try await db.update("case_events").set("type", to: SQLBind("verify")).where("case_id", .equal, other).where("sequence", .equal, 1).run()
            }
            let problems = try await store.verifyEventLog()
            #expect(problems.map(\.caseID) == [other])
            #expect(problems.first?.reason.contains("hash") == true)
        }
    }

    @Test("the body keeps of the actor only what the columns do not say; an edited actor column or a removed event is found", arguments: TestDatabase.all)
    func actorsAndChain(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            var histories = try Self.generated(12, seed: 17)
            let person = CaseActor(userID: "u-7", name: "王五", role: .inspector, departmentID: "d1", address: "10.0.0.1", requestID: "r-9")
            histories[0][0].actor = person
            histories[1][0].actor = CaseActor(userID: nil, name: "12345 热线", role: nil)
            try await store.bulkCreateCases(histories)
            let first = try await store.caseEvents(caseID: histories[0][0].caseID)
            #expect(first[0].actor == person)
            #expect(try await store.caseEvents(caseID: histories[1][0].caseID)[0].actor == histories[1][0].actor)
            let bodies = try await store.database.withConnection { db in
                try await db.select().column("case_id").column("sequence").column("body").from("case_events").all().map {
                    (try $0.decode(column: "case_id", as: String.self), try $0.decode(column: "sequence", as: Int.self), try $0.decode(column: "body", as: String.self))
                }
            }
            let personBody = try #require(bodies.first { $0.0 == histories[0][0].caseID && $0.1 == 1 }?.2)
            #expect(personBody.contains(#""actor":{"address":"10.0.0.1","departmentID":"d1","name":"王五","requestID":"r-9"}"#))
            // Simulated staff are named by their user id: their bodies say nothing of them.
            let named = Set(histories.joined().filter { $0.actor.name != $0.actor.userID }.map { "\($0.caseID)#\($0.sequence)" })
            #expect(named.count < histories.joined().count / 2)
            #expect(Set(bodies.filter { $0.2.contains(#""actor""#) }.map { "\($0.0)#\($0.1)" }) == named)
            // A deadline opened by a step starts at the step's time, and is not extended yet; most
            // steps complete the deadline before at their own time: none of that is written.
            #expect(!bodies.contains { $0.2.contains(#""extendedMinutes":0"#) || $0.2.contains("startedAt") })
            #expect(bodies.filter { $0.2.contains(#""completed":["#) }.count > bodies.filter { $0.2.contains("completedAt") }.count)
            #expect(try await store.verifyEventLog().isEmpty)

            try await store.database.withConnection { db in
                try await db.update("case_events").set("actor_user_id", to: SQLBind("u-8")).where("case_id", .equal, histories[0][0].caseID)
                    .where("sequence", .equal, 1).run()
            }
            let victim = try #require(histories.dropFirst(2).first { $0.count >= 4 })
            try await store.database.withConnection { db in
                try await db.delete(from: "case_events").where("case_id", .equal, victim[0].caseID).where("sequence", .equal, 2).run()
            }
            let problems = try await store.verifyEventLog()
            #expect(problems.map(\.caseID) == [histories[0][0].caseID, victim[0].caseID].sorted())
            #expect(problems.first { $0.caseID == histories[0][0].caseID }?.reason.contains("hash") == true)
            #expect(problems.first { $0.caseID == victim[0].caseID }?.reason.contains("missing") == true)
        }
    }

    @Test("the canonical form and the stored body, written directly, are byte for byte what JSONEncoder gives")
    func writtenLikeJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(MillisecondTimestamp.string(date))
        }
        var histories = try Self.generated(300, seed: 5)
        // Text that needs escaping, keys that sort by byte, optional actor fields, a fresh clock.
        var odd = histories[0][0]
        odd.payload = ["note": "引号\"反斜杠\\斜杠/换行\n回车\r制表\t\u{01}\u{1F}\u{7F} 😀", "Zeta": "1", "_x": "", "a_b": "2", "a2": "3"]
        odd.actor = CaseActor(userID: nil, name: "张\"三", role: nil, departmentID: "d/1", address: "::1", requestID: "r-1")
        odd.at = Date()
        odd.previousHash = String(repeating: "ab", count: 32)
        histories.append([odd])
        var compared = 0
        for history in histories {
            var previous: [StepDeadline] = []
            for event in history {
                var blank = event
                blank.hash = ""
                #expect(event.canonicalData() == (try encoder.encode(blank)), "\(event.caseID) #\(event.sequence)")
                let body = StoredEventBody(event, after: previous)
                #expect(body.json == (try CaseStoredJSONTests.encoded(body)), "\(event.caseID) #\(event.sequence)")
                previous = event.deadlines
                compared += 1
            }
        }
        #expect(compared > 2_000)
    }

    @Test("the trail knows a case's last event, asks for the earlier events it lacks, and forgets closed cases first")
    func trail() throws {
        let history = try Self.generated(40, seed: 3).first { $0.count >= 4 && $0.last!.status.isFinal }!
        var trail = EventTrail()
        trail.capacity = 1
        trail.record(history[0])
        #expect(trail.prior(of: history[0].caseID, before: 2) == PriorEvent(history[0]))
        #expect(trail.prior(of: history[0].caseID, before: 3) == nil)
        trail.record(history[history.count - 1])
        var open = history[1]
        open.caseID = "other"
        trail.record(open)
        trail.prune()
        #expect(trail.prior(of: history[0].caseID, before: history.count + 1) == nil)
        #expect(trail.prior(of: "other", before: 3) == PriorEvent(open))
    }

    @Test("a deadline's changes say only what moved, and restoring clears the pause")
    func changes() throws {
        var d = StepDeadline(step: .handle, startedAt: Self.start, dueAt: Self.start.addingTimeInterval(3_600), limit: .workingDays(1))
        var paused = d
        paused.pausedAt = Self.start.addingTimeInterval(60)
        paused.remainingMinutesAtPause = 59
        let pause = try #require(DeadlineChange(from: d, to: paused))
        #expect(pause.applied(to: d) == paused)
        var restored = paused
        restored.pausedAt = nil
        restored.remainingMinutesAtPause = nil
        restored.dueAt = Self.start.addingTimeInterval(7_200)
        let restore = try #require(DeadlineChange(from: paused, to: restored))
        #expect(restore.cleared?.map(\.rawValue) == ["pausedAt", "remainingMinutesAtPause"])
        #expect(restore.applied(to: paused) == restored)
        #expect(DeadlineChange(from: d, to: d)?.isEmpty == true)
        d.step = .check
        #expect(DeadlineChange(from: restored, to: d) == nil)
    }
}
