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
        for route in permissions.all {
            let key = "\(route.method) \(route.path)"
            let entry = APIDocumentation.entries[key]
            var parameters: [[String: Any]] = []
            for name in Self.pathParameters(route.path) {
                parameters.append(["name": name, "in": "path", "required": true, "schema": ["type": "string"]])
            }
            for (name, description) in entry?.query ?? [] {
                parameters.append(["name": name, "in": "query", "required": false, "description": description, "schema": ["type": "string"]])
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
                responses["200"] = ["description": "OK", "content": ["application/json": ["schema": ["type": "object"], "example": response]]]
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
        if method == "POST" && !path.hasPrefix("/open311/") { responses["201"] = ["description": "Created"] }
        if method == "DELETE" { responses["204"] = ["description": "Deleted"] }
        return responses
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
