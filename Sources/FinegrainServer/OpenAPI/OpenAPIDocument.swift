import FinegrainCore
import Foundation
import Hummingbird

/// The OpenAPI 3.1 document of the whole API, generated from the router's permission table (every
/// route that exists, and only those) and ``APIDocumentation`` (the words). Served at `/openapi.json`.
///
/// ```swift
/// let json = OpenAPIDocument(permissions: permissions).json()
/// ```
struct OpenAPIDocument {
    let permissions: RoutePermissions

    func object() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        // The console's pages (`/console/…`) are HTML for browsers, not API: they are not listed.
        for route in permissions.all where !route.path.hasPrefix("/console") {
            let key = "\(route.method) \(route.path)"
            let entry = APIDocumentation.entries[key]
            var parameters: [[String: Any]] = []
            for name in Self.pathParameters(route.path) {
                let schema: [String: Any] = switch name {
                case "kind": ["type": "string", "enum": ClassKind.allCases.map(\.rawValue)]
                case "sha256": ["type": "string", "pattern": "^[0-9a-f]{64}$"]
                default: ["type": "string"]
                }
                parameters.append(["name": name, "in": "path", "required": true, "schema": schema])
            }
            for (name, description) in entry?.query ?? [] {
                let required = (route.path == "/api/v1/locate" && (name == "lon" || name == "lat"))
                    || (route.path == "/api/v1/components/import" && name == "format")
                parameters.append([
                    "name": name, "in": "query", "required": required, "description": description,
                    "schema": Self.schema(forQuery: name, route.path),
                ])
            }
            var operation: [String: Any] = [
                "operationId": Self.operationID(route.method, route.path),
                "summary": entry?.summary ?? "(undocumented)",
                "tags": [entry?.tag ?? "other"],
                "x-permission": route.permission.rawValue,
                "parameters": parameters,
                "responses": Self.responses(route.path, route.method),
            ]
            if route.permission == .public {
                operation["security"] = [[String: Any]]()
            }
            if let body = entry?.body, ["POST", "PATCH", "PUT"].contains(route.method) {
                operation["requestBody"] = ["description": body, "content": ["application/json": ["schema": ["type": "object"]]]]
            }
            if let example = APIDocumentation.examples.first(where: { $0.method == route.method && $0.path == route.path }),
                let response = try? JSONSerialization.jsonObject(with: Data(example.response.utf8))
            {
                operation["x-example-request"] = example.uri
                var responses = operation["responses"] as? [String: Any] ?? [:]
                var ok = responses["200"] as? [String: Any] ?? ["description": "OK"]
                var content = ok["content"] as? [String: Any] ?? [:]
                content["application/json"] = ["schema": ["type": "object"], "example": response]
                ok["content"] = content
                responses["200"] = ok
                operation["responses"] = responses
            }
            paths[route.path, default: [:]][route.method.lowercased()] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Finegrain — city comprehensive management service platform (城市综合管理服务平台)",
                "version": "1",
                "description": "Generated from the running router: every route and its permission (x-permission). Errors are RFC 9457 problem details.",
            ],
            "servers": [["url": "/"]],
            "security": [["session": [String]()], ["apiKey": [String]()]],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "session": ["type": "apiKey", "in": "cookie", "name": AccessMiddleware.sessionCookie, "description": "console session; changes need X-CSRF-Token"],
                    "apiKey": ["type": "http", "scheme": "bearer", "description": "Authorization: Bearer fgk_…"],
                ],
                "schemas": [
                    "Problem": [
                        "type": "object",
                        "required": ["type", "title", "status", "detail"],
                        "properties": [
                            "type": ["type": "string", "enum": APIDocumentation.problemTypes.map { "/problems/\($0.0)" }],
                            "title": ["type": "string"], "status": ["type": "integer"], "detail": ["type": "string"],
                            "detail_zh": ["type": "string"], "instance": ["type": "string"], "request_id": ["type": "string"],
                            "errors": ["type": "array", "items": ["type": "object", "properties": ["field": ["type": "string"], "detail": ["type": "string"], "detail_zh": ["type": "string"]]]],
                        ],
                    ]
                ],
                "responses": [
                    "Problem": [
                        "description": "Problem details (RFC 9457); the type is one of " + APIDocumentation.problemTypes.map { "/problems/\($0.0) (\($0.1))" }.joined(separator: ", "),
                        "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
                    ]
                ],
            ],
        ]
    }

    func json() -> Data {
        (try? JSONSerialization.data(withJSONObject: object(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    static func responses(_ path: String, _ method: String) -> [String: Any] {
        var responses: [String: Any] = [
            "200": ["description": "OK", "content": ["application/json": ["schema": ["type": "object"]]]],
            "4XX": ["$ref": "#/components/responses/Problem"],
            "5XX": ["$ref": "#/components/responses/Problem"],
        ]
        if path.hasPrefix("/open311/") {
            responses["200"] = ["description": "OK (XML or JSON by the suffix)", "content": ["text/xml": ["schema": ["type": "string"]], "application/json": ["schema": [:]]]]
            responses["4XX"] = ["description": "Open311 errors: [{code, description}] / <errors>"]
        }
        if method == "POST" && !path.hasPrefix("/open311/") {
            responses["201"] = ["description": "Created", "content": ["application/json": ["schema": ["type": "object"]]]]
            responses["204"] = ["description": "Done, nothing to return"]
        }
        if path == "/metrics" {
            responses["200"] = ["description": "Prometheus text exposition format", "content": ["text/plain": ["schema": ["type": "string"]]]]
        }
        if path == "/api/v1/regions" || path == "/api/v1/components" {
            responses["200"] = [
                "description": "OK (a GeoJSON FeatureCollection with format=geojson)",
                "content": ["application/json": ["schema": ["type": "object"]], "application/geo+json": ["schema": ["type": "object"]]],
            ]
        }
        if path.hasPrefix("/api/v1/photos/") {
            responses["200"] = ["description": "The image", "content": ["image/*": ["schema": ["type": "string", "format": "binary"]]]]
            responses["304"] = ["description": "Not modified (If-None-Match)"]
        }
        if path == "/api/v1/evaluations" || path == "/api/v1/evaluations/published/{period}/{level}" {
            responses["200"] = [
                "description": "OK (CSV with format=csv, the print-ready report with format=html)",
                "content": ["application/json": ["schema": ["type": "object"]], "text/csv": ["schema": ["type": "string"]], "text/html": ["schema": ["type": "string"]]],
            ]
        }
        if path == "/evaluations" {
            responses["200"] = ["description": "The public notice board", "content": ["text/html": ["schema": ["type": "string"]]]]
        }
        if method == "DELETE" { responses["204"] = ["description": "Deleted"] }
        return responses
    }

    /// The schema of a query parameter: what the server accepts, so that a schema-valid value is
    /// never refused.
    static func schema(forQuery name: String, _ path: String) -> [String: Any] {
        func enumeration(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
        switch name {
        case "page": return ["type": "integer", "minimum": 1, "maximum": 1_000_000]
        case "per_page": return ["type": "integer", "minimum": 1, "maximum": path.hasSuffix("/components") ? 1000 : 500]
        case "page_size": return ["type": "integer", "minimum": 1, "maximum": 1000]
        case "lon", "long": return ["type": "number", "minimum": -180, "maximum": 180]
        case "lat": return ["type": "number", "minimum": -90, "maximum": 90]
        case "radius": return ["type": "number", "minimum": 1, "maximum": path.hasPrefix("/open311") ? 50_000 : 5_000]
        case "hours": return ["type": "number", "minimum": 1, "maximum": 2_160]
        case "tolerance": return ["type": "number", "minimum": 0, "maximum": 10_000]
        case "crs": return enumeration(CoordinateSystem.allCases.map(\.rawValue))
        case "order": return enumeration(["asc", "desc"])
        case "synthetic", "dry_run", "overdue", "related", "disabled": return enumeration(["true", "false"])
        case "kind":
            return path.contains("departments") ? enumeration(Department.Kind.allCases.map(\.rawValue)) : enumeration(ClassKind.allCases.map(\.rawValue))
        case "class_kind": return enumeration(ClassKind.allCases.map(\.rawValue))
        case "role": return enumeration(Role.allCases.map(\.rawValue))
        case "source": return ["type": "string", "pattern": "^(" + CaseSource.allCases.map(\.rawValue).joined(separator: "|") + ")(,(" + CaseSource.allCases.map(\.rawValue).joined(separator: "|") + "))*$"]
        case "status" where path.hasPrefix("/open311"): return ["type": "string", "pattern": "^(open|closed)(,(open|closed))*$"]
        case "status" where path.hasSuffix("/components"):
            let values = ComponentStatus.allCases.map(\.rawValue).joined(separator: "|")
            return ["type": "string", "pattern": "^(\(values))(,(\(values)))*$"]
        case "status":
            let values = CaseStatus.allCases.map(\.rawValue).joined(separator: "|")
            return ["type": "string", "pattern": "^(\(values))(,(\(values)))*$"]
        case "level" where path.contains("/evaluations/published"):
            return enumeration([EvaluationLevel.district.rawValue, EvaluationLevel.subdistrict.rawValue])
        case "level" where path.contains("/evaluations"):
            return enumeration(EvaluationLevel.allCases.map(\.rawValue))
        case "indicator": return enumeration(Indicator.allCases.map(\.rawValue))
        case "mode": return enumeration(["indexed", "full"])
        case "format" where path.contains("/evaluations"): return enumeration(["json", "csv", "html"])
        case "level":
            return path.hasSuffix("coverage") ? enumeration(["city", "district", "zone", "subdistrict"]) : enumeration(RegionLevel.allCases.map(\.rawValue))
        case "format": return path.hasSuffix("/import") ? enumeration(["geojson", "csv"]) : enumeration(["json", "geojson"])
        case "sort":
            return path.hasSuffix("/cases") ? enumeration(["reported_at", "due_at", "updated_at", "number"]) : enumeration(["code", "name", "area"])
        case "include": return ["type": "string", "pattern": "^(ancestors|children|geometry)(,(ancestors|children|geometry))*$"]
        case "bbox": return ["type": "string", "pattern": "^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$"]
        case "from", "to", "start_date", "end_date", "updated_after", "updated_before":
            return ["type": "string", "format": path.hasSuffix("/cases") ? "date" : "date-time"]
        default: return ["type": "string"]
        }
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    static func operationID(_ method: String, _ path: String) -> String {
        let words = path.split(whereSeparator: { "/{}-._".contains($0) }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return method.lowercased() + words.joined()
    }
}

/// `GET /openapi.json`.
struct OpenAPIController: Sendable {
    let permissions: RoutePermissions

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("openapi.json", .public, use: document)
    }

    @Sendable func document(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument(permissions: permissions).json())))
    }
}
