public import Foundation

/// 流程 (the workflow): a pure state machine. Given a case, a command, an actor and a time, it
/// returns the one event that records the step — with its deadlines computed on the working
/// calendar — or a typed ``WorkflowError``. It reads nothing and writes nothing.
///
/// ```swift
/// let workflow = Workflow(rules: .standard, policy: .standard, calendar: calendar)
/// let first = try workflow.report(report, by: inspector, at: now)
/// var current = try Case.applying(first, to: nil)
/// let next = try workflow.decide(.file(classKind: nil, classCode: nil, urgency: nil, note: nil), on: current, by: leader, at: later)
/// current = try Case.applying(next, to: current)
/// ```
public struct Workflow: Sendable {
    public var rules: WorkflowRules
    /// The deadline policy versions; a step takes its limit from the version in force when it starts.
    public var policies: DeadlinePolicyBook
    public var calendar: WorkingCalendar

    public init(rules: WorkflowRules, policies: DeadlinePolicyBook, calendar: WorkingCalendar) {
        self.rules = rules
        self.policies = policies
        self.calendar = calendar
    }

    /// A workflow with one deadline policy.
    public init(rules: WorkflowRules, policy: DeadlinePolicy, calendar: WorkingCalendar) {
        self.init(rules: rules, policies: DeadlinePolicyBook([policy]), calendar: calendar)
    }

    /// The policy in force at `time`.
    public func policy(at time: Date) -> DeadlinePolicy { policies.policy(on: calendar.localDate(of: time)) }

    // MARK: Intake

