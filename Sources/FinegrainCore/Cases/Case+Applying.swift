import Foundation

extension Case {
    /// The case after `event`: the projection rule. `previous` is `nil` for the first event.
    ///
    /// Pure and total over well-formed histories: replaying a case's events from `nil` always
    /// rebuilds exactly the stored row (a property the tests check on random histories).
    public static func applying(_ event: CaseEvent, to previous: Case?) throws(CaseReplayError) -> Case {
        let p = event.payload
        guard var current = previous else {
            guard event.type == "reported", event.sequence == 1 else { throw CaseReplayError(caseID: event.caseID, sequence: event.sequence, reason: "a history must start with a report") }
            guard let source = CaseSource(rawValue: p["source"] ?? ""), let kind = ClassKind(rawValue: p["class_kind"] ?? ""),
                let urgency = Urgency(rawValue: p["urgency"] ?? ""), let lon = Double(p["lon"] ?? ""), let lat = Double(p["lat"] ?? "")
            else { throw CaseReplayError(caseID: event.caseID, sequence: 1, reason: "the report lacks source, class, urgency or location") }
            return Case(
                id: event.caseID, number: p["number"] ?? event.caseID, source: source, hotlineTicket: p["hotline_ticket"], classKind: kind,
                classCode: p["class_code"] ?? "", urgency: urgency, description: p["description"] ?? "", location: Coordinate(lon: lon, lat: lat),
                address: p["address"], gridCode: p["grid_code"], communityCode: p["community_code"], subdistrictCode: p["subdistrict_code"],
                districtCode: p["district_code"], reporterName: p["reporter_name"], reporterPhone: p["reporter_phone"],
                reporterUserID: p["reporter_user_id"], componentID: p["component_id"],
                attributes: p["attributes"].flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }, photos: Self.list(p["photos"]), resultPhotos: [], status: event.status,
                departmentID: nil, deadlines: event.deadlines, pendingExtensionMinutes: nil, pendingSuspension: false,
                statusBeforeRequest: nil, reworkCount: 0, supervisionCount: 0, selfHandled: p["self_handled"] == "true", mergedInto: nil, satisfaction: nil,
                duplicates: [], reportedAt: event.at, filedAt: nil, closedAt: nil, updatedAt: event.at, version: 1, lastHash: event.hash)
        }
        guard event.caseID == current.id, event.sequence == current.version + 1 else {
            throw CaseReplayError(caseID: event.caseID, sequence: event.sequence, reason: "out of order (expected \(current.version + 1))")
        }
        guard let kind = CaseCommand.Kind(rawValue: event.type) else {
            throw CaseReplayError(caseID: event.caseID, sequence: event.sequence, reason: "unknown event type \(event.type)")
        }
        switch kind {
        case .file:
            if let k = p["class_kind"].flatMap(ClassKind.init(rawValue:)) { current.classKind = k }
            if let code = p["class_code"] { current.classCode = code }
            if let u = p["urgency"].flatMap(Urgency.init(rawValue:)) { current.urgency = u }
            current.filedAt = current.filedAt ?? event.at
        case .proposeVoid, .requestReturn:
            current.statusBeforeRequest = current.status
        case .refuseVoid, .approveVoid, .approveReturn, .refuseReturn:
            current.statusBeforeRequest = nil
            if kind == .approveReturn { current.departmentID = nil }
        case .dispatch:
            current.departmentID = p["department_id"]
        case .requestExtension:
            current.pendingExtensionMinutes = p["working_minutes"].flatMap(Int.init)
        case .approveExtension, .refuseExtension:
            current.pendingExtensionMinutes = nil
        case .requestSuspension:
            current.pendingSuspension = true
        case .approveSuspension, .refuseSuspension:
            current.pendingSuspension = false
        case .feedback:
            current.resultPhotos += Self.list(p["photos"])
        case .check:
            current.resultPhotos += Self.list(p["photos"])
            if p["passed"] == "false" { current.reworkCount += 1 }
        case .verify:
            current.resultPhotos += Self.list(p["photos"])
        case .close:
            current.closedAt = event.at
        case .reopen:
            current.closedAt = nil
        case .supervise:
            current.supervisionCount += 1
        case .markMerged:
            current.mergedInto = p["into"]
        case .recordCallback:
            current.satisfaction = p["satisfaction"].flatMap(Satisfaction.init(rawValue:))
        case .absorbDuplicate:
            if let id = p["duplicate_case_id"] { current.duplicates.append(id) }
        case .requestVerification, .restore, .requestCheck:
            break
        }
        current.status = event.status
        current.deadlines = event.deadlines
        current.updatedAt = event.at
        current.version = event.sequence
        current.lastHash = event.hash
        return current
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
    }

    /// Replays a whole history.
    public static func replay(_ events: [CaseEvent]) throws(CaseReplayError) -> Case? {
        var current: Case?
        for event in events { current = try applying(event, to: current) }
        return current
    }
}

/// A history that cannot be replayed (out of order, unknown type, malformed report).
public struct CaseReplayError: Error, Sendable, Hashable, CustomStringConvertible {
    public var caseID: String
    public var sequence: Int
    public var reason: String
    public var description: String { "case \(caseID) event \(sequence): \(reason)" }
}
