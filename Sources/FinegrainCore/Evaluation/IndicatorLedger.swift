import Foundation

/// 指标台账 (the indicator ledger of a period): for every object evaluated, every base count as the
/// list of case ids behind it. Built from case histories, one case at a time, so it can be fed from
/// a stream and rebuilt by anyone from the exported event log.
///
/// Definitions (as of the period's end: later events are ignored, so a past period never changes):
/// - **上报数** reports made in the period; **立案数** first filings in the period; **监督举报核实数** of
///   those, reports from any channel but the inspectors'.
/// - **应结案数** cases whose *closing moment* falls in the period — the closure when the case was
///   closed by its handling deadline, otherwise the deadline itself — so each case is due exactly
///   once; **结案数** of those, closed by the period's end; **按期结案数** closed and handled by the
///   deadline; **超期未结案数** due and still open. Suspended (挂账) cases are not due while suspended.
/// - **应处置数 / 处置数 / 按期处置数** the same for the department's handling step (its feedback);
///   **返工数** failed checks in the period; **派遣数** dispatches to the department in the period.
/// - Inspectors: **上报数 / 有效上报数** their reports and those filed; **应核实 / 按时核实**,
///   **应核查 / 按时核查** tasks sent in the period in their area and done within the step's limit;
///   **漏报数** public reports filed in their area; **责任区立案数** all filings there.
/// - Operators: **受理数** cases they took in (entered or sent to verify); tasks sent, and sent within
///   ``PostTimeLimits``. Shift leaders: filings, on time (the 立案 step limit), accurate (not later
///   voided or merged as a duplicate); closures, on time (``PostTimeLimits/closeMinutes``).
///   Dispatchers: dispatches, on time (the 派遣 step limit), accurate (not returned by the department).
///
/// A ledger refers to its cases by index into ``caseIDs`` (four bytes an entry, not a string), so
/// a month at ten million cases — several hundred thousand cases, each counted for a dozen or more
/// (object, count) pairs — stays a few tens of MiB.
///
/// ```swift
/// var ledger = IndicatorLedger(period: october.label)
/// for history in histories { ledger.record(history, context: context) }
/// ledger.cases(EvaluationSubject(kind: .district, id: "370303"), .closed)   // the 结案 cases
/// ```
public struct IndicatorLedger: Sendable {
    public var period: String
    /// The cases that count for something, in the order they were recorded.
    public private(set) var caseIDs: [String] = []
    /// The hash of each counted case's last event as of the period's end, 32 bytes each in
    /// ``caseIDs`` order: the case inputs of the sheet (the same whichever way the log was read).
    private var lastHashes: [UInt8] = []
    /// Last hashes that are not 64 lower-case hex digits (none in a real log), by case index.
    private var otherHashes: [Int32: String] = [:]
    /// Every base count of every object, as indexes into ``caseIDs``.
    private var entries: [EvaluationSubject: [Indicator: [Int32]]] = [:]
    /// The case being recorded — registered in ``caseIDs`` by its first entry.
    private var recording: (id: String, lastHash: String, index: Int32?)?

    public init(period: String) { self.period = period }

    public func cases(_ subject: EvaluationSubject, _ indicator: Indicator) -> [String] {
        (entries[subject]?[indicator] ?? []).map { caseIDs[Int($0)] }
    }
    public func count(_ subject: EvaluationSubject, _ indicator: Indicator) -> Int { entries[subject]?[indicator]?.count ?? 0 }
    public func subjects(of kind: EvaluationSubject.Kind) -> [EvaluationSubject] { entries.keys.filter { $0.kind == kind }.sorted() }

    /// Every count as case ids (for comparing ledgers; a drill-down asks ``cases(_:_:)``).
    public var counts: [EvaluationSubject: [Indicator: [String]]] {
        entries.mapValues { $0.mapValues { $0.map { caseIDs[Int($0)] } } }
    }

