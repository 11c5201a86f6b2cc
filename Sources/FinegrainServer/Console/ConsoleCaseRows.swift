import FinegrainCore
import FinegrainStore
import Foundation

/// How the console shows cases in lists: one dictionary per row for the templates, with the
/// deadline light and the working time left in words.
struct ConsoleCaseRows {
    let language: ConsoleLanguage
    let workflow: Workflow
    let catalogue: Catalogue
    let locator: RegionLocator
    let now: Date

    func row(_ c: Case) -> [String: Any] {
        var row: [String: Any] = [
            "id": c.id, "number": c.number, "href": "/console/cases/\(c.id)",
            "class": "\(c.classCode) \(catalogue.class(kind: c.classKind, code: c.classCode)?.name ?? "")",
            "place": place(c), "source": language.name(c.source),
            "status": language.name(c.status), "reported": time(c.reportedAt),
        ]
        if let light = workflow.light(of: c, at: now), let deadline = c.openDeadline {
            row["light"] = light.light.rawValue
            row["lightLabel"] = language.strings["light_\(light.light.rawValue)"] ?? light.light.rawValue
            row["deadline"] = "\(language.name(light.step)) · \(remaining(deadline))"
        }
        return row
    }

    /// Where a case is, in the names of its grid chain (finest first).
    func place(_ c: Case) -> String {
        [c.communityCode, c.subdistrictCode, c.districtCode].compactMap { $0.flatMap { locator.region($0)?.name } }.joined(separator: " · ")
    }

    /// `剩余 2 小时 15 分` / `超期 1 天 3 小时` in working time (natural time for emergencies).
    func remaining(_ deadline: StepDeadline) -> String {
        if deadline.pausedAt != nil { return language.pick("已暂停", "paused") }
        let minutes: Int
        if deadline.limit.isNatural {
            minutes = Int(deadline.dueAt.timeIntervalSince(now) / 60)
        } else {
            minutes = now < deadline.dueAt
                ? workflow.calendar.workingMinutes(from: now, to: deadline.dueAt) : -workflow.calendar.workingMinutes(from: deadline.dueAt, to: now)
        }
        let text = duration(abs(minutes), working: !deadline.limit.isNatural)
        return minutes >= 0 ? language.pick("剩余 \(text)", "\(text) left") : language.pick("超期 \(text)", "\(text) overdue")
    }

    func duration(_ minutes: Int, working: Bool) -> String {
        let perDay = working ? workflow.calendar.minutesPerWorkingDay : 1_440
        let days = minutes / perDay, hours = (minutes % perDay) / 60, rest = minutes % 60
        var parts: [String] = []
        if days > 0 { parts.append(language.pick("\(days) \(working ? "工作日" : "天")", "\(days) \(working ? "working " : "")day\(days == 1 ? "" : "s")")) }
        if hours > 0 { parts.append(language.pick("\(hours) 小时", "\(hours) h")) }
        if days == 0 && (rest > 0 || hours == 0) { parts.append(language.pick("\(rest) 分", "\(rest) min")) }
        return parts.joined(separator: " ")
    }

    func time(_ date: Date) -> String {
        let local = workflow.calendar.localDate(of: date)
        let seconds = Int(date.timeIntervalSince(workflow.calendar.instant(on: local, hour: 0)))
        return String(format: "%@ %02d:%02d", local.description, seconds / 3600, (seconds % 3600) / 60)
    }
}
