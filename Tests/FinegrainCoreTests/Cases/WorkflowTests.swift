import Foundation
import Testing

@testable import FinegrainCore

@Suite("Workflow — the seven steps on the 2026 working calendar, computed by hand")
struct WorkflowTests {
    typealias F = WorkflowFixtures

    @Test("report → verify → file → dispatch across the Spring Festival, with every deadline as computed by hand")
    func loopAcrossSpringFestival() throws {
        // Fri 2026-02-13 16:00: 立案 limit 60 working minutes → 17:00 the same day.
        var c = try Case.applying(try F.workflow.report(F.report(), by: F.citizen, at: F.at("2026-02-13", 16)), to: nil)
        #expect(c.status == .reported)
        #expect(c.openDeadline?.step == .file)
        #expect(c.openDeadline?.dueAt == F.at("2026-02-13", 17))

        // A public report must be verified before filing.
        #expect(throws: WorkflowError.self) { try F.step(c, .file(classKind: nil, classCode: nil, urgency: nil, note: nil), F.leader, F.at("2026-02-13", 16, 5)) }

        // 16:10 核实 sent: 30 working minutes → 16:40.
        c = try F.step(c, .requestVerification(note: nil), F.operatorActor, F.at("2026-02-13", 16, 10))
        #expect(c.status == .verifying)
        #expect(c.deadlines.first { $0.step == .verify }?.dueAt == F.at("2026-02-13", 16, 40))
        c = try F.step(c, .verify(confirmed: true, note: "属实", photos: []), F.inspector, F.at("2026-02-13", 16, 30))
        #expect(c.deadlines.first { $0.step == .verify }?.onTime == true)

        // Filed at 17:20, after its 17:00 deadline: late. 派遣 60 min: 10 min on Friday (17:20–17:30),
        // then Saturday 02-14 is a makeup working day: 08:30 + 50 = 09:20.
        c = try F.step(c, .file(classKind: nil, classCode: nil, urgency: nil, note: nil), F.leader, F.at("2026-02-13", 17, 20))
        #expect(c.status == .filed)
        #expect(c.deadlines.first { $0.step == .file }?.onTime == false)
        #expect(c.openDeadline?.dueAt == F.at("2026-02-14", 9, 20))

        // Dispatched Sat 09:00. 处置 2 working days = 900 min: Saturday has 180 (09:00–12:00) + 240
        // (13:30–17:30) = 420; 02-15…02-23 are the holiday; Tue 02-24 gives 450 (870); the last 30
        // minutes fall on Wed 02-25: 08:30 + 30 = 09:00.
        c = try F.step(c, .dispatch(departmentID: "dept", note: nil), F.dispatcher, F.at("2026-02-14", 9))
        #expect(c.status == .dispatched)
        #expect(c.departmentID == "dept")
        #expect(c.deadlines.first { $0.step == .dispatch }?.onTime == true)
        #expect(c.openDeadline?.step == .handle)
        #expect(c.openDeadline?.dueAt == F.at("2026-02-25", 9))
    }

    @Test("across National Day: dispatched Wed 09-30 15:00, two working days end Fri 10-09 15:00")
    func nationalDay() throws {
        // 09-30: 15:00–17:30 = 150; 10-01…10-07 holiday; Thu 10-08: 450 (600); Fri 10-09: 300 more →
        // 08:30–12:00 (210) + 13:30 + 90 = 15:00. (Sat 10-10 would be a makeup working day.)
        let c = try Self.dispatched(at: F.at("2026-09-30", 15))
        #expect(c.openDeadline?.dueAt == F.at("2026-10-09", 15))
        // And an adjusted working Sunday (09-20) counts: dispatched Sat 09-19 09:00 (not a working
        // day) starts on Sun 09-20 08:30; 900 min → Sun 450, Mon 09-21 450 → 17:30.
        let d = try Self.dispatched(at: F.at("2026-09-19", 9))
        #expect(d.openDeadline?.dueAt == F.at("2026-09-21", 17, 30))
    }

    static func dispatched(at time: Date) throws -> Case {
        var c = try Case.applying(try F.workflow.report(F.report(source: .inspector), by: F.inspector, at: time), to: nil)
        c = try F.step(c, .file(classKind: nil, classCode: nil, urgency: nil, note: nil), F.leader, time)
        return try F.step(c, .dispatch(departmentID: "dept", note: nil), F.dispatcher, time)
    }

    @Test("a failed check sends the case back (返工) with a new handling clock, and is counted")
    func rework() throws {
        // Dispatched Mon 2026-03-02 09:00 (an inspector's own report needs no verification).
        var c = try Self.dispatched(at: F.at("2026-03-02", 9))
        #expect(throws: WorkflowError.self) { try F.step(c, .feedback(result: "已清理", photos: []), F.handler, F.at("2026-03-02", 10)) }
        c = try F.step(c, .feedback(result: "已清理", photos: [String(repeating: "a", count: 64)]), F.handler, F.at("2026-03-02", 10))
        #expect(c.status == .handled)
        c = try F.step(c, .requestCheck(note: nil), F.operatorActor, F.at("2026-03-02", 10, 5))
        #expect(c.openDeadline?.dueAt == F.at("2026-03-02", 10, 35))
        c = try F.step(c, .check(passed: false, note: "未清理干净", photos: [String(repeating: "b", count: 64)]), F.inspector, F.at("2026-03-02", 10, 30))
        #expect(c.status == .dispatched)
        #expect(c.reworkCount == 1)
        // New 处置 clock from 10:30 Mon: 900 min → Mon 10:30–12:00 (90) + 240 = 330; Tue 450 = 780;
        // Wed 08:30 + 120 = 10:30.
        #expect(c.openDeadline?.dueAt == F.at("2026-03-04", 10, 30))
        c = try F.step(c, .feedback(result: "已返工", photos: [String(repeating: "c", count: 64)]), F.handler, F.at("2026-03-03", 9))
        c = try F.step(c, .requestCheck(note: nil), F.operatorActor, F.at("2026-03-03", 9, 10))
        c = try F.step(c, .check(passed: true, note: nil, photos: [String(repeating: "d", count: 64)]), F.inspector, F.at("2026-03-03", 9, 30))
        #expect(c.status == .checked)
        c = try F.step(c, .close(note: nil), F.leader, F.at("2026-03-03", 10))
        #expect(c.status == .closed)
        #expect(c.closedAt == F.at("2026-03-03", 10))
        #expect(c.deadlines.allSatisfy { !$0.isOpen })
        #expect(c.resultPhotos.count == 4)
    }

