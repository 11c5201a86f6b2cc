import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// The bodies of the workflow steps, and their translation into ``CaseCommand``s.
extension CaseController {
    struct CommandBody: Decodable {
        var note: String?
        var reason: String?
        var result: String?
        var photos: [String]?
        var confirmed: Bool?
        var passed: Bool?
        var departmentID: String?
        var classKind: ClassKind?
        var classCode: String?
        var urgency: Urgency?
        var workingMinutes: Int?
        var into: String?
        var satisfaction: Satisfaction?

        enum CodingKeys: String, CodingKey {
            case note, reason, result, photos, confirmed, passed, urgency, into, satisfaction
            case departmentID = "department_id"
            case classKind = "class_kind"
            case classCode = "class_code"
            case workingMinutes = "working_minutes"
        }
    }

    func decodeBodyAllowingEmpty(_ request: Request, _ context: FinegrainRequestContext) async throws -> CommandBody {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        if buffer.readableBytes == 0 { return CommandBody() }
        var copy = request
        copy.body = .init(buffer: buffer)
        return try await decodeBody(CommandBody.self, from: copy, context: context)
    }

    func makeCommand(_ kind: CaseCommand.Kind, _ b: CommandBody) async throws -> CaseCommand {
        func required<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw Problem.invalidBody(field, "is required", "为必填项") }
            return value
        }
        let photos = try await checkedPhotos(b.photos ?? [])
        switch kind {
        case .requestVerification: return .requestVerification(note: b.note)
        case .verify: return .verify(confirmed: try required(b.confirmed, "confirmed"), note: b.note, photos: photos)
        case .file: return .file(classKind: b.classKind, classCode: b.classCode, urgency: b.urgency, note: b.note)
        case .proposeVoid: return .proposeVoid(reason: try required(b.reason ?? b.note, "reason"))
        case .approveVoid: return .approveVoid(note: b.note)
        case .refuseVoid: return .refuseVoid(note: b.note)
        case .dispatch:
            let id = try required(b.departmentID, "department_id")
            guard let department = try await store.department(id: id), department.active else {
                throw Problem.unprocessable("department_id", "is not an active department", "不是有效的部门")
            }
            return .dispatch(departmentID: department.id, note: b.note)
        case .requestReturn: return .requestReturn(reason: try required(b.reason ?? b.note, "reason"))
        case .approveReturn: return .approveReturn(note: b.note)
        case .refuseReturn: return .refuseReturn(note: b.note)
        case .requestExtension:
            return .requestExtension(workingMinutes: try required(b.workingMinutes, "working_minutes"), reason: try required(b.reason ?? b.note, "reason"))
        case .approveExtension: return .approveExtension(note: b.note)
        case .refuseExtension: return .refuseExtension(note: b.note)
        case .requestSuspension: return .requestSuspension(reason: try required(b.reason ?? b.note, "reason"))
        case .approveSuspension: return .approveSuspension(note: b.note)
        case .refuseSuspension: return .refuseSuspension(note: b.note)
        case .restore: return .restore(note: b.note)
        case .feedback: return .feedback(result: try required(b.result ?? b.note, "result"), photos: photos)
        case .requestCheck: return .requestCheck(note: b.note)
        case .check: return .check(passed: try required(b.passed, "passed"), note: b.note, photos: photos)
        case .close: return .close(note: b.note)
        case .supervise: return .supervise(note: try required(b.note ?? b.reason, "note"))
        case .reopen: return .reopen(reason: try required(b.reason ?? b.note, "reason"))
        case .recordCallback: return .recordCallback(satisfaction: try required(b.satisfaction, "satisfaction"), note: b.note)
        case .markMerged, .absorbDuplicate: throw Problem.notFound("step", "操作")
        }
    }

}
