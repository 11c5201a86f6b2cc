import FinegrainCore
import FinegrainDemo
import FinegrainStore
import FinegrainTestSupport
import Foundation
import SQLKit
import Testing

@Suite("Store — cases and their hash-chained history, on every test database")
struct CaseStoreTests {
    static let workflow = Workflow(rules: .standard, policy: .standard, calendar: try! ReferenceData.workingCalendar())
    static let inspector = CaseActor(userID: "i", name: "inspector", role: .inspector)
    static let leader = CaseActor(userID: "l", name: "leader", role: .shiftLeader)
    static let dispatcher = CaseActor(userID: "d", name: "dispatcher", role: .dispatcher)

    static func report(_ id: String, number: String) -> CaseReport {
        CaseReport(
            id: id, number: number, source: .inspector, classKind: .matter, classCode: "06001", description: "私搭乱建",
            location: Coordinate(lon: 118.005, lat: 36.715), reporterName: "张三", reporterPhone: "13900000000")
    }

    /// A case filed and ready to dispatch.
    static func filedCase(_ store: Store, id: String = "c1", number: String = "FG20260302000001") async throws -> Case {
        let t = Date(timeIntervalSince1970: 1_772_413_200)  // 2026-03-02 09:00 CST
        var c = try await store.createCase(try workflow.report(report(id, number: number), by: inspector, at: t))
        c = try await store.appendEvent(
            try workflow.decide(.file(classKind: nil, classCode: nil, urgency: nil, note: nil), on: c, by: leader, at: t.addingTimeInterval(60)),
            expectedVersion: c.version)
        return c
    }

