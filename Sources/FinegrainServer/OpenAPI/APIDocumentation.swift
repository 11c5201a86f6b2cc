import FinegrainCore

/// The words of the API documentation, one entry per route (`"GET /api/v1/cases"`). The OpenAPI
/// document is generated from the router's own permission table plus these entries, so it cannot
/// name a route that does not exist; a test fails when a route has no entry here.
public enum APIDocumentation {
    struct Entry {
        var tag: String
        var summary: String
        var query: [(String, String)] = []
        var body: String?
    }

    static let paging: [(String, String)] = [("page", "page number, from 1"), ("per_page", "items per page")]

    static let entries: [String: Entry] = {
        var e: [String: Entry] = [
            "GET /healthz": Entry(tag: "operations", summary: "Health: the database answers and the region index is loaded"),
            "GET /metrics": Entry(tag: "operations", summary: "Prometheus metrics (requests by route, latency, database pool)"),
            "GET /openapi.json": Entry(tag: "operations", summary: "This OpenAPI 3.1 document"),
            "GET /evaluations": Entry(tag: "evaluation", summary: "The public notice board of published evaluations (HTML)"),
            "GET /api/v1/locate": Entry(
                tag: "regions", summary: "The region chain (grid ▸ … ▸ city) of a point",
                query: [("lon", "longitude"), ("lat", "latitude"), ("crs", "wgs84 (default) or gcj02")]),
            "GET /api/v1/regions": Entry(
                tag: "regions", summary: "Regions, filtered, searched, sorted and paged",
                query: [("level", "city, district, zone, subdistrict, community or grid"), ("parent", "direct children of this code"),
                        ("q", "part of the code or name"), ("synthetic", "true or false"), ("sort", "code, name or area"),
                        ("order", "asc or desc"), ("format", "json or geojson")] + paging),
            "GET /api/v1/regions/{code}": Entry(
                tag: "regions", summary: "One region", query: [("include", "comma list of ancestors, children, geometry")] + paging),
            "GET /api/v1/regions/{code}/children": Entry(tag: "regions", summary: "A region's direct children", query: paging),
            "POST /api/v1/regions/import": Entry(
                tag: "regions", summary: "Import regions from GeoJSON, all or nothing",
                query: [("crs", "wgs84 or gcj02"), ("tolerance", "metres a child may lie outside its parent"), ("dry_run", "validate only")],
                body: "a GeoJSON FeatureCollection"),
            "POST /api/v1/auth/login": Entry(tag: "access", summary: "Sign in: sets the session cookie, returns the CSRF token", body: "{username, password}"),
            "POST /api/v1/auth/logout": Entry(tag: "access", summary: "Sign out"),
            "POST /api/v1/auth/password": Entry(tag: "access", summary: "Change one's password", body: "{current_password, new_password}"),
            "GET /api/v1/me": Entry(tag: "access", summary: "The caller, grants, permissions and CSRF token"),
            "GET /api/v1/me/api-keys": Entry(tag: "access", summary: "The caller's API keys"),
            "POST /api/v1/me/api-keys": Entry(tag: "access", summary: "Create an API key (shown once)", body: "{name, expires_in_days, permissions}"),
            "DELETE /api/v1/me/api-keys/{id}": Entry(tag: "access", summary: "Revoke an API key"),
            "GET /api/v1/users": Entry(
                tag: "access", summary: "Users within the caller's scope",
                query: [("q", "part of username or name"), ("role", "a role"), ("department", "department id"), ("disabled", "true or false")] + paging),
            "POST /api/v1/users": Entry(tag: "access", summary: "Create a user", body: "{username, display_name, password, phone, department_id, grants}"),
            "GET /api/v1/users/{id}": Entry(tag: "access", summary: "One user"),
            "PATCH /api/v1/users/{id}": Entry(tag: "access", summary: "Change or disable a user", body: "{display_name, phone, department_id, disabled}"),
            "POST /api/v1/users/{id}/grants": Entry(tag: "access", summary: "Grant a role over a scope", body: "{role, region_code, department_id}"),
            "DELETE /api/v1/users/{id}/grants/{grantID}": Entry(tag: "access", summary: "Remove a grant"),
            "POST /api/v1/users/{id}/password": Entry(tag: "access", summary: "Reset a password (must be changed at next sign-in)", body: "{temporary_password}"),
            "GET /api/v1/departments": Entry(tag: "access", summary: "Departments within the caller's scope", query: [("kind", "professional or disposal_unit"), ("q", "part of name or credit code")] + paging),
            "POST /api/v1/departments": Entry(tag: "access", summary: "Create a department", body: "{name, kind, credit_code, parent_id, region_code, active}"),
            "GET /api/v1/departments/{id}": Entry(tag: "access", summary: "One department"),
            "PATCH /api/v1/departments/{id}": Entry(tag: "access", summary: "Change a department", body: "{name, kind, credit_code, parent_id, region_code, active}"),
            "GET /api/v1/audit": Entry(
                tag: "access", summary: "Search the audit trail",
                query: [("actor", "user id"), ("action", "an action or a prefix ending in ."), ("target_type", "kind of target"), ("target", "target id"),
                        ("from", "ISO 8601"), ("to", "ISO 8601")] + paging),
            "GET /api/v1/catalogue/classes": Entry(
                tag: "catalogue", summary: "Component and matter classes",
                query: [("kind", "component or matter"), ("code", "code prefix"), ("q", "text"), ("major", "major class"), ("standard", "standard")] + paging),
            "GET /api/v1/catalogue/classes/{kind}/{code}": Entry(tag: "catalogue", summary: "One class"),
            "POST /api/v1/cases": Entry(tag: "cases", summary: "Report a new case (any channel)", body: "{source, class_kind, class_code, urgency, description, lon, lat, crs, address, hotline_ticket, reporter_name, reporter_phone, photos, self_handled, component_id, attributes}"),
            "GET /api/v1/cases": Entry(
                tag: "cases", summary: "Search cases within the caller's scope",
                query: [("status", "comma list"), ("class_kind", "component or matter"), ("class_code", "prefix"), ("region", "region code"),
                        ("source", "comma list"), ("department", "department id"), ("overdue", "true"), ("from", "date"), ("to", "date"),
                        ("q", "words in the description or case number, each of one or more characters (full-text index of two-character terms)"), ("sort", "reported_at, due_at, updated_at or number"), ("order", "asc or desc")] + paging),
            "GET /api/v1/cases/{id}": Entry(tag: "cases", summary: "One case, with the steps the caller may take"),
            "GET /api/v1/cases/{id}/timeline": Entry(tag: "cases", summary: "A case's hash-chained history"),
            "GET /api/v1/cases/{id}/duplicates": Entry(
                tag: "cases", summary: "Likely duplicates", query: [("radius", "metres"), ("hours", "time window"), ("related", "same major class")]),
            "GET /api/v1/cases/{id}/suggested-department": Entry(tag: "cases", summary: "The department the responsibility list names"),
            "POST /api/v1/cases/{id}/merge": Entry(tag: "cases", summary: "Merge a duplicate into another case", body: "{into}"),
            "GET /api/v1/queues/mine": Entry(tag: "cases", summary: "Open cases the caller can act on now", query: paging),
            "POST /api/v1/photos": Entry(tag: "cases", summary: "Upload a photo (JPEG, PNG or WebP)", body: "the image bytes"),
            "GET /api/v1/photos/{sha256}": Entry(tag: "cases", summary: "A photo"),
            "GET /api/v1/responsibility-rules": Entry(tag: "cases", summary: "The responsibility list (权责清单)"),
            "POST /api/v1/responsibility-rules": Entry(tag: "cases", summary: "Add a responsibility rule", body: "{class_kind, code_prefix, region_code, component_party_code, department_id, priority, valid_from, valid_to, note}"),
            "DELETE /api/v1/responsibility-rules/{id}": Entry(tag: "cases", summary: "Remove a responsibility rule"),
            "GET /api/v1/responsibility-rules/coverage": Entry(tag: "cases", summary: "Gaps and ties in the responsibility list", query: [("level", "district, zone, subdistrict or city")]),
            "GET /api/v1/config/deadline-policies": Entry(tag: "cases", summary: "Deadline policy versions and the one in force"),
            "POST /api/v1/config/deadline-policies": Entry(tag: "cases", summary: "Adopt a new deadline policy version", body: "a DeadlinePolicy"),
            "GET /api/v1/config/workflow-rules": Entry(tag: "cases", summary: "Who may take which step in which state"),
            "GET /api/v1/evaluations": Entry(
                tag: "evaluation", summary: "The ranked evaluation sheet of a period (indicators, rates, four-in-one parts, grade, change)",
                query: [("period", "2026-10, 2026-W44, 2026-Q4, 2026 or 2026-10-01..2026-10-15"),
                        ("level", "district (with zones), subdistrict, community, grid, city, department, inspector, operator, shift_leader, dispatcher"),
                        ("format", "json, csv or html (the print-ready report)"), ("mode", "indexed (default) or full")]),
            "GET /api/v1/evaluations/cases": Entry(
                tag: "evaluation", summary: "The cases behind one figure (drill-down)",
                query: [("period", "the period"), ("level", "the level"), ("subject", "region code, department id or user id"),
                        ("indicator", "a base count, e.g. closed or due_to_close")] + paging),
            "GET /api/v1/evaluations/totals": Entry(
                tag: "evaluation", summary: "A quarter's reward and penalty table or a year's total, from the month sheets",
                query: [("period", "2026-Q4 or 2026"), ("level", "the level")]),
            "GET /api/v1/evaluations/weekly": Entry(
                tag: "evaluation", summary: "The weekly inspection summary (周巡查通报)", query: [("week", "ISO week, e.g. 2026-W44"), ("level", "a region level")]),
            "POST /api/v1/evaluations/publish": Entry(tag: "evaluation", summary: "Publish (freeze) a month's sheet", body: "{period, level}"),
            "GET /api/v1/evaluations/verify": Entry(
                tag: "evaluation", summary: "Recompute a published sheet and list every difference", query: [("period", "the month"), ("level", "the level")]),
            "GET /api/v1/evaluations/published": Entry(
                tag: "evaluation", summary: "Published district and subdistrict evaluations (public)", query: [("level", "district or subdistrict")] + paging),
            "GET /api/v1/evaluations/published/{period}/{level}": Entry(
                tag: "evaluation", summary: "A published sheet (public): JSON, CSV or the print-ready HTML report", query: [("format", "json, csv or html")]),
            "GET /api/v1/evaluations/reviews": Entry(
                tag: "evaluation", summary: "Spot checks and supervision orders of a month (复核督办)", query: [("month", "2026-10"), ("region", "region code")]),
            "POST /api/v1/evaluations/reviews": Entry(
                tag: "evaluation", summary: "Record a spot check or a supervision order",
                body: "{kind: spot_check|supervision, region_code, place, lon, lat, item_code, description, photos, deduction, outcome, found_at}"),
            "POST /api/v1/evaluations/reviews/{id}/outcome": Entry(tag: "evaluation", summary: "Set a supervision order's outcome", body: "{outcome}"),
            "DELETE /api/v1/evaluations/reviews/{id}": Entry(tag: "evaluation", summary: "Withdraw a review record (not once the month is published)"),
            "GET /api/v1/evaluations/key-tasks": Entry(tag: "evaluation", summary: "Key tasks of a month with their scores (重点工作)", query: [("month", "2026-10")]),
            "POST /api/v1/evaluations/key-tasks": Entry(tag: "evaluation", summary: "Add a key task to a month", body: "{month, title, target, full_score}"),
            "POST /api/v1/evaluations/key-tasks/{id}/scores": Entry(
                tag: "evaluation", summary: "Score a key task for a district, zone or subdistrict", body: "{region_code, score, note}"),
            "GET /api/v1/evaluations/third-party": Entry(tag: "evaluation", summary: "Third-party assessment scores of a month (第三方测评)", query: [("month", "2026-10")]),
            "POST /api/v1/evaluations/third-party": Entry(
                tag: "evaluation", summary: "Import third-party scores from CSV, all or nothing",
                query: [("dry_run", "validate only"), ("source", "the file's name, quoted in problems")], body: "CSV: month,region_code,survey,field_test,assessor"),
            "GET /api/v1/config/evaluation": Entry(tag: "evaluation", summary: "Evaluation configuration versions and the one in force"),
            "POST /api/v1/config/evaluation": Entry(tag: "evaluation", summary: "Adopt a new evaluation configuration version", body: "an EvaluationConfiguration"),
            "GET /api/v1/components": Entry(
                tag: "components", summary: "The component register",
                query: [("bbox", "minLon,minLat,maxLon,maxLat"), ("region", "region code"), ("class_code", "prefix"), ("status", "comma list"),
                        ("authority", "authority credit code"), ("q", "text"), ("format", "json or geojson")] + paging),
            "POST /api/v1/components": Entry(tag: "components", summary: "Register a component (id made when absent)", body: "a component in snake_case"),
            "POST /api/v1/components/import": Entry(
                tag: "components", summary: "Import a component census, all or nothing", query: [("format", "geojson or csv"), ("crs", "wgs84 or gcj02")],
                body: "the file"),
            "GET /api/v1/components/{id}": Entry(tag: "components", summary: "One component"),
            "PATCH /api/v1/components/{id}": Entry(tag: "components", summary: "Change a component (kept in its history)", body: "the fields to change"),
            "GET /api/v1/components/{id}/history": Entry(tag: "components", summary: "A component's history"),
            "GET /open311/v2/{file}": Entry(
                tag: "open311", summary: "GeoReport v2: discovery, services, requests, servicerequestupdates (.xml or .json)",
                query: [("jurisdiction_id", "accepted, ignored"), ("service_request_id", "comma list"), ("service_code", "comma list"),
                        ("start_date", "W3C date-time"), ("end_date", "W3C date-time"), ("status", "open, closed"), ("lat", "latitude"),
                        ("long", "longitude"), ("radius", "metres"), ("updated_after", "W3C"), ("updated_before", "W3C"),
                        ("page", "page"), ("page_size", "≤ 1000")]),
            "POST /open311/v2/{file}": Entry(tag: "open311", summary: "GeoReport v2: post a service request (requests.xml or .json)", body: "form-urlencoded or multipart"),
            "GET /open311/v2/services/{file}": Entry(tag: "open311", summary: "GeoReport v2: a service definition"),
            "GET /open311/v2/service/{file}": Entry(tag: "open311", summary: "GeoReport v2: a service definition (alias)"),
            "GET /open311/v2/requests/{file}": Entry(tag: "open311", summary: "GeoReport v2: one service request"),
            "GET /open311/v2/tokens/{file}": Entry(tag: "open311", summary: "GeoReport v2: a token (requests are realtime: always 404)"),
        ]
        for kind in CaseCommand.Kind.allCases where kind != .markMerged && kind != .absorbDuplicate {
            e["POST /api/v1/cases/{id}/\(kind.rawValue)"] = Entry(tag: "cases", summary: "Step: \(kind.nameZH) (\(kind.rawValue))", body: "see docs/cases.md")
        }
        return e
    }()

