public import FinegrainCore
public import Hummingbird
import Foundation
import Synchronization

/// The one table of what every route needs. Routes are added through ``SecuredRoutes``, which
/// records the permission as it registers the handler; ``AccessMiddleware`` looks it up for every
/// request and refuses any route that is missing (fail closed). A test enumerates the router's
/// routes against this table.
public final class RoutePermissions: Sendable {
    private let table = Mutex<[String: Permission]>([:])

    public init() {}

    static func key(_ method: HTTPRequest.Method, _ path: String) -> String { "\(method.rawValue) \(path)" }

    func declare(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission) {
        table.withLock { $0[Self.key(method, path)] = permission }
    }

    /// The permission declared for a route (`path` as Hummingbird reports the endpoint, e.g.
    /// `/api/v1/regions/{code}`).
    public func permission(_ method: HTTPRequest.Method, _ path: String) -> Permission? {
        table.withLock { $0[Self.key(method, path)] }
    }

    /// The methods declared for routes whose pattern matches a concrete `path` (for 405 answers).
    public func methods(matching path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = all.compactMap { route -> (method: String, literals: Int)? in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
            guard pattern.count == segments.count,
                zip(pattern, segments).allSatisfy({ p, s in (p.hasPrefix("{") && p.hasSuffix("}")) || p == s })
            else { return nil }
            return (route.method, pattern.filter { !$0.hasPrefix("{") }.count)
        }
        // The most literal pattern wins, as in the router (`coverage` over `{id}`).
        let best = matching.map(\.literals).max() ?? 0
        return Array(Set(matching.filter { $0.literals == best }.map(\.method))).sorted()
    }

    /// Every declared route: `(method, path, permission)`.
    public var all: [(method: String, path: String, permission: Permission)] {
        table.withLock { table in
            table.map { key, permission in
                let parts = key.split(separator: " ", maxSplits: 1)
                return (String(parts[0]), String(parts[1]), permission)
            }.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
        }
    }
}

/// Registers routes together with the permission each needs.
///
/// ```swift
/// let api = SecuredRoutes(router: router, prefix: "api/v1", permissions: permissions)
/// api.get("users/{id}", .usersRead, use: users.show)
/// ```
public struct SecuredRoutes {
    let group: RouterGroup<FinegrainRequestContext>
    let prefix: String
    let permissions: RoutePermissions

    public init(router: Router<FinegrainRequestContext>, prefix: String, permissions: RoutePermissions) {
        self.group = router.group(RouterPath(prefix))
        self.prefix = prefix.isEmpty ? "" : "/" + prefix.trimmingCharacters(in: ["/"])
        self.permissions = permissions
    }

    public typealias Handler<Output> = @Sendable (Request, FinegrainRequestContext) async throws -> Output

    private func path(_ path: String) -> String { prefix + "/" + path.trimmingCharacters(in: ["/"]) }

    public func get<Output: ResponseGenerator>(_ path: String, _ permission: Permission, use handler: @escaping Handler<Output>) {
        permissions.declare(.get, self.path(path), permission)
        group.get(RouterPath(path), use: handler)
    }

    public func post<Output: ResponseGenerator>(_ path: String, _ permission: Permission, use handler: @escaping Handler<Output>) {
        permissions.declare(.post, self.path(path), permission)
        group.post(RouterPath(path), use: handler)
    }

    public func patch<Output: ResponseGenerator>(_ path: String, _ permission: Permission, use handler: @escaping Handler<Output>) {
        permissions.declare(.patch, self.path(path), permission)
        group.patch(RouterPath(path), use: handler)
    }

    public func delete<Output: ResponseGenerator>(_ path: String, _ permission: Permission, use handler: @escaping Handler<Output>) {
        permissions.declare(.delete, self.path(path), permission)
        group.delete(RouterPath(path), use: handler)
    }
}