    @Test("events chain by hash, the projection matches the replay, and the log verifies", arguments: TestDatabase.all)
    func chain(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let c = try await Self.filedCase(store)
            let events = try await store.caseEvents(caseID: c.id)
            #expect(events.count == 2)
            #expect(events[0].previousHash == "")
            #expect(events[1].previousHash == events[0].hash)
            #expect(events.allSatisfy { $0.hash.count == 64 })
            #expect(try Case.replay(events) == c)
            #expect(try await store.caseRecord(id: c.id) == c)
            #expect(try await store.verifyEventLog().isEmpty)
        }
    }

    @Test("times with milliseconds stay put as a case is read and written step after step", arguments: TestDatabase.all)
    func millisecondsStay(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            // Fractions that Foundation's ISO 8601 formatter printed one millisecond early once read back.
            let reported = Date(timeIntervalSince1970: 1_772_413_200.064)
            var c = try await store.createCase(try Self.workflow.report(Self.report("c1", number: "FG20260302000001"), by: Self.inspector, at: reported))
            let steps: [(CaseCommand, CaseActor, Double)] = [
                (.file(classKind: nil, classCode: nil, urgency: nil, note: nil), Self.leader, 60.612),
                (.dispatch(departmentID: "A", note: nil), Self.dispatcher, 120.050),
            ]
            for (command, actor, offset) in steps {
                c = try await store.appendEvent(try Self.workflow.decide(command, on: c, by: actor, at: reported.addingTimeInterval(offset)), expectedVersion: c.version)
            }
            let stored = try #require(try await store.caseRecord(id: "c1"))
            #expect(MillisecondTimestamp.string(stored.reportedAt) == "2026-03-02T01:00:00.064Z")
            #expect(stored.deadlines.map { MillisecondTimestamp.string($0.startedAt) }
                == ["2026-03-02T01:00:00.064Z", "2026-03-02T01:01:00.676Z", "2026-03-02T01:02:00.114Z"])
            #expect(try Case.replay(try await store.caseEvents(caseID: "c1")) == stored)
            #expect(try await store.verifyEventLog().isEmpty)
        }
    }

    @Test("two dispatchers at once: exactly one wins, the other sees the current case", arguments: TestDatabase.all)
    func race(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let c = try await Self.filedCase(store)
            let now = Date(timeIntervalSince1970: 1_772_413_800)
            let a = try Self.workflow.decide(.dispatch(departmentID: "A", note: nil), on: c, by: Self.dispatcher, at: now)
            let b = try Self.workflow.decide(.dispatch(departmentID: "B", note: nil), on: c, by: Self.dispatcher, at: now)
            @Sendable func attempt(_ event: CaseEvent) async -> Result<Case, any Error> {
                do { return .success(try await store.appendEvent(event, expectedVersion: c.version)) } catch { return .failure(error) }
            }
            async let first = attempt(a)
            async let second = attempt(b)
            let results = await [first, second]
            let won = results.compactMap { try? $0.get() }
            #expect(won.count == 1)
            let lost = results.compactMap { result -> CaseVersionConflict? in
                if case .failure(let error) = result { return error as? CaseVersionConflict }
                return nil
            }
            #expect(lost.count == 1)
            #expect(lost.first?.current.status == .dispatched)
            #expect(try await store.caseEvents(caseID: c.id).count == 3)
        }
    }

    @Test("an event edited in the database is found by verify-log, naming its case", arguments: TestDatabase.all)
    func tamper(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let c1 = try await Self.filedCase(store, id: "c1", number: "FG20260302000001")
            _ = try await Self.filedCase(store, id: "c2", number: "FG20260302000002")
            let body = try await store.database.withConnection { db in
                try await db.select().column("body").from("case_events").where("case_id", .equal, c1.id).where("sequence", .equal, 1).first()?
                    .decode(column: "body", as: String.self)
            }
            let forged = try #require(body).replacingOccurrences(of: "私搭乱建", with: "无问题")
            try await store.database.withConnection { db in
                try await db.update("case_events").set("body", to: SQLBind(forged)).where("case_id", .equal, c1.id).where("sequence", .equal, 1).run()
            }
            let problems = try await store.verifyEventLog()
            #expect(problems.map(\.caseID) == ["c1"])
            #expect(problems.first?.sequence == 1)
        }
    }

    @Test("a case row edited behind the log's back is found too", arguments: TestDatabase.all)
    func tamperProjection(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            let c = try await Self.filedCase(store)
            try await store.database.withConnection { db in
                let body = try await db.select().column("body").from("cases").where("id", .equal, c.id).first()?.decode(column: "body", as: String.self)
                let forged = (body ?? "").replacingOccurrences(of: "\"status\":\"filed\"", with: "\"status\":\"closed\"")
                try await db.update("cases").set("body", to: SQLBind(forged)).where("id", .equal, c.id).run()
            }
            #expect(try await store.verifyEventLog().map(\.caseID) == [c.id])
        }
    }

    @Test("search filters by status, region, class, text and overdue, and pages", arguments: TestDatabase.all)
    func search(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            for i in 1...5 {
                var report = Self.report("c\(i)", number: "FG2026030200000\(i)")
                report.gridCode = "370303001001001"
                report.subdistrictCode = "370303001"
                report.districtCode = "370303"
                if i == 5 { report.description = "井盖缺失" }
                _ = try await store.createCase(try Self.workflow.report(report, by: Self.inspector, at: Date(timeIntervalSince1970: 1_772_413_200 + Double(i))))
            }
            #expect(try await store.searchCases(CaseQuery(statuses: [.reported])).total == 5)
            #expect(try await store.searchCases(CaseQuery(regionCodes: ["370303"])).total == 5)
            #expect(try await store.searchCases(CaseQuery(regionCodes: ["370302"])).total == 0)
            #expect(try await store.searchCases(CaseQuery(regionCodes: [])).total == 0)
            #expect(try await store.searchCases(CaseQuery(text: "井盖")).items.map(\.id) == ["c5"])
            #expect(try await store.searchCases(CaseQuery(classCodePrefix: "06")).total == 5)
            let page = try await store.searchCases(CaseQuery(sort: .reportedAt, descending: false, page: 2, perPage: 2))
            #expect(page.items.map(\.id) == ["c3", "c4"] && page.pageCount == 3)
            // 立案 limit 60 working minutes from Mon 09:00: overdue an hour later.
            #expect(try await store.searchCases(CaseQuery(overdueAt: Date(timeIntervalSince1970: 1_772_413_200 + 7200))).total == 5)
            #expect(try await store.searchCases(CaseQuery(overdueAt: Date(timeIntervalSince1970: 1_772_413_200 + 60))).total == 0)
        }
    }

    @Test("the bulk path writes whole histories that verify and search like any others", arguments: TestDatabase.all)
    func bulk(_ database: TestDatabase) async throws {
        try await database.withStore { (store: Store) async throws in
            try await store.upsertRegions(RegionTreeFixture.regions, actor: .system)
            let regions = RegionTreeFixture.regions
            let locator = RegionLocator(regions: regions)
            let places = regions.filter { $0.level == .grid }.map { ActivityGenerator.Place(region: $0, chain: locator.chain(from: $0.code)) }
            let matters = try ReferenceData.standardCatalogue().filter { $0.kind == .matter && $0.standard == CatalogueStandard.gb47678 }
            let generator = ActivityGenerator(
                workflow: Self.workflow, places: places, matterClasses: matters,
                teams: [ActivityGenerator.Team(departmentID: "d1", districts: [], meanHours: 8, reworkRate: 0.1)], seed: 3)
            let start = Date(timeIntervalSince1970: 1_767_196_800)
            let schedule = generator.schedule(from: start, to: start.addingTimeInterval(30 * 86_400), first: 0, count: 60)
            let histories = try (0..<60).map { try generator.history(index: $0, schedule: schedule, now: start.addingTimeInterval(40 * 86_400)) }
            try await store.bulkCreateCases(histories)
            #expect(try await store.searchCases(CaseQuery()).total == 60)
            #expect(try await store.verifyEventLog().isEmpty)
            let one = try #require(try await store.caseRecord(id: histories[5][0].caseID))
            #expect(one.version == histories[5].count)
        }
    }
}
