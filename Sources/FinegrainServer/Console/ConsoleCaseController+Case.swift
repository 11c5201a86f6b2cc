import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

extension ConsoleCaseController {
    // MARK: The case page

    @Sendable func show(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let c = try await cases.visibleCase(context, principal)
        return try await casePage(c, principal: principal, request: request, context: context, error: nil)
    }

    func casePage(_ c: Case, principal: Principal, request: Request, context: FinegrainRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = ConsoleLanguage(request)
        let rowMaker = await rows(language)
        let catalogue = await cases.catalogue.catalogue
        let locator = await cases.index.locator
        let showReporter = await access.mayViewReporter(c, principal)
        var fields: [[String: String]] = [
            ["label": language.strings["status"] ?? "", "value": language.name(c.status)],
            ["label": language.strings["class"] ?? "", "value": "\(c.classCode) \(catalogue.class(kind: c.classKind, code: c.classCode)?.name ?? "")"],
            ["label": language.strings["source"] ?? "", "value": language.name(c.source) + (c.hotlineTicket.map { " · \($0)" } ?? "")],
            ["label": language.strings["urgency"] ?? "", "value": language.name(c.urgency)],
            ["label": language.strings["description"] ?? "", "value": c.description],
            ["label": language.strings["address"] ?? "", "value": c.address ?? "—"],
            ["label": language.strings["region_chain"] ?? "", "value": ([c.gridCode].compactMap { $0 } + [rowMaker.place(c)]).joined(separator: " · ")],
            ["label": language.strings["reported_at"] ?? "", "value": rowMaker.time(c.reportedAt)],
        ]
        if let department = c.departmentID {
            fields.append(["label": language.strings["department"] ?? "", "value": try await store.department(id: department)?.name ?? department])
        }
        if showReporter, c.reporterName != nil || c.reporterPhone != nil {
            fields.append(["label": language.strings["reporter"] ?? "", "value": [c.reporterName, c.reporterPhone].compactMap { $0 }.joined(separator: " · ")])
        }
        let deadlines: [[String: String]] = c.deadlines.map { d in
            [
                "step": language.name(d.step), "started": rowMaker.time(d.startedAt), "due": rowMaker.time(d.dueAt),
                "completed": d.completedAt.map(rowMaker.time) ?? "—",
                "state": d.completedAt == nil ? rowMaker.remaining(d) : (d.onTime == true ? language.pick("按时", "on time") : language.pick("超时", "late")),
                "late": d.completedAt == nil ? (d.dueAt < Date() ? "late" : "") : (d.onTime == true ? "" : "late"),
            ]
        }
        let events = try await store.caseEvents(caseID: c.id)
        let departmentNames = Dictionary(try await store.allDepartments().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        /// A payload entry as a person reads it: the field's label, names instead of ids and codes.
        func readable(_ key: String, _ value: String) -> String {
            let shown: String =
                switch key {
                case "department_id", "returned_by": departmentNames[value] ?? value
                case "urgency": Urgency(rawValue: value).map(language.name) ?? value
                case "satisfaction": Satisfaction(rawValue: value).map(language.name) ?? value
                case "source", "duplicate_source": CaseSource(rawValue: value).map(language.name) ?? value
                case _ where value == "true" || value == "false": value == "true" ? language.pick("是", "yes") : language.pick("否", "no")
                case "from_status": CaseStatus(rawValue: value).map(language.name) ?? value
                default: value
                }
            return "\(language.label(forField: key) ?? key)\(language.pick("：", ": "))\(shown)"
        }
        let timeline: [[String: String]] = events.reversed().map { e in
            let kind = CaseCommand.Kind(rawValue: e.type)
            var payload = showReporter ? e.payload : e.payload.filter { !CaseEvent.personalKeys.contains($0.key) }
            for key in [
                "lon", "lat", "photos", "number", "class_kind", "self_handled", "description", "grid_code", "community_code", "subdistrict_code", "district_code",
                "reporter_user_id", "duplicate_case_id",
            ] { payload[key] = nil }
            return [
                "when": rowMaker.time(e.at), "who": e.actor.name + (e.actor.role.map { " · " + language.name($0) } ?? ""),
                "what": kind.map { language.name($0) } ?? language.pick("上报", "reported"),
                "detail": payload.sorted { $0.key < $1.key }.map { readable($0.key, $0.value) }.joined(separator: language.pick("；", "; ")),
            ]
        }
        let actions = try await actionForms(c, principal: principal, language: language)
        // 重复上报: for those who may merge, the likely duplicates with a form each.
        var duplicates: [[String: Any]] = []
        if !c.status.isFinal, await access.actingGrant(for: .markMerged, on: c, principal, rules: workflow.rules) != nil {
            duplicates = try await cases.likelyDuplicates(of: c, principal: principal, related: true).prefix(10).map { other in
                var row = rowMaker.row(other)
                row["mergeAction"] = "/console/cases/\(c.id)/merge"
                return row
            }
        }
        let map = locator.region(c.gridCode ?? c.communityCode ?? "").map { ConsoleMap.small(region: $0, point: c.location) } ?? ""
        return await pages.render(
            "console-case", title: "\(c.number)",
            model: [
                "case": ["id": c.id, "number": c.number, "version": c.version], "fields": fields, "deadlines": deadlines, "timeline": timeline,
                "before": c.photos.map { ["src": "/api/v1/photos/\($0)"] }, "after": c.resultPhotos.map { ["src": "/api/v1/photos/\($0)"] },
                "hasBefore": !c.photos.isEmpty, "hasAfter": !c.resultPhotos.isEmpty, "actions": actions, "noActions": actions.isEmpty,
                "map": map, "hasMap": !map.isEmpty, "duplicates": duplicates, "hasDuplicates": !duplicates.isEmpty, "error": error as Any, "light": rowMaker.row(c)["light"] as Any,
            ], request: request, context: context, status: status)
    }

    /// One form per step the caller may take now, with the fields that step needs.
    func actionForms(_ c: Case, principal: Principal, language: ConsoleLanguage) async throws -> [[String: Any]] {
        var forms: [[String: Any]] = []
        for kind in CaseController.commandKinds where workflow.rules.rules[kind]?.from.contains(c.status) == true {
            guard await access.actingGrant(for: kind, on: c, principal, rules: workflow.rules) != nil else { continue }
            var form: [String: Any] = ["kind": kind.rawValue, "label": language.name(kind), "action": "/console/cases/\(c.id)/step/\(kind.rawValue)"]
            switch kind {
            case .verify: form["confirmed"] = true; form["photos"] = true; form["note"] = true
            case .check: form["passed"] = true; form["photos"] = true; form["note"] = true
            case .feedback: form["result"] = true; form["photos"] = true
            case .proposeVoid, .requestReturn, .requestSuspension, .reopen: form["reason"] = true
            case .requestExtension: form["reason"] = true; form["workingMinutes"] = true
            case .supervise: form["noteRequired"] = true
            case .recordCallback:
                form["hasSatisfaction"] = true
                form["satisfaction"] = Satisfaction.allCases.map { ["value": $0.rawValue, "label": language.name($0)] }
                form["note"] = true
            case .file:
                form["hasUrgencies"] = true
                form["urgencies"] = Urgency.allCases.map { ["value": $0.rawValue, "label": language.name($0), "selected": $0 == c.urgency] }
                form["note"] = true
            case .dispatch:
                let suggested = try await store.responsibleRules(for: c, on: workflow.calendar.localDate(of: Date()), hierarchy: await cases.index.locator).first?.departmentID
                form["hasDepartments"] = true
                form["departments"] = try await store.allDepartments().filter(\.active).map { d in
                    ["value": d.id, "label": d.name + (d.id == suggested ? "（\(language.strings["suggested"] ?? "")）" : ""), "selected": d.id == suggested]
                }
                form["note"] = true
            default: form["note"] = true
            }
            if workflow.rules.rules[kind]?.requiresPhoto == true { form["photosRequired"] = true }
            forms.append(form)
        }
        return forms
    }

    // MARK: Steps

    /// `POST /console/cases/{id}/merge` (`into`): this case joins another as a duplicate.
    @Sendable func merge(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await ConsoleForm.read(request, context: context)
        let language = ConsoleLanguage(request)
        let duplicate = try await cases.visibleCase(context, principal)
        do {
            let target = try await cases.merge(duplicate, into: form.string("into") ?? "", principal: principal, context: context)
            let notice = language.pick("已合并到 \(target.number)。", "Merged into \(target.number).")
            return ConsolePage.redirect("/console/cases/\(target.id)?notice=\(ConsolePage.escapeQuery(notice))")
        } catch let problem as Problem {
            return try await casePage(duplicate, principal: principal, request: request, context: context, error: language.message(for: problem), status: problem.status)
        }
    }

    @Sendable func step(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let form = try await ConsoleForm.read(request, context: context)
        let language = ConsoleLanguage(request)
        guard let kind = CaseCommand.Kind(rawValue: try context.parameters.require("kind")), CaseController.commandKinds.contains(kind) else {
            throw Problem.notFound("step", "操作")
        }
        let current = try await cases.visibleCase(context, principal)
        do {
            let photoNames = try await photos.saveUploads(form.files, uploadedBy: principal.userID)
            let body = CaseController.CommandBody(
                note: form.string("note"), reason: form.string("reason"), result: form.string("result"), photos: photoNames,
                confirmed: form.bool("confirmed"), passed: form.bool("passed"), departmentID: form.string("department_id"),
                urgency: form.string("urgency").flatMap(Urgency.init(rawValue:)), workingMinutes: form.int("working_minutes"),
                satisfaction: form.string("satisfaction").flatMap(Satisfaction.init(rawValue:)))
            _ = try await cases.perform(kind, body, on: current, expectedVersion: form.int("version"), principal: principal, context: context)
        } catch let problem as Problem {
            let fresh = try await store.caseRecord(id: current.id) ?? current
            return try await casePage(fresh, principal: principal, request: request, context: context, error: language.message(for: problem), status: problem.status)
        }
        let notice = (language.strings["step_ok"] ?? "").replacingOccurrences(of: "{step}", with: language.name(kind))
        // After a step the case may leave the caller's reach (dispatched away): back to the queue then.
        if let after = try await store.caseRecord(id: current.id), await access.canSee(after, principal) {
            return ConsolePage.redirect("/console/cases/\(current.id)?notice=\(ConsolePage.escapeQuery(notice))")
        }
        return ConsolePage.redirect("/console?notice=\(ConsolePage.escapeQuery(notice))")
    }
}
