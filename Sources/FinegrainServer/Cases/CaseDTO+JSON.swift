import FinegrainCore
import Foundation
import Hummingbird

/// A page of cases is the hottest large response, and a case the answer to every intake and
/// step: written directly (see ``JSONWriter``), member by member in the sorted order
/// `JSONEncoder` would choose.
extension CaseDTO: JSONWritable {
    func response(from request: Request, context: some RequestContext) throws -> Response { jsonResponse() }

    /// The members that depend on the caller or the clock (`actions`, `light`) are written each
    /// time; the rest come from ``segments`` when a ``CaseJSONCache`` attached them.
    func writeJSON(to writer: inout JSONWriter) {
        writer.object { o in
            o.member("actions", actions)
            if let segments { o.members(segments.head) } else { writeHead(to: &o) }
            o.member("light", light)
            if let segments { o.members(segments.tail) } else { writeTail(to: &o) }
        }
    }

    /// The members written ahead, for this case at this version as this caller sees it.
    var jsonSegments: CaseJSONSegments {
        CaseJSONSegments(
            version: version, className: className,
            head: JSONWriter.memberList { writeHead(to: &$0) }, tail: JSONWriter.memberList { writeTail(to: &$0) })
    }

    /// The members between `actions` and `light` in key order.
    private func writeHead(to o: inout JSONWriter.ObjectWriter) {
        o.member("address", address)
        o.member("class_code", classCode)
        o.member("class_kind", classKind)
        o.member("class_name", className)
        o.member("closed_at", closedAt)
        o.member("community_code", communityCode)
        o.member("component_id", componentID)
        o.member("deadlines", deadlines)
        o.member("department_id", departmentID)
        o.member("description", description)
        o.member("district_code", districtCode)
        o.member("duplicates", duplicates)
        o.member("filed_at", filedAt)
        o.member("grid_code", gridCode)
        o.member("hotline_ticket", hotlineTicket)
        o.member("id", id)
    }

    /// The members after `light` in key order.
    private func writeTail(to o: inout JSONWriter.ObjectWriter) {
        o.member("location") { w in w.array(location) { $0.double($1) } }
        o.member("merged_into", mergedInto)
        o.member("number", number)
        o.member("pending_extension_minutes", pendingExtensionMinutes)
        o.member("pending_suspension", pendingSuspension)
        o.member("photos", photos)
        o.member("reported_at", reportedAt)
        o.member("reporter", reporter)
        o.member("reporter_redacted", reporterRedacted)
        o.member("result_photos", resultPhotos)
        o.member("rework_count", reworkCount)
        o.member("satisfaction", satisfaction)
        o.member("self_handled", selfHandled)
        o.member("source", source)
        o.member("source_name", sourceName)
        o.member("status", status)
        o.member("status_name", statusName)
        o.member("subdistrict_code", subdistrictCode)
        o.member("supervision_count", supervisionCount)
        o.member("updated_at", updatedAt)
        o.member("urgency", urgency)
        o.member("version", version)
    }
}

extension CaseDTO.DeadlineDTO: JSONWritable {
    func writeJSON(to writer: inout JSONWriter) {
        writer.object { o in
            o.member("completed_at", completedAt)
            o.member("due_at", dueAt)
            o.member("extended_minutes", extendedMinutes)
            o.member("on_time", onTime)
            o.member("paused", paused)
            o.member("started_at", startedAt)
            o.member("step", step)
            o.member("step_name", stepName)
        }
    }
}

extension CaseDTO.LightDTO: JSONWritable {
    func writeJSON(to writer: inout JSONWriter) {
        writer.object { o in
            o.member("color", color)
            o.member("fraction", fraction)
            o.member("step", step)
        }
    }
}

extension CaseDTO.ReporterDTO: JSONWritable {
    func writeJSON(to writer: inout JSONWriter) {
        writer.object { o in
            o.member("name", name)
            o.member("phone", phone)
        }
    }
}
