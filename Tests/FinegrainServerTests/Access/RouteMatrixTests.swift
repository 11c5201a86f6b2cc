import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import FinegrainDemo
import Testing

@Suite("Every route declares its permission, and every role gets exactly what the policy says")
struct RouteMatrixTests {
    /// The router's routes and the permission table, from a real router.
    static func table() async throws -> (routes: Set<String>, declared: [(method: String, path: String, permission: Permission)]) {
        try await TestDatabase.sqlite.withStore { (store: Store) async throws in
            let logger = Logger(label: "t")
            let workflow = Workflow(rules: .standard, policy: .standard, calendar: try ReferenceData.workingCalendar())
            let (router, permissions) = buildRouter(
                store: store, index: RegionIndex(store: store, logger: logger), catalogue: CatalogueIndex(store: store, logger: logger),
                workflow: workflow, access: testAccessSettings)
            let routes = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
            return (routes, permissions.all)
        }
    }

    @Test("the router has no route without a declared permission, and the table names no route that does not exist")
    func everyRouteDeclared() async throws {
        let (routes, declared) = try await Self.table()
        let declaredKeys = Set(declared.map { "\($0.method) \($0.path)" })
        #expect(!routes.isEmpty)
        #expect(routes.subtracting(declaredKeys).isEmpty, "undeclared: \(routes.subtracting(declaredKeys).sorted())")
        #expect(declaredKeys.subtracting(routes).isEmpty, "declared but missing: \(declaredKeys.subtracting(routes).sorted())")
    }

    /// A concrete URI for a route pattern.
    static func uri(_ path: String) -> String {
        path.replacingOccurrences(of: "{code}", with: "370303").replacingOccurrences(of: "{id}", with: "no-such-id")
            .replacingOccurrences(of: "{grantID}", with: "no-such-grant").replacingOccurrences(of: "{kind}", with: "matter")
            .replacingOccurrences(of: "{sha256}", with: String(repeating: "0", count: 64))
    }

    @Test("anonymous callers get 401 (with WWW-Authenticate) on every non-public route")
    func anonymous() async throws {
        let (_, declared) = try await Self.table()
        try await withTestApp(.sqlite) { (client, _) async throws in
            for route in declared {
                try await client.execute(uri: Self.uri(route.path), method: .init(rawValue: route.method)!, body: ByteBuffer(string: "{}")) { (response) throws in
                    if route.permission == .public {
                        #expect(response.status != .unauthorized && response.status != .forbidden, "\(route.method) \(route.path)")
                    } else if route.path.hasPrefix("/console") {
                        // A browser is sent to the sign-in page instead.
                        #expect(response.status == .seeOther, "\(route.method) \(route.path): \(response.status)")
                        #expect(response.headers[.location]?.hasPrefix("/console/login?next=") == true)
                    } else {
                        #expect(response.status == .unauthorized, "\(route.method) \(route.path): \(response.status)")
                        #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                    }
                }
            }
        }
    }

    @Test("each role: allowed routes never answer 401/403, the others answer 403", arguments: Role.allCases)
    func role(_ role: Role) async throws {
        // Signing out ends the session, so it goes last.
        let declared = try await Self.table().declared.sorted { a, _ in !a.path.hasSuffix("logout") }
        try await withTestApp(.sqlite) { (client, _) async throws in
            let session = try await signIn(client, "role-\(role.rawValue)")
            let held = AccessPolicy.standard.permissions(of: role)
            for route in declared {
                try await client.execute(
                    uri: Self.uri(route.path), method: .init(rawValue: route.method)!, headers: session.headers(), body: ByteBuffer(string: "{}")
                ) { (response) throws in
                    let label = "\(role.rawValue): \(route.method) \(route.path) → \(response.status.code)"
                    if held.contains(route.permission) {
                        #expect(response.status != .unauthorized && response.status != .forbidden, "\(label) \(response.text)")
                    } else {
                        #expect(response.status == .forbidden, "\(label)")
                    }
                }
            }
        }
    }

    /// The middleware leaves console forms' CSRF check to ``ConsoleForm``; this fails the day a
    /// console form route forgets to read its form through it.
    @Test("every console form route refuses a post without the session's CSRF token")
    func consoleFormsCheckCSRF() async throws {
        let routes = try await Self.table().declared.filter { $0.method == "POST" && $0.path.hasPrefix("/console") && $0.permission != .public }
        #expect(!routes.isEmpty)
        try await withTestApp(.sqlite) { (client, _) async throws in
            for route in routes {
                let role = try #require(Role.allCases.first { AccessPolicy.standard.permissions(of: $0).contains(route.permission) })
                var headers = try await signIn(client, "role-\(role.rawValue)").headers(csrf: false)
                headers[.contentType] = "application/x-www-form-urlencoded"
                try await client.execute(
                    uri: Self.uri(route.path), method: .post, headers: headers,
                    body: ByteBuffer(string: "note=x")
                ) { (response) throws in
                    #expect(response.status == .forbidden, "\(route.path) as \(role.rawValue): \(response.status)")
                    #expect(response.text.contains("页面已过期"), "\(route.path): \(response.text.prefix(200))")
                }
            }
        }
    }
}