    /// The counted cases with their last hashes, by id: the order the inputs are hashed in.
    public var caseInputs: [EvaluationInputs.CaseInput] {
        caseIDs.indices.sorted { caseIDs[$0] < caseIDs[$1] }.map { EvaluationInputs.CaseInput(id: caseIDs[$0], lastHash: lastHash($0)) }
    }

    /// The counted cases' last hashes by id.
    public var caseHashes: [String: String] {
        Dictionary(caseIDs.indices.map { (caseIDs[$0], lastHash($0)) }, uniquingKeysWith: { $1 })
    }

    private func lastHash(_ index: Int) -> String {
        if let other = otherHashes[Int32(index)] { return other }
        return lastHashes.withUnsafeBytes { Hex.encode(UnsafeRawBufferPointer(rebasing: $0[index * 32..<index * 32 + 32])) }
    }

    /// Forgets the last hashes once the inputs are hashed (a kept ledger only answers drill-downs).
    public mutating func forgetHashes() {
        lastHashes = []
        otherHashes = [:]
    }

    /// Counts the case being recorded for `subject`'s `indicator`.
    mutating func add(_ subject: EvaluationSubject, _ indicator: Indicator) {
        guard var current = recording else { preconditionFailure("an entry outside record(_:context:)") }
        let index: Int32
        if let known = current.index {
            index = known
        } else {
            index = Int32(caseIDs.count)
            caseIDs.append(current.id)
            if let bytes = Hex.decode(current.lastHash), bytes.count == 32, Hex.encode(bytes) == current.lastHash {
                lastHashes += bytes
            } else {
                lastHashes += repeatElement(0, count: 32)
                otherHashes[index] = current.lastHash
            }
            current.index = index
            recording = current
        }
        entries[subject, default: [:]][indicator, default: []].append(index)
    }

    mutating func add(_ subjects: [EvaluationSubject], _ indicator: Indicator) {
        for subject in subjects { add(subject, indicator) }
    }