    @Test("an approved extension moves the handling deadline by working time; a second request waits for the first")
    func extensionApproved() throws {
        var c = try Self.dispatched(at: F.at("2026-03-02", 9))
        let due = try #require(c.openDeadline?.dueAt)  // Wed 03-04 09:00
        #expect(due == F.at("2026-03-04", 9))
        c = try F.step(c, .requestExtension(workingMinutes: 240, reason: "需协调产权单位"), F.handler, F.at("2026-03-02", 11))
        #expect(throws: WorkflowError.self) { try F.step(c, .requestExtension(workingMinutes: 60, reason: "再延"), F.handler, F.at("2026-03-02", 11, 5)) }
        c = try F.step(c, .approveExtension(note: nil), F.dispatcher, F.at("2026-03-02", 11, 30))
        // 09:00 Wed + 240 working minutes: 09:00–12:00 (180) + 13:30 + 60 = 14:30.
        #expect(c.openDeadline?.dueAt == F.at("2026-03-04", 14, 30))
        #expect(c.openDeadline?.extendedMinutes == 240)
        #expect(c.pendingExtensionMinutes == nil)
    }

    @Test("a suspension (挂账) pauses the clock; restoring resumes it with the working time that was left")
    func suspension() throws {
        var c = try Self.dispatched(at: F.at("2026-03-02", 9))  // due Wed 03-04 09:00
        c = try F.step(c, .requestSuspension(reason: "冬季无法施工"), F.handler, F.at("2026-03-02", 10))
        c = try F.step(c, .approveSuspension(note: nil), F.dispatcher, F.at("2026-03-02", 11))
        #expect(c.status == .suspended)
        // Left at Mon 11:00: Mon 60 + 240 = 300, Tue 450, Wed 30 → 780 working minutes.
        #expect(c.openDeadline?.remainingMinutesAtPause == 780)
        #expect(throws: WorkflowError.self) { try F.step(c, .feedback(result: "x", photos: ["p"]), F.handler, F.at("2026-03-09", 9)) }
        // Restored Mon 03-09 09:00: 780 → Mon 09:00–12:00 (180) + 240 = 420; Tue 03-10 450 = 870 > 780,
        // so Tue 08:30 + 360: 08:30–12:00 (210) + 13:30 + 150 = 16:00.
        c = try F.step(c, .restore(note: nil), F.dispatcher, F.at("2026-03-09", 9))
        #expect(c.status == .dispatched)
        #expect(c.openDeadline?.dueAt == F.at("2026-03-10", 16))
        #expect(c.openDeadline?.pausedAt == nil)
    }

    @Test("an emergency counts in natural time, holidays or not")
    func emergency() throws {
        let c = try Case.applying(
            try F.workflow.report(F.report(source: .inspector, urgency: .emergency), by: F.inspector, at: F.at("2026-02-16", 3)), to: nil)
        // 立案 for emergencies: 30 natural minutes, on a holiday at 03:00.
        #expect(c.openDeadline?.dueAt == F.at("2026-02-16", 3, 30))
    }

    @Test("refusals: the wrong role, the wrong status, a missing field, each typed and bilingual")
    func refusals() throws {
        let c = try Self.dispatched(at: F.at("2026-03-02", 9))
        do {
            _ = try F.workflow.decide(.close(note: nil), on: c, by: F.dispatcher, at: F.at("2026-03-02", 10))
            Issue.record("a dispatcher closed a case")
        } catch {
            guard case .roleNotAllowed = error.reason else { Issue.record("wrong reason \(error)"); return }
            #expect(error.descriptionZH.contains("值班长"))
        }
        do {
            _ = try F.workflow.decide(.close(note: nil), on: c, by: F.leader, at: F.at("2026-03-02", 10))
            Issue.record("a dispatched case was closed")
        } catch {
            guard case .wrongStatus(_, let status) = error.reason else { Issue.record("wrong reason \(error)"); return }
            #expect(status == .dispatched)
        }
        #expect(throws: WorkflowError.self) { try F.step(c, .requestReturn(reason: " "), F.handler, F.at("2026-03-02", 10)) }
        #expect(throws: WorkflowError.self) { try F.step(c, .supervise(note: ""), F.leader, F.at("2026-03-02", 10)) }
    }

    @Test("lights: green below 80 %, yellow to 100 %, red after; paused clocks do not move")
    func lights() throws {
        let c = try Self.dispatched(at: F.at("2026-03-02", 9))  // 900 working minutes to Wed 09:00
        #expect(F.workflow.light(of: c, at: F.at("2026-03-02", 10))?.light == .green)
        #expect(F.workflow.light(of: c, at: F.at("2026-03-03", 15))?.light == .yellow)  // 330 + 390 = 720 = 80 %
        #expect(F.workflow.light(of: c, at: F.at("2026-03-04", 9))?.light == .red)
    }
}
