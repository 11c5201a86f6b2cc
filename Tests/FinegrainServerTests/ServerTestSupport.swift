import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Logging
import NIOCore

/// Access settings for tests: bcrypt at its cheapest cost, everything else as in production.
var testAccessSettings: AccessSettings {
    var settings = AccessSettings()
    settings.bcryptCost = 4
    return settings
}

/// Runs `body` against the real application (router, middleware, services) over a test store
/// holding `regions` and the ``TestPeople``.
func withTestApp(
    _ database: TestDatabase, regions: [Region] = RegionTreeFixture.regions, access: AccessSettings = testAccessSettings,
    _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> Void
) async throws {
    FinegrainMetrics.bootstrap()
    try await database.withStore { (store: Store) async throws in
        try await store.upsertRegions(regions, actor: .system)
        try await TestPeople.seed(store)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = try await buildApplication(store: store, settings: ServerSettings(host: "127.0.0.1", port: 0), access: access, logger: logger)
        try await app.test(.router) { client in try await body(client, store) }
    }
}

extension TestResponse {
    /// The body decoded as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw JSONShapeError()
        }
        return object
    }

    var text: String { String(buffer: body) }
}

struct JSONShapeError: Error {}

/// People over the ``RegionTreeFixture``: administrators of the city, of 张店区 and of 高新区, a
/// 张店区 handler, a 淄川区 handler, an inspector of one grid, a citizen, and one city-wide user
/// per role (`role-<role>`) for the route × role matrix. All share ``password``.
enum TestPeople {
    static let password = "Test-Password-2026!"
    static let hash = Bcrypt.hash(password, cost: 4)

    static var users: [UserAccount] {
        var users = [
            user("admin", [Grant(role: .administrator, regionCode: "370300")]),
            user("zd-admin", [Grant(role: .administrator, regionCode: "370303")]),
            user("zone-admin", [Grant(role: .administrator, regionCode: "370371")]),
            user("zd-handler", [Grant(role: .departmentHandler, regionCode: "370303", departmentID: "d-zd")], department: "d-zd"),
            user("zc-handler", [Grant(role: .departmentHandler, regionCode: "370302", departmentID: "d-zc")], department: "d-zc"),
            user("inspector", [Grant(role: .inspector, regionCode: "370303001001001")]),
            user("citizen", [Grant(role: .citizen)]),
        ]
        users += Role.allCases.map { user("role-\($0.rawValue)", [Grant(role: $0, regionCode: $0 == .citizen ? nil : "370300")]) }
        return users
    }

    static func user(_ username: String, _ grants: [Grant], department: String? = nil) -> UserAccount {
        UserAccount(id: "id-\(username)", username: username, displayName: username, departmentID: department, grants: grants)
    }

    static func seed(_ store: Store) async throws {
        try await store.upsertRegions(
            [Region(code: "370302", level: .district, name: "淄川区", parentCode: "370300", synthetic: false, geometry: RegionTreeFixture.square(118.1, 36.7, 0.1))],
            actor: .system)
        try await store.createDepartment(
            Department(id: "d-zd", name: "张店区环卫", kind: .disposalUnit, creditCode: nil, parentID: nil, regionCode: "370303"), actor: .system)
        try await store.createDepartment(
            Department(id: "d-zc", name: "淄川区市政", kind: .disposalUnit, creditCode: nil, parentID: nil, regionCode: "370302"), actor: .system)
        for user in users { try await store.createUser(user, passwordHash: hash, actor: .system) }
    }
}

/// A signed-in console session in a test.
struct TestSession {
    var cookie: String
    var csrf: String

    /// Headers for a request in this session; `csrf: false` leaves the CSRF token out.
    func headers(csrf withCSRF: Bool = true) -> HTTPFields {
        var headers: HTTPFields = [.cookie: "fg_session=\(cookie)"]
        if withCSRF { headers[.csrfToken] = csrf }
        return headers
    }
}

/// Signs in and returns the session, failing the test if sign-in fails.
func signIn(_ client: some TestClientProtocol, _ username: String, password: String = TestPeople.password) async throws -> TestSession {
    let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
    return try await client.execute(uri: "/api/v1/auth/login", method: .post, body: ByteBuffer(bytes: body)) { response in
        guard response.status == .ok, let setCookie = response.headers[.setCookie],
            let token = setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last,
            let csrf = try response.json()["csrf_token"] as? String
        else { throw SignInFailed(status: response.status.code, body: response.text) }
        return TestSession(cookie: String(token), csrf: csrf)
    }
}

struct SignInFailed: Error {
    var status: Int
    var body: String
}

/// A JSON body for a request.
func jsonBody(_ object: [String: Any]) throws -> ByteBuffer {
    ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
}
