import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// 管理 (administration pages), read through the same permissions as the API:
///
/// - `GET /console/admin/regions?code=&q=` — the region tree: a region, its ancestors, its children,
///   their areas and codes, with its outline;
/// - `GET /console/admin/catalogue?q=&kind=` — the class catalogue;
/// - `GET /console/admin/responsibility` — 权责清单 rules;
/// - `GET /console/admin/deadlines` — deadline policy versions and their limits;
/// - `GET /console/admin/users?q=` — users and their grants;
/// - `GET /console/admin/audit?action=&actor=&page=` — the audit trail.
///
/// Changes go through the documented API for now (`docs/api.md`); these pages show what is there.
struct ConsoleAdminController: Sendable {
    let cases: CaseController
    let pages: ConsolePage

    var access: AccessControl { cases.access }
    var store: Store { cases.store }

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("console/admin/regions", .authenticated, use: regions)
        routes.get("console/admin/catalogue", .authenticated, use: catalogue)
        routes.get("console/admin/responsibility", .departmentsRead, use: responsibility)
        routes.get("console/admin/deadlines", .casesRead, use: deadlines)
        routes.get("console/admin/users", .usersRead, use: users)
        routes.get("console/admin/audit", .auditRead, use: audit)
    }

    /// The admin sub-menu: the pages the caller may open.
    func tabs(_ principal: Principal, _ language: ConsoleLanguage, current: String) -> [[String: Any]] {
        let policy = access.settings.policy
        let all: [(String, String, String, Permission)] = [
            ("regions", "区域与网格", "Regions and grids", .authenticated), ("catalogue", "分类目录", "Catalogue", .authenticated),
            ("responsibility", "权责清单", "Responsibility", .departmentsRead), ("deadlines", "时限规则", "Deadlines", .casesRead),
            ("users", "用户与授权", "Users and grants", .usersRead), ("audit", "审计日志", "Audit", .auditRead),
        ]
        return all.filter { principal.has($0.3, policy: policy) }.map {
            ["label": language.pick($0.1, $0.2), "href": "/console/admin/\($0.0)", "current": $0.0 == current]
        }
    }

    func page(_ name: String, title: (String, String), table: [String: Any], extra: [String: Any] = [:], request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let language = ConsoleLanguage(request)
        var model = extra
        model["tabs"] = tabs(principal, language, current: name)
        model["table"] = table
        model["heading"] = language.pick(title.0, title.1)
        return await pages.render("console-admin", title: language.pick(title.0, title.1), model: model, request: request, context: context)
    }

    /// A table for the template: headers and rows of cells (each cell text, and a link when given).
    static func table(_ headers: [String], _ rows: [[(String, String?)]], empty: String) -> [String: Any] {
        [
            "headers": headers, "empty": rows.isEmpty, "emptyText": empty,
            "rows": rows.map { ["cells": $0.map { ["text": $0.0, "href": $0.1 as Any].filter { !ConsolePage.isNil($0.value) } }] },
        ]
    }

    @Sendable func regions(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let language = ConsoleLanguage(request)
        let locator = await cases.index.locator
        let q = QueryParameters(request)
        guard let region = q.string("code").map(locator.region) ?? locator.city else {
            throw Problem.invalidParameter("code", "is not a known region (or no regions are loaded yet)", "不是已知区域（或尚未导入区域）")
        }
        let code = region.code
        var children = locator.children(of: code)
        if let text = q.string("q") { children = children.filter { $0.name.contains(text) || $0.code.hasPrefix(text) } }
        let rows: [[(String, String?)]] = children.sorted { $0.code < $1.code }.prefix(500).map { r in
            [
                (r.code, "/console/admin/regions?code=\(r.code)"), (r.name, nil), (language.name(r.level), nil),
                (String(format: "%.3f", r.area / 1_000_000), nil), (r.synthetic ? language.pick("生成", "synthetic") : language.pick("真实", "real"), nil),
                (language.pick("地图", "map"), "/console/map?region=\(r.code)"),
            ]
        }
        let crumbs = locator.chain(from: code).reversed().map { ["label": $0.name, "href": "/console/admin/regions?code=\($0.code)"] }
        return try await page(
            "regions", title: ("区域与网格", "Regions and grids"),
            table: Self.table(
                [language.pick("编码", "Code"), language.pick("名称", "Name"), language.pick("层级", "Level"), language.pick("面积 km²", "Area km²"),
                 language.pick("来源", "Data"), ""], rows, empty: language.pick("没有下级区域。", "No regions below.")),
            extra: [
                "crumbs": crumbs, "searchName": "q", "searchValue": q.string("q") ?? "", "hidden": [["name": "code", "value": code]],
                "summary": "\(region.name) · \(region.code) · \(language.name(region.level)) · \(children.count) \(language.pick("个下级", "below"))",
                "figure": ConsoleMap.small(region: region, point: region.centroid),
            ], request: request, context: context)
    }

    @Sendable func catalogue(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let language = ConsoleLanguage(request)
        let q = QueryParameters(request)
        let kind = try q.oneOf("kind", ClassKind.self, allowed: ClassKind.allCases)
        let found = await cases.catalogue.catalogue.search(kind: kind, text: q.string("q"), includeInactive: true)
        let page = try q.int("page", in: 1...1_000) ?? 1
        let pages = max(1, (found.count + 99) / 100)
        let rows: [[(String, String?)]] = found.dropFirst((page - 1) * 100).prefix(100).map { c in
            [(language.name(c.kind), nil), (c.code, nil), (c.name, nil), (c.majorName, nil),
             (c.standard, nil), (c.active ? "✓" : "—", nil), (String(c.attributes.count), nil)]
        }
        return try await self.page(
            "catalogue", title: ("分类目录", "Catalogue"),
            table: Self.table(
                [language.pick("类型", "Kind"), language.pick("编码", "Code"), language.pick("名称", "Name"), language.pick("大类", "Major"),
                 language.pick("标准", "Standard"), language.pick("启用", "Active"), language.pick("扩展属性", "Attributes")], rows,
                empty: language.pick("没有匹配的分类。", "No class matches.")),
            extra: [
                "searchName": "q", "searchValue": q.string("q") ?? "", "summary": language.pick("共 \(found.count) 类", "\(found.count) classes"),
                "pager": Self.pager(request, page: page, pages: pages, language: language),
            ], request: request, context: context)
    }

    @Sendable func responsibility(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let language = ConsoleLanguage(request)
        let locator = await cases.index.locator
        var names: [String: String] = [:]
        for d in try await store.allDepartments() { names[d.id] = d.name }
        let rules = try await store.responsibilityRules()
        let rows: [[(String, String?)]] = rules.map { r in
            [(r.classKind.map { language.name($0) } ?? "—", nil), (r.codePrefix.isEmpty ? "*" : r.codePrefix + "…", nil),
             (r.regionCode.map { locator.region($0)?.name ?? $0 } ?? language.pick("全市", "city"), nil), (r.componentPartyCode ?? "—", nil),
             (names[r.departmentID] ?? r.departmentID, nil), (String(r.priority), nil),
             ("\(r.validFrom?.description ?? "…") – \(r.validTo?.description ?? "…")", nil), (r.note ?? "", nil)]
        }
        return try await page(
            "responsibility", title: ("权责清单", "Responsibility list"),
            table: Self.table(
                [language.pick("类型", "Kind"), language.pick("编码", "Code"), language.pick("区域", "Region"), language.pick("部件权属", "Component party"),
                 language.pick("责任部门", "Department"), language.pick("优先级", "Priority"), language.pick("有效期", "Valid"), language.pick("说明", "Note")], rows,
                empty: language.pick("尚无权责规则：派遣时没有建议部门。", "No rules yet: dispatchers get no suggestion.")),
            request: request, context: context)
    }

    @Sendable func deadlines(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let language = ConsoleLanguage(request)
        let policies = try await store.deadlinePolicies()
        var rows: [[(String, String?)]] = []
        for p in policies.reversed() {
            for rule in p.rules {
                rows.append([
                    (p.version, nil), (p.effectiveFrom, nil), (language.name(rule.step), nil),
                    (rule.classKind.map { language.name($0) } ?? "*", nil), (rule.codePrefix.isEmpty ? "*" : rule.codePrefix + "…", nil),
                    (rule.urgency.map { language.name($0) } ?? "*", nil), (rule.limit.description, nil),
                ])
            }
        }
        return try await page(
            "deadlines", title: ("时限规则", "Deadline rules"),
            table: Self.table(
                [language.pick("版本", "Version"), language.pick("生效", "From"), language.pick("环节", "Step"), language.pick("类型", "Kind"),
                 language.pick("编码", "Code"), language.pick("紧急程度", "Urgency"), language.pick("时限", "Limit")], rows, empty: "—"),
            request: request, context: context)
    }

    @Sendable func users(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let language = ConsoleLanguage(request)
        let locator = await cases.index.locator
        let q = QueryParameters(request)
        var visible: [UserAccount] = []
        for user in try await store.users(UserFilter(text: q.string("q"))) where await access.canSee(user, principal, for: .usersRead) { visible.append(user) }
        let rows: [[(String, String?)]] = visible.prefix(500).map { u in
            [(u.username, nil), (u.displayName, nil),
             (u.grants.map { g in language.pick(g.role.nameZH, g.role.nameEN) + (g.regionCode.map { " · " + (locator.region($0)?.name ?? $0) } ?? "") }.joined(separator: "；"), nil),
             (u.disabled ? language.pick("已停用", "disabled") : language.pick("正常", "active"), nil),
             (u.mustChangePassword ? language.pick("须改密码", "must change password") : "", nil)]
        }
        return try await page(
            "users", title: ("用户与授权", "Users and grants"),
            table: Self.table(
                [language.pick("用户名", "Username"), language.pick("姓名", "Name"), language.pick("角色与范围", "Roles and scope"), language.pick("状态", "State"), ""], rows,
                empty: language.pick("没有匹配的用户。", "No user matches.")),
            extra: ["searchName": "q", "searchValue": q.string("q") ?? "", "summary": language.pick("共 \(visible.count) 人", "\(visible.count) people")],
            request: request, context: context)
    }

    @Sendable func audit(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let language = ConsoleLanguage(request)
        let q = QueryParameters(request)
        let page = try q.int("page", in: 1...100_000) ?? 1
        let entries = try await store.auditEntries(AuditQuery(actorUserID: q.string("actor"), action: q.string("action"), page: page, perPage: 50))
        let rows: [[(String, String?)]] = entries.items.map { e in
            [(e.at.replacingOccurrences(of: "T", with: " ").prefix(19).description, nil), (e.actor.name + (e.actor.role.map { " · " + language.pick($0.nameZH, $0.nameEN) } ?? ""), nil),
             (e.action, nil), ("\(e.targetType) \(e.targetID ?? "")", nil), (e.actor.address ?? "", nil), (String(e.details.prefix(160)), nil)]
        }
        return try await self.page(
            "audit", title: ("审计日志", "Audit trail"),
            table: Self.table(
                [language.pick("时间(UTC)", "When (UTC)"), language.pick("操作人", "Who"), language.pick("操作", "Action"), language.pick("对象", "Target"),
                 language.pick("地址", "Address"), language.pick("内容", "Details")], rows, empty: language.pick("没有记录。", "No entries.")),
            extra: [
                "searchName": "action", "searchValue": q.string("action") ?? "",
                "pager": Self.pager(request, page: page, pages: max(1, entries.pageCount), language: language, total: entries.total),
            ], request: request, context: context)
    }

    static func pager(_ request: Request, page: Int, pages: Int, language: ConsoleLanguage, total: Int? = nil) -> [String: Any] {
        ConsolePage.pager(request, page: page, pages: pages, text: language.pick("第 \(page) / \(pages) 页", "Page \(page) of \(pages)") + (total.map { language.pick("，共 \($0) 条", ", \($0) entries") } ?? ""))
    }
}