    /// The first event of a new case.
    public func report(_ report: CaseReport, by actor: CaseActor, at time: Date) throws(WorkflowError) -> CaseEvent {
        let now = time.truncatedToMilliseconds
        if let role = actor.role, let allowed = rules.reporters[report.source], !allowed.contains(role) {
            let names = allowed.map(\.nameEN).sorted().joined(separator: ", ")
            let namesZH = allowed.map(\.nameZH).sorted().joined(separator: "、")
            throw WorkflowError(
                .invalidField(
                    field: "source", problem: "reports through \(report.source.rawValue) may be made only by: \(names)",
                    problemZH: "通过「\(report.source.nameZH)」上报只能由\(namesZH)进行"))
        }
        let description = report.description.trimmed()
        guard (1...2000).contains(description.count) else {
            throw WorkflowError(.invalidField(field: "description", problem: "must have 1 to 2000 characters", problemZH: "须为 1 到 2000 个字符"))
        }
        guard report.location.lon.isFinite, report.location.lat.isFinite, (-180...180).contains(report.location.lon),
            (-90...90).contains(report.location.lat)
        else {
            throw WorkflowError(.invalidField(field: "location", problem: "is not a valid lon/lat", problemZH: "不是有效的经纬度"))
        }
        if report.selfHandled {
            guard report.source == .inspector else {
                throw WorkflowError(.invalidField(field: "self_handled", problem: "is only for inspectors' reports", problemZH: "仅适用于监督员上报"))
            }
            guard !report.photos.isEmpty else {
                throw WorkflowError(.invalidField(field: "photos", problem: "are required for a self-handled report", problemZH: "自处理案件须附照片"))
            }
        }
        var payload: [String: String] = [
            "number": report.number, "source": report.source.rawValue, "class_kind": report.classKind.rawValue,
            "class_code": report.classCode, "urgency": report.urgency.rawValue, "description": description,
            "lon": String(report.location.lon), "lat": String(report.location.lat), "photos": report.photos.joined(separator: ","),
            "self_handled": String(report.selfHandled),
        ]
        payload["hotline_ticket"] = report.hotlineTicket
        payload["address"] = report.address
        payload["grid_code"] = report.gridCode
        payload["community_code"] = report.communityCode
        payload["subdistrict_code"] = report.subdistrictCode
        payload["district_code"] = report.districtCode
        payload["reporter_name"] = report.reporterName
        payload["reporter_phone"] = report.reporterPhone
        payload["reporter_user_id"] = report.reporterUserID
        payload["component_id"] = report.componentID
        if !report.attributes.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            payload["attributes"] = (try? encoder.encode(report.attributes)).map { String(decoding: $0, as: UTF8.self) }
        }
        var deadlines: [StepDeadline] = []
        if !report.selfHandled {
            deadlines.append(open(.file, kind: report.classKind, code: report.classCode, urgency: report.urgency, at: now))
        }
        return CaseEvent(
            caseID: report.id, sequence: 1, type: "reported", at: now, actor: actor, payload: payload,
            status: report.selfHandled ? .checked : .reported, deadlines: deadlines)
    }

    // MARK: Commands

    /// The event that records `command` on `current`, or why it is refused.
    public func decide(_ command: CaseCommand, on current: Case, by actor: CaseActor, at time: Date) throws(WorkflowError) -> CaseEvent {
        let now = max(time.truncatedToMilliseconds, current.updatedAt)
        let kind = command.kind
        guard let rule = rules.rules[kind] else { throw WorkflowError(.roleNotAllowed(command: kind, allowed: [])) }
        if let role = actor.role, !rule.roles.contains(role) { throw WorkflowError(.roleNotAllowed(command: kind, allowed: rule.roles)) }
        guard rule.from.contains(current.status) else { throw WorkflowError(.wrongStatus(command: kind, status: current.status)) }

        var payload: [String: String] = [:]
        var status = current.status
        var deadlines = current.deadlines
        let (note, photos) = Self.noteAndPhotos(command)
        if rule.requiresNote && (note?.trimmed().isEmpty ?? true) {
            throw WorkflowError(.invalidField(field: "note", problem: "is required", problemZH: "为必填项"))
        }
        if rule.requiresPhoto && photos.isEmpty {
            throw WorkflowError(.invalidField(field: "photos", problem: "at least one photo is required", problemZH: "至少需要一张照片"))
        }
        if let note { payload["note"] = String(note.prefix(2000)) }
        if !photos.isEmpty { payload["photos"] = photos.joined(separator: ",") }
        var classKind = current.classKind, classCode = current.classCode, urgency = current.urgency

        switch command {
        case .requestVerification:
            status = .verifying
            deadlines.append(open(.verify, kind: classKind, code: classCode, urgency: urgency, at: now))
        case .verify(let confirmed, _, _):
            payload["confirmed"] = String(confirmed)
            complete(.verify, in: &deadlines, at: now)
            status = .verified
        case .file(let newKind, let newCode, let newUrgency, _):
            if rules.verifyPublicReports && current.source.needsVerification && current.status == .reported {
                throw WorkflowError(.invalidField(field: "status", problem: "a public report must be verified before filing", problemZH: "公众举报须先核实再立案"))
            }
            if let newKind { classKind = newKind; payload["class_kind"] = newKind.rawValue }
            if let newCode {
                guard newCode.allSatisfy(\.isNumber), (4...8).contains(newCode.count) else {
                    throw WorkflowError(.invalidField(field: "class_code", problem: "must be 4 to 8 digits", problemZH: "须为 4 到 8 位数字"))
                }
                classCode = newCode
                payload["class_code"] = newCode
            }
            if let newUrgency { urgency = newUrgency; payload["urgency"] = newUrgency.rawValue }
            complete(.file, in: &deadlines, at: now)
            complete(.verify, in: &deadlines, at: now)
            deadlines.append(open(.dispatch, kind: classKind, code: classCode, urgency: urgency, at: now))
            status = .filed
        case .proposeVoid:
            payload["from_status"] = current.status.rawValue
            status = .voidPending
        case .approveVoid:
            status = .voided
            completeAll(in: &deadlines, at: now)
        case .refuseVoid:
            status = current.statusBeforeRequest ?? .reported
        case .dispatch(let departmentID, _):
            let department = departmentID.trimmingCharacters(in: .whitespaces)
            guard !department.isEmpty else {
                throw WorkflowError(.invalidField(field: "department_id", problem: "is required", problemZH: "为必填项"))
            }
            payload["department_id"] = department
            complete(.dispatch, in: &deadlines, at: now)
            deadlines.append(open(.handle, kind: classKind, code: classCode, urgency: urgency, at: now))
            status = .dispatched
        case .requestReturn:
            payload["from_status"] = current.status.rawValue
            status = .returnPending
        case .approveReturn:
            payload["returned_by"] = current.departmentID ?? ""
            complete(.handle, in: &deadlines, at: now)
            deadlines.append(open(.dispatch, kind: classKind, code: classCode, urgency: urgency, at: now))
            status = .filed
        case .refuseReturn:
            status = .dispatched
        case .requestExtension(let minutes, _):
            guard current.pendingExtensionMinutes == nil else { throw WorkflowError(.alreadyPending("extension")) }
            guard (1...(30 * 24 * 60)).contains(minutes) else {
                throw WorkflowError(.invalidField(field: "working_minutes", problem: "must be between 1 and 43200", problemZH: "须在 1 到 43200 之间"))
            }
            payload["working_minutes"] = String(minutes)
        case .approveExtension:
            guard let minutes = current.pendingExtensionMinutes else { throw WorkflowError(.nothingPending("extension")) }
            payload["working_minutes"] = String(minutes)
            for i in deadlines.indices where deadlines[i].step == .handle && deadlines[i].isOpen {
                let extra: WorkDuration = deadlines[i].limit.isNatural ? .naturalMinutes(minutes) : .workingMinutes(minutes)
                deadlines[i].dueAt = calendar.adding(extra, to: deadlines[i].dueAt).truncatedToMilliseconds
                deadlines[i].extendedMinutes += minutes
            }
        case .refuseExtension:
            guard current.pendingExtensionMinutes != nil else { throw WorkflowError(.nothingPending("extension")) }
        case .requestSuspension:
            guard !current.pendingSuspension else { throw WorkflowError(.alreadyPending("suspension")) }
        case .approveSuspension:
            guard current.pendingSuspension else { throw WorkflowError(.nothingPending("suspension")) }
            for i in deadlines.indices where deadlines[i].isOpen {
                deadlines[i].pausedAt = now
                deadlines[i].remainingMinutesAtPause = remainingMinutes(deadlines[i], at: now)
            }
            status = .suspended
        case .refuseSuspension:
            guard current.pendingSuspension else { throw WorkflowError(.nothingPending("suspension")) }
        case .restore:
            for i in deadlines.indices where deadlines[i].isOpen && deadlines[i].pausedAt != nil {
                let remaining = deadlines[i].remainingMinutesAtPause ?? 0
                let duration: WorkDuration = deadlines[i].limit.isNatural ? .naturalMinutes(remaining) : .workingMinutes(remaining)
                deadlines[i].dueAt = calendar.adding(duration, to: now).truncatedToMilliseconds
                deadlines[i].pausedAt = nil
                deadlines[i].remainingMinutesAtPause = nil
            }
            status = .dispatched
        case .feedback(let result, _):
            payload["result"] = String(result.prefix(2000))
            complete(.handle, in: &deadlines, at: now)
            status = .handled
        case .requestCheck:
            deadlines.append(open(.check, kind: classKind, code: classCode, urgency: urgency, at: now))
            status = .checking
        case .check(let passed, _, _):
            payload["passed"] = String(passed)
            complete(.check, in: &deadlines, at: now)
            if passed {
                status = .checked
            } else {
                deadlines.append(open(.handle, kind: classKind, code: classCode, urgency: urgency, at: now))
                status = .dispatched
            }
        case .close:
            completeAll(in: &deadlines, at: now)
            status = .closed
        case .supervise:
            break
        case .reopen:
            deadlines.append(open(.dispatch, kind: classKind, code: classCode, urgency: urgency, at: now))
            status = .filed
        case .markMerged(let target):
            guard target != current.id, !target.isEmpty else {
                throw WorkflowError(.invalidField(field: "into", problem: "must be another case", problemZH: "须为另一案件"))
            }
            payload["into"] = target
            completeAll(in: &deadlines, at: now)
            status = .merged
        case .recordCallback(let satisfaction, _):
            payload["satisfaction"] = satisfaction.rawValue
        case .absorbDuplicate(let caseID, let number, let source):
            payload["duplicate_case_id"] = caseID
            payload["duplicate_number"] = number
            payload["duplicate_source"] = source.rawValue
        }
        return CaseEvent(
            caseID: current.id, sequence: current.version + 1, type: kind.rawValue, at: now, actor: actor, payload: payload, status: status,
            deadlines: deadlines, previousHash: current.lastHash)
    }

    /// The light of a case's most pressing open step at `time`, with the fraction of its limit used.
    public func light(of current: Case, at time: Date) -> (light: DeadlineLight, fraction: Double, step: CaseStep)? {
        guard let deadline = current.openDeadline else { return nil }
        let end = deadline.pausedAt ?? time
        let used: Double
        let total: Double
        if deadline.limit.isNatural {
            used = end.timeIntervalSince(deadline.startedAt)
            total = deadline.dueAt.timeIntervalSince(deadline.startedAt)
        } else {
            used = Double(calendar.workingMinutes(from: deadline.startedAt, to: end))
            total = Double(calendar.workingMinutes(from: deadline.startedAt, to: deadline.dueAt))
        }
        let fraction = total > 0 ? used / total : (end >= deadline.dueAt ? 1 : 0)
        return (policy(at: deadline.startedAt).light(forFraction: fraction), fraction, deadline.step)
    }

    // MARK: Helpers

    private func open(_ step: CaseStep, kind: ClassKind, code: String, urgency: Urgency, at now: Date) -> StepDeadline {
        let limit = policy(at: now).limit(for: step, classKind: kind, classCode: code, urgency: urgency)
        return StepDeadline(step: step, startedAt: now, dueAt: calendar.adding(limit, to: now).truncatedToMilliseconds, limit: limit)
    }

    private func complete(_ step: CaseStep, in deadlines: inout [StepDeadline], at now: Date) {
        for i in deadlines.indices where deadlines[i].step == step && deadlines[i].isOpen { deadlines[i].completedAt = now }
    }

    private func completeAll(in deadlines: inout [StepDeadline], at now: Date) {
        for i in deadlines.indices where deadlines[i].isOpen { deadlines[i].completedAt = now }
    }

    private func remainingMinutes(_ deadline: StepDeadline, at now: Date) -> Int {
        if deadline.limit.isNatural { return max(0, Int((deadline.dueAt.timeIntervalSince(now) / 60).rounded(.up))) }
        return calendar.workingMinutes(from: now, to: deadline.dueAt)
    }

    private static func noteAndPhotos(_ command: CaseCommand) -> (String?, [String]) {
        switch command {
        case .requestVerification(let note), .approveVoid(let note), .refuseVoid(let note), .approveReturn(let note),
            .refuseReturn(let note), .approveExtension(let note), .refuseExtension(let note), .approveSuspension(let note),
            .refuseSuspension(let note), .restore(let note), .requestCheck(let note), .close(let note), .recordCallback(_, let note):
            return (note, [])
        case .file(_, _, _, let note), .dispatch(_, let note): return (note, [])
        case .verify(_, let note, let photos), .check(_, let note, let photos): return (note, photos)
        case .proposeVoid(let reason), .requestReturn(let reason), .requestSuspension(let reason), .reopen(let reason),
            .supervise(let reason):
            return (reason, [])
        case .requestExtension(_, let reason): return (reason, [])
        case .feedback(let result, let photos): return (result, photos)
        case .markMerged, .absorbDuplicate: return (nil, [])
        }
    }
}

extension WorkDuration {
    /// Counted in wall-clock time rather than on the working calendar.
    public var isNatural: Bool {
        if case .naturalMinutes = self { return true }
        return false
    }
}
