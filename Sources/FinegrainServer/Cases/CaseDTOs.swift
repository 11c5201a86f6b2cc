import FinegrainCore
import Foundation
import Hummingbird

/// A case as the API shows it; the reporter's personal data only when the caller may see it.
struct CaseDTO: ResponseEncodable, Codable, Sendable {
    struct DeadlineDTO: Codable, Sendable {
        var step: String
        var stepName: String
        var startedAt: Date
        var dueAt: Date
        var completedAt: Date?
        var onTime: Bool?
        var paused: Bool
        var extendedMinutes: Int

        enum CodingKeys: String, CodingKey {
            case step, paused
            case stepName = "step_name"
            case startedAt = "started_at"
            case dueAt = "due_at"
            case completedAt = "completed_at"
            case onTime = "on_time"
            case extendedMinutes = "extended_minutes"
        }
    }

    struct LightDTO: Codable, Sendable {
        var color: String
        var fraction: Double
        var step: String
    }

    struct ReporterDTO: Codable, Sendable {
        var name: String?
        var phone: String?
    }

    var id: String
    var number: String
    var source: String
    var sourceName: String
    var hotlineTicket: String?
    var classKind: String
    var classCode: String
    var className: String?
    var urgency: String
    var description: String
    var location: [Double]
    var address: String?
    var gridCode: String?
    var communityCode: String?
    var subdistrictCode: String?
    var districtCode: String?
    var reporter: ReporterDTO?
    var reporterRedacted: Bool
    var componentID: String?
    var photos: [String]
    var resultPhotos: [String]
    var status: String
    var statusName: String
    var departmentID: String?
    var deadlines: [DeadlineDTO]
    var light: LightDTO?
    var pendingExtensionMinutes: Int?
    var pendingSuspension: Bool
    var reworkCount: Int
    var supervisionCount: Int
    var selfHandled: Bool
    var mergedInto: String?
    var satisfaction: String?
    var duplicates: [String]
    var reportedAt: Date
    var filedAt: Date?
    var closedAt: Date?
    var updatedAt: Date
    var version: Int
    /// The steps the caller may take now.
    var actions: [String]?
    /// This case's members as JSON, written ahead (``CaseJSONCache``); not a member itself.
    var segments: CaseJSONSegments? = nil

    init(_ c: Case, className: String?, showReporter: Bool, light: (light: DeadlineLight, fraction: Double, step: CaseStep)?, actions: [String]? = nil) {
        id = c.id
        number = c.number
        source = c.source.rawValue
        sourceName = c.source.nameZH
        hotlineTicket = c.hotlineTicket
        classKind = c.classKind.rawValue
        classCode = c.classCode
        self.className = className
        urgency = c.urgency.rawValue
        description = c.description
        location = [c.location.lon, c.location.lat]
        address = c.address
        gridCode = c.gridCode
        communityCode = c.communityCode
        subdistrictCode = c.subdistrictCode
        districtCode = c.districtCode
        let hasReporter = c.reporterName != nil || c.reporterPhone != nil
        reporter = showReporter && hasReporter ? ReporterDTO(name: c.reporterName, phone: c.reporterPhone) : nil
        reporterRedacted = !showReporter && hasReporter
        componentID = c.componentID
        photos = c.photos
        resultPhotos = c.resultPhotos
        status = c.status.rawValue
        statusName = c.status.nameZH
        departmentID = c.departmentID
        deadlines = c.deadlines.map {
            DeadlineDTO(
                step: $0.step.rawValue, stepName: $0.step.nameZH, startedAt: $0.startedAt, dueAt: $0.dueAt, completedAt: $0.completedAt,
                onTime: $0.onTime, paused: $0.pausedAt != nil, extendedMinutes: $0.extendedMinutes)
        }
        self.light = light.map { LightDTO(color: $0.light.rawValue, fraction: ($0.fraction * 1000).rounded() / 1000, step: $0.step.rawValue) }
        pendingExtensionMinutes = c.pendingExtensionMinutes
        pendingSuspension = c.pendingSuspension
        reworkCount = c.reworkCount
        supervisionCount = c.supervisionCount
        selfHandled = c.selfHandled
        mergedInto = c.mergedInto
        satisfaction = c.satisfaction?.rawValue
        duplicates = c.duplicates
        reportedAt = c.reportedAt
        filedAt = c.filedAt
        closedAt = c.closedAt
        updatedAt = c.updatedAt
        version = c.version
        self.actions = actions
    }

    enum CodingKeys: String, CodingKey {
        case id, number, source, urgency, description, location, address, reporter, photos, status, deadlines, light, duplicates, version
        case satisfaction
        case actions
        case sourceName = "source_name"
        case hotlineTicket = "hotline_ticket"
        case classKind = "class_kind"
        case classCode = "class_code"
        case className = "class_name"
        case gridCode = "grid_code"
        case communityCode = "community_code"
        case subdistrictCode = "subdistrict_code"
        case districtCode = "district_code"
        case reporterRedacted = "reporter_redacted"
        case resultPhotos = "result_photos"
        case componentID = "component_id"
        case statusName = "status_name"
        case departmentID = "department_id"
        case pendingExtensionMinutes = "pending_extension_minutes"
        case pendingSuspension = "pending_suspension"
        case reworkCount = "rework_count"
        case supervisionCount = "supervision_count"
        case selfHandled = "self_handled"
        case mergedInto = "merged_into"
        case reportedAt = "reported_at"
        case filedAt = "filed_at"
        case closedAt = "closed_at"
        case updatedAt = "updated_at"
    }
}

/// One event of a case's timeline.
struct TimelineEntryDTO: Codable, Sendable {
    var sequence: Int
    var type: String
    var typeName: String
    var at: Date
    var actor: String
    var actorRole: String?
    var address: String?
    var requestID: String?
    var status: String
    var statusName: String
    var payload: [String: String]
    var hash: String
    var previousHash: String

    init(_ e: CaseEvent, showPersonal: Bool) {
        sequence = e.sequence
        type = e.type
        typeName = CaseCommand.Kind(rawValue: e.type)?.nameZH ?? "上报"
        at = e.at
        actor = e.actor.name
        actorRole = e.actor.role?.rawValue
        address = e.actor.address
        requestID = e.actor.requestID
        status = e.status.rawValue
        statusName = e.status.nameZH
        payload = showPersonal ? e.payload : e.payload.filter { !CaseEvent.personalKeys.contains($0.key) }
        hash = e.hash
        previousHash = e.previousHash
    }

    enum CodingKeys: String, CodingKey {
        case sequence, type, at, actor, status, payload, hash
        case typeName = "type_name"
        case actorRole = "actor_role"
        case address
        case requestID = "request_id"
        case statusName = "status_name"
        case previousHash = "previous_hash"
    }
}
