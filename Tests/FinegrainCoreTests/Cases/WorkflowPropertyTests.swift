import Foundation
import Testing

@testable import FinegrainCore

@Suite("Workflow properties — random histories from random roles")
struct WorkflowPropertyTests {
    typealias F = WorkflowFixtures

    static let actors: [CaseActor] = [F.citizen, F.operatorActor, F.inspector, F.leader, F.dispatcher, F.handler, CaseActor(userID: "x", name: "leader", role: .leader)]

    /// Mostly a command the current status accepts (so walks get far), sometimes any command (so
    /// refusals are exercised too).
    static func randomStep(_ c: Case, _ random: inout SeededGenerator) -> (CaseCommand, CaseActor) {
        let anyActor = actors[Int(random.next() % UInt64(actors.count))]
        guard random.nextUnit() < 0.8 else { return (randomCommand(&random, kindIndex: nil), anyActor) }
        for _ in 0..<20 {
            let index = Int(random.next() % 23)
            let command = randomCommand(&random, kindIndex: index)
            guard let rule = F.workflow.rules.rules[command.kind], rule.from.contains(c.status) else { continue }
            let actor = actors.first { $0.role.map(rule.roles.contains) == true } ?? anyActor
            return (command, actor)
        }
        return (randomCommand(&random, kindIndex: nil), anyActor)
    }

    static func randomCommand(_ random: inout SeededGenerator, kindIndex: Int?) -> CaseCommand {
        let photo = [String(repeating: "f", count: 64)]
        let note: String? = random.nextUnit() < 0.9 ? "说明" : nil
        switch kindIndex ?? Int(random.next() % 23) {
        case 0: return .requestVerification(note: note)
        case 1: return .verify(confirmed: random.nextUnit() < 0.8, note: note, photos: photo)
        case 2: return .file(classKind: nil, classCode: nil, urgency: random.nextUnit() < 0.2 ? .urgent : nil, note: note)
        case 3: return .proposeVoid(reason: note ?? "")
        case 4: return .approveVoid(note: note)
        case 5: return .refuseVoid(note: note)
        case 6: return .dispatch(departmentID: "dept", note: note)
        case 7: return .requestReturn(reason: note ?? "")
        case 8: return .approveReturn(note: note)
        case 9: return .refuseReturn(note: note)
        case 10: return .requestExtension(workingMinutes: Int(random.next() % 600) + 1, reason: note ?? "")
        case 11: return .approveExtension(note: note)
        case 12: return .refuseExtension(note: note)
        case 13: return .requestSuspension(reason: note ?? "")
        case 14: return .approveSuspension(note: note)
        case 15: return .refuseSuspension(note: note)
        case 16: return .restore(note: note)
        case 17: return .feedback(result: note ?? "", photos: random.nextUnit() < 0.8 ? photo : [])
        case 18: return .requestCheck(note: note)
        case 19: return .check(passed: random.nextUnit() < 0.6, note: note, photos: photo)
        case 20: return .close(note: note)
        case 21: return .supervise(note: note ?? "")
        default: return .reopen(reason: note ?? "")
        }
    }

    @Test("no sequence of accepted commands reaches an invalid state, and replay rebuilds the projection exactly")
    func randomHistories() throws {
        var random = SeededGenerator(seed: 2026)
        var accepted = 0
        var reached: Set<CaseStatus> = []
        for history in 0..<400 {
            var time = F.at("2026-01-05", 8) .addingTimeInterval(Double(history) * 3_600)
            let source: CaseSource = random.nextUnit() < 0.5 ? .inspector : .citizen
            let reporter = source == .inspector ? F.inspector : F.citizen
            let first = try F.workflow.report(F.report(source: source, urgency: random.nextUnit() < 0.1 ? .emergency : .normal), by: reporter, at: time)
            var events = [first]
            var current = try Case.applying(first, to: nil)
            for _ in 0..<200 {
                time = time.addingTimeInterval(Double(random.next() % 20_000))
                let (command, actor) = Self.randomStep(current, &random)
                guard let event = try? F.workflow.decide(command, on: current, by: actor, at: time) else { continue }
                accepted += 1
                current = try Case.applying(event, to: current)
                events.append(event)
                reached.insert(current.status)
                try Self.checkInvariants(current, events: events)
            }
            #expect(try Case.replay(events) == current)
        }
        // The random walk really moves through the whole loop and its side flows.
        #expect(accepted > 2_000)
        #expect(reached.isSuperset(of: [.verifying, .verified, .filed, .dispatched, .handled, .checking, .checked, .closed, .voided, .suspended, .returnPending, .voidPending]), "\(reached)")
    }

    static func checkInvariants(_ c: Case, events: [CaseEvent]) throws {
        #expect(c.version == events.count)
        #expect(events.enumerated().allSatisfy { $0.element.sequence == $0.offset + 1 })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at })
        switch c.status {
        case .closed, .voided, .merged:
            #expect(c.deadlines.allSatisfy { !$0.isOpen }, "\(c.status) with an open deadline")
        case .dispatched, .handled, .checking, .checked, .returnPending, .suspended:
            #expect(c.departmentID != nil, "\(c.status) without a department")
        default:
            break
        }
        if c.status == .suspended { #expect(c.deadlines.filter(\.isOpen).allSatisfy { $0.pausedAt != nil }) }
        if c.status == .dispatched { #expect(c.deadlines.contains { $0.step == .handle && $0.isOpen && $0.pausedAt == nil }) }
        if c.status == .closed { #expect(c.closedAt != nil) }
        #expect(c.deadlines.filter { $0.isOpen && $0.step == .handle }.count <= 1)
        #expect(c.reworkCount >= 0 && c.supervisionCount >= 0)
    }
}
