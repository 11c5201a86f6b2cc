import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Health, metrics, request ids and errors")
struct OperationsTests {
    @Test("healthz reports the database and the region index", arguments: TestDatabase.all)
    func health(_ database: TestDatabase) async throws {
        try await withTestApp(database) { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { (response) throws in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["status"] as? String == "ok")
                #expect(json["database"] as? String == database.rawValue)
                #expect(json["regions"] as? Int == 10)
            }
        }
    }

    @Test("every response carries a request id; a well-formed caller id is kept, a hostile one replaced")
    func requestIDs() async throws {
        try await withTestApp(.sqlite) { client, _ in
            try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: "trace-123"]) { (response) throws in
                #expect(response.headers[.requestID] == "trace-123")
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: "bad id\nforged"]) { (response) throws in
                let id = try #require(response.headers[.requestID])
                #expect(id != "bad id\nforged" && !id.isEmpty)
            }
            try await client.execute(uri: "/no/such/route", method: .get) { (response) throws in
                #expect(response.status == .notFound)
                #expect(response.headers[.requestID] != nil)
                let json = try response.json()
                #expect(json["request_id"] as? String == response.headers[.requestID])
                #expect(json["instance"] as? String == "/no/such/route")
            }
        }
    }

    @Test("metrics are Prometheus text with request counts by route and the database pool, for operators only")
    func metrics() async throws {
        try await withTestApp(.sqlite) { client, _ in
            try await client.execute(uri: "/api/v1/locate?lon=118.015&lat=36.715", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { (response) throws in
                #expect(response.status == .unauthorized)
            }
            let admin = try await signIn(client, "admin")
            try await client.execute(uri: "/metrics", method: .get, headers: admin.headers()) { (response) throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = response.text
                #expect(text.contains("hb_requests{"))
                #expect(text.contains("http_route=\"/api/v1/locate\""))
                #expect(text.contains("http_server_request_duration_bucket"))
                #expect(text.contains("finegrain_db_pool_size"))
                #expect(text.contains("finegrain_db_connections_in_use"))
            }
        }
    }

    @Test("a wrong method on an existing resource is a 405 problem naming the allowed methods")
    func wrongMethod() async throws {
        try await withTestApp(.sqlite) { client, _ in
            try await client.execute(uri: "/api/v1/locate?lon=118&lat=36", method: .delete) { (response) throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            }
        }
    }
}