    /// Adds one case's contribution. `history` is the case's events in order; those at or after the
    /// period's end are ignored. A history that cannot be replayed contributes nothing.
    public mutating func record(_ history: [CaseEvent], context: EvaluationContext) {
        let period = context.period
        let events = history.filter { $0.at < period.end }
        guard let c = try? Case.replay(events) else { return }
        recording = (c.id, c.lastHash, nil)
        defer { recording = nil }
        let regions = context.regions(of: c)
        let inspectors = context.inspectors(covering: regions).map { EvaluationSubject(kind: .inspector, id: $0) }
        let isPublic = c.source != .inspector
        func person(_ kind: EvaluationSubject.Kind, _ actor: CaseActor) -> EvaluationSubject? {
            actor.userID.map { EvaluationSubject(kind: kind, id: $0) }
        }
        func deadline(_ step: CaseStep, startedAt: Date) -> StepDeadline? {
            c.deadlines.last { $0.step == step && $0.startedAt == startedAt }
        }
        func minutes(_ from: Date?, _ to: Date) -> Int? { from.map { context.calendar.workingMinutes(from: $0, to: to) } }

        var department: String?
        var acceptedBy = Set<String>()
        var lastFeedback: Date?
        var lastPassedCheck: Date?
        for (index, e) in events.enumerated() {
            let inPeriod = period.contains(e.at)
            switch CaseCommand.Kind(rawValue: e.type) {
            case nil where e.type == "reported":
                guard inPeriod else { break }
                add(regions, .reported)
                if c.source == .inspector, let reporter = c.reporterUserID ?? e.actor.userID {
                    let subject = EvaluationSubject(kind: .inspector, id: reporter)
                    add(subject, .inspectorReports)
                    if c.filedAt != nil { add(subject, .validReports) }
                }
                if e.actor.role == .operator_, let user = e.actor.userID, acceptedBy.insert(user).inserted {
                    add(EvaluationSubject(kind: .operator, id: user), .accepted)
                }
            case .requestVerification:
                guard inPeriod else { break }
                if let op = person(.operator, e.actor) {
                    if acceptedBy.insert(op.id).inserted { add(op, .accepted) }
                    add(op, .verificationRequests)
                    if let m = minutes(c.reportedAt, e.at), m <= context.limits.verificationRequestMinutes { add(op, .verificationRequestsOnTime) }
                }
                add(inspectors, .verificationsDue)
                if deadline(.verify, startedAt: e.at)?.onTime == true { add(inspectors, .verifiedOnTime) }
            case .file:
                guard inPeriod, c.filedAt == e.at else { break }
                add(regions, .filed)
                add(inspectors, .areaFiled)
                if isPublic {
                    add(regions, .publicReportsFiled)
                    add(inspectors, .missed)
                }
                if let leader = person(.shiftLeader, e.actor) {
                    add(leader, .filedBy)
                    if e.deadlines.last(where: { $0.step == .file && $0.completedAt == e.at })?.onTime == true { add(leader, .filedOnTime) }
                    if c.status != .voided && c.status != .merged { add(leader, .filedAccurately) }
                }
            case .dispatch:
                department = e.payload["department_id"]
                guard inPeriod else { break }
                if let dispatcher = person(.dispatcher, e.actor) {
                    add(dispatcher, .dispatched)
                    if e.deadlines.last(where: { $0.step == .dispatch && $0.completedAt == e.at })?.onTime == true {
                        add(dispatcher, .dispatchedOnTime)
                    }
                    let next = events[(index + 1)...].first { $0.type == CaseCommand.Kind.dispatch.rawValue || $0.type == CaseCommand.Kind.approveReturn.rawValue }
                    if next?.type != CaseCommand.Kind.approveReturn.rawValue { add(dispatcher, .dispatchedAccurately) }
                }
                if let department { add(EvaluationSubject(kind: .department, id: department), .assigned) }
            case .feedback:
                lastFeedback = e.at
            case .requestCheck:
                guard inPeriod else { break }
                if let op = person(.operator, e.actor) {
                    add(op, .checkRequests)
                    if let m = minutes(lastFeedback, e.at), m <= context.limits.checkRequestMinutes { add(op, .checkRequestsOnTime) }
                }
                add(inspectors, .checksDue)
                if deadline(.check, startedAt: e.at)?.onTime == true { add(inspectors, .checkedOnTime) }
            case .check:
                if e.payload["passed"] == "false" {
                    if inPeriod, let department { add(EvaluationSubject(kind: .department, id: department), .reworked) }
                } else {
                    lastPassedCheck = e.at
                }
            case .close:
                guard inPeriod, let leader = person(.shiftLeader, e.actor) else { break }
                add(leader, .closedBy)
                if let m = minutes(lastPassedCheck, e.at), m <= context.limits.closeMinutes { add(leader, .closedByOnTime) }
            default:
                break
            }
        }

        // The closing and handling moments, from the case as it stood at the period's end.
        guard let handle = c.deadlines.last(where: { $0.step == .handle }), handle.pausedAt == nil else { return }
        let owner = c.departmentID.map { [EvaluationSubject(kind: .department, id: $0)] } ?? []
        let closedAt = c.status == .closed ? c.closedAt : nil
        if period.contains(min(closedAt ?? handle.dueAt, handle.dueAt)) {
            add(regions + owner, .dueToClose)
            if closedAt != nil {
                add(regions + owner, .closed)
                if handle.onTime == true { add(regions + owner, .closedOnTime) }
            } else {
                add(regions + owner, .overdueOpen)
            }
        }
        if period.contains(min(handle.completedAt ?? handle.dueAt, handle.dueAt)) {
            add(owner, .dueToHandle)
            if handle.completedAt != nil { add(owner, .handled) }
            if handle.onTime == true { add(owner, .handledOnTime) }
        }
    }
}