    /// Every problem `type` the API answers with, and its title.
    public static let problemTypes: [(String, String)] = [
        ("invalid-parameter", "Invalid parameter"), ("invalid-body", "Invalid request body"), ("validation-failed", "Validation failed"),
        ("not-found", "Not found"), ("method-not-allowed", "Method not allowed"), ("too-large", "Content too large"),
        ("outside-service-area", "Outside the service area"), ("authentication-required", "Authentication required"),
        ("forbidden", "Forbidden"), ("password-change-required", "Password change required"), ("csrf-token-invalid", "Missing or wrong CSRF token"),
        ("grant-out-of-scope", "Grant outside your scope"), ("region-out-of-scope", "Region outside your scope"),
        ("too-many-attempts", "Too many failed sign-ins"), ("weak-password", "Password too weak"), ("conflict", "Conflict"), ("frozen", "Published and frozen"),
        ("import-refused", "Import refused, nothing imported"), ("step-not-allowed", "Step not allowed"), ("wrong-status", "Not possible in this status"),
        ("case-changed", "The case changed"), ("unsupported-photo", "Not a JPEG, PNG or WebP image"),
        ("database-unavailable", "Database unavailable"), ("undeclared-route", "Route without permission"), ("internal", "Internal server error"),
    ]

    /// Example requests whose answers a test checks against the running server (the answer must
    /// carry every key of the example).
    public static let examples: [(method: String, path: String, uri: String, response: String)] = [
        ("GET", "/healthz", "/healthz", #"{"status":"ok","database":"sqlite","regions":16679,"region_revision":1}"#),
        ("GET", "/api/v1/locate", "/api/v1/locate?lon=118.015&lat=36.715",
         #"{"query":{"lon":118.015,"lat":36.715,"crs":"wgs84"},"wgs84":[118.015,36.715],"chain":[],"city":{"code":"370300"}}"#),
        ("GET", "/api/v1/regions", "/api/v1/regions?level=district", #"{"items":[],"total":8,"page":1,"per_page":50,"page_count":1}"#),
        ("GET", "/api/v1/catalogue/classes", "/api/v1/catalogue/classes?kind=matter&code=06001",
         #"{"items":[{"kind":"matter","code":"06001","name":"私搭乱建","major_code":"06","major_name":"市容环境类","standard":"GB/T 47678.5-2026","attributes":[]}],"total":1,"page":1,"per_page":50,"page_count":1}"#),
    ]
}
