import FinegrainCore
import Foundation

extension Case {
    /// The case row's `body`: what ``Store/caseEncoder`` writes for this case with times as whole
    /// milliseconds and deadlines without extensions left out when there are none, written
    /// directly (see ``JSONWriter``; a test compares the two on generated cases and on one with
    /// every optional field set). Every step of every case rewrites it, and `JSONEncoder` made it
    /// a fifth of the cost of filing a case. The compact times and deadlines (migration 12) bring
    /// a row under a quarter of an 8 KiB page; rows written before read the same way.
    var storedJSON: String {
        var writer = JSONWriter(capacity: 1_024 + 200 * deadlines.count)
        writer.object { o in
            o.member("address", address)
            o.member("attributes", attributes)
            o.member("classCode", classCode)
            o.member("classKind", classKind.rawValue)
            o.member("closedAt", milliseconds: closedAt)
            o.member("communityCode", communityCode)
            o.member("componentID", componentID)
            o.member("deadlines") { w in w.array(deadlines) { $1.writeStored(to: &$0) } }
            o.member("departmentID", departmentID)
            o.member("description", description)
            o.member("districtCode", districtCode)
            o.member("duplicates", duplicates)
            o.member("filedAt", milliseconds: filedAt)
            o.member("gridCode", gridCode)
            o.member("hotlineTicket", hotlineTicket)
            o.member("id", id)
            o.member("lastHash", lastHash)
            o.member("location") { w in w.array([location.lon, location.lat]) { $0.double($1) } }
            o.member("mergedInto", mergedInto)
            o.member("number", number)
            o.member("pendingExtensionMinutes", pendingExtensionMinutes)
            o.member("pendingSuspension", pendingSuspension)
            o.member("photos", photos)
            o.member("reportedAt", milliseconds: reportedAt)
            o.member("reporterName", reporterName)
            o.member("reporterPhone", reporterPhone)
            o.member("reporterUserID", reporterUserID)
            o.member("resultPhotos", resultPhotos)
            o.member("reworkCount", reworkCount)
            o.member("satisfaction", satisfaction?.rawValue)
            o.member("selfHandled", selfHandled)
            o.member("source", source.rawValue)
            o.member("status", status.rawValue)
            o.member("statusBeforeRequest", statusBeforeRequest?.rawValue)
            o.member("subdistrictCode", subdistrictCode)
            o.member("supervisionCount", supervisionCount)
            o.member("updatedAt", milliseconds: updatedAt)
            o.member("urgency", urgency.rawValue)
            o.member("version", version)
        }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

extension StepDeadline {
    /// The deadline as case rows and event bodies store it: times as whole milliseconds, and no
    /// `extendedMinutes` when there were no extensions (what the hashed, canonical form always says).
    func writeStored(to writer: inout JSONWriter) {
        Self.writeStored(
            step: step, startedAt: startedAt, dueAt: dueAt, limit: limit, completedAt: completedAt, pausedAt: pausedAt,
            remainingMinutesAtPause: remainingMinutesAtPause, extendedMinutes: extendedMinutes == 0 ? nil : extendedMinutes, to: &writer)
    }

    /// A deadline's stored members in sorted order, absent ones left out: a whole deadline, or one
    /// an event opened (``OpenedDeadline``).
    static func writeStored(
        step: CaseStep, startedAt: Date?, dueAt: Date, limit: WorkDuration, completedAt: Date?, pausedAt: Date?,
        remainingMinutesAtPause: Int?, extendedMinutes: Int?, to writer: inout JSONWriter
    ) {
        writer.object { o in
            o.member("completedAt", milliseconds: completedAt)
            o.member("dueAt", milliseconds: dueAt)
            o.member("extendedMinutes", extendedMinutes)
            o.member("limit") { w in
                w.object { o in
                    o.member("amount", limit.amount)
                    o.member("unit", limit.unitName)
                }
            }
            o.member("pausedAt", milliseconds: pausedAt)
            o.member("remainingMinutesAtPause", remainingMinutesAtPause)
            o.member("startedAt", milliseconds: startedAt)
            o.member("step", step.rawValue)
        }
    }
}
