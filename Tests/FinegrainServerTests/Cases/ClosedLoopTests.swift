import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The closed loop over HTTP, each role in turn")
struct ClosedLoopTests {
    /// A minimal JPEG header: enough for content sniffing.
    static let jpeg = ByteBuffer(bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01])

    static func upload(_ client: some TestClientProtocol, _ session: TestSession, _ bytes: ByteBuffer = jpeg) async throws -> String {
        try await client.execute(uri: "/api/v1/photos", method: .post, headers: session.headers(), body: bytes) { (response) throws in
            #expect(response.status == .created)
            return try #require(try response.json()["sha256"] as? String)
        }
    }

    static func step(
        _ client: some TestClientProtocol, _ session: TestSession, _ id: String, _ step: String, _ body: [String: Any] = [:],
        expect status: HTTPResponse.Status = .ok
    ) async throws -> [String: Any] {
        try await client.execute(uri: "/api/v1/cases/\(id)/\(step)", method: .post, headers: session.headers(), body: try jsonBody(body)) { (response) throws in
            #expect(response.status == status, "\(step): \(response.text)")
            return try response.json()
        }
    }

    @Test("report → verify → file → dispatch → feedback → failed check (返工) → feedback → check → close", arguments: TestDatabase.all)
    func wholeLoop(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            let citizen = try await signIn(client, "citizen")
            let photo = try await Self.upload(client, citizen)
            let id: String = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: citizen.headers(),
                body: try jsonBody([
                    "source": "citizen", "class_kind": "matter", "class_code": "06001", "description": "人行道上私搭乱建棚子",
                    "lon": 118.005, "lat": 36.715, "reporter_phone": "13800138000", "photos": [photo],
                ])
            ) { (response) throws in
                #expect(response.status == .created, "\(response.text)")
                let json = try response.json()
                #expect(json["status"] as? String == "reported")
                #expect(json["grid_code"] as? String == "370303001001001")
                #expect(json["class_name"] as? String == "私搭乱建")
                #expect((json["number"] as? String)?.hasPrefix("FG") == true)
                return try #require(json["id"] as? String)
            }
            let operatorSession = try await signIn(client, "role-operator")
            let inspector = try await signIn(client, "inspector")
            let leader = try await signIn(client, "role-shift_leader")
            let dispatcher = try await signIn(client, "role-dispatcher")
            let handler = try await signIn(client, "zd-handler")

            // A shift leader cannot file a public report before it is verified.
            _ = try await Self.step(client, leader, id, "file", expect: .unprocessableContent)
            _ = try await Self.step(client, operatorSession, id, "request_verification")
            // The dispatcher is not the inspector.
            _ = try await Self.step(client, dispatcher, id, "verify", ["confirmed": true], expect: .forbidden)
            let verified = try await Self.step(client, inspector, id, "verify", ["confirmed": true, "note": "属实"])
            #expect(verified["status"] as? String == "verified")
            _ = try await Self.step(client, leader, id, "file", ["urgency": "urgent"])
            _ = try await Self.step(client, dispatcher, id, "dispatch", ["department_id": "no-such-department"], expect: .unprocessableContent)
            let dispatched = try await Self.step(client, dispatcher, id, "dispatch", ["department_id": "d-zd"])
            #expect(dispatched["status"] as? String == "dispatched")
            #expect((dispatched["reporter"] as? [String: Any]) == nil)  // a dispatcher does not see the reporter
            #expect(dispatched["reporter_redacted"] as? Bool == true)

            // The handler needs a photo of the fix.
            _ = try await Self.step(client, handler, id, "feedback", ["result": "已拆除"], expect: .unprocessableContent)
            let fixPhoto = try await Self.upload(client, handler, ByteBuffer(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]))
            let handled = try await Self.step(client, handler, id, "feedback", ["result": "已拆除", "photos": [fixPhoto]])
            #expect(handled["status"] as? String == "handled")
            #expect((handled["reporter"] as? [String: Any])?["phone"] as? String == "13800138000")  // the case's own handler does
            _ = try await Self.step(client, operatorSession, id, "request_check")
            let failed = try await Self.step(client, inspector, id, "check", ["passed": false, "note": "未拆干净", "photos": [photo]])
            #expect(failed["status"] as? String == "dispatched")
            #expect(failed["rework_count"] as? Int == 1)
            _ = try await Self.step(client, handler, id, "feedback", ["result": "已彻底拆除", "photos": [fixPhoto]])
            _ = try await Self.step(client, operatorSession, id, "request_check")
            _ = try await Self.step(client, inspector, id, "check", ["passed": true, "photos": [fixPhoto]])
            let closed = try await Self.step(client, leader, id, "close")
            #expect(closed["status"] as? String == "closed")
            _ = try await Self.step(client, operatorSession, id, "record_callback", ["satisfaction": "very"], expect: .badRequest)
            let called = try await Self.step(client, operatorSession, id, "record_callback", ["satisfaction": "satisfied", "note": "市民表示满意"])
            #expect(called["satisfaction"] as? String == "satisfied")
            #expect((closed["deadlines"] as? [[String: Any]])?.allSatisfy { $0["completed_at"] != nil } == true)

            try await client.execute(uri: "/api/v1/cases/\(id)/timeline", method: .get, headers: dispatcher.headers()) { (response) throws in
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                #expect(items.count == 13)
                #expect(items.map { $0["type"] as? String ?? "" }.first == "reported")
                #expect(items.allSatisfy { ($0["payload"] as? [String: String])?["reporter_phone"] == nil })
                #expect(items.allSatisfy { ($0["request_id"] as? String)?.isEmpty == false && $0["actor_role"] != nil })
                for (a, b) in zip(items, items.dropFirst()) { #expect(b["previous_hash"] as? String == a["hash"] as? String) }
            }
            // The citizen follows their own case; another district's handler cannot see it at all.
            try await client.execute(uri: "/api/v1/cases", method: .get, headers: citizen.headers()) { (response) throws in
                #expect(try response.json()["total"] as? Int == 1)
            }
            let other = try await signIn(client, "zc-handler")
            try await client.execute(uri: "/api/v1/cases/\(id)", method: .get, headers: other.headers()) { (response) throws in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("a stale version gets 409 with the current state; a wrong status gets 409; the queue shows what one can do")
    func conflicts() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            let inspector = try await signIn(client, "inspector")
            let id: String = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: inspector.headers(),
                body: try jsonBody(["source": "inspector", "class_kind": "component", "class_code": "01001", "description": "供水井盖破损", "lon": 118.005, "lat": 36.715])
            ) { (response) throws in try #require(try response.json()["id"] as? String) }
            let leader = try await signIn(client, "role-shift_leader")
            try await client.execute(uri: "/api/v1/queues/mine", method: .get, headers: leader.headers()) { (response) throws in
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                #expect(items.contains { $0["id"] as? String == id && ($0["actions"] as? [String])?.contains("file") == true })
            }
            _ = try await Self.step(client, leader, id, "file")
            var headers = leader.headers()
            headers[.ifMatch] = "1"
            try await client.execute(uri: "/api/v1/cases/\(id)/close", method: .post, headers: headers, body: try jsonBody([:])) { (response) throws in
                #expect(response.status == .conflict)
                let json = try response.json()
                #expect(json["type"] as? String == "/problems/case-changed")
                #expect((json["errors"] as? [[String: Any]])?.first?["detail"] as? String == "filed")
            }
            _ = try await Self.step(client, leader, id, "close", expect: .conflict)
        }
    }

    @Test("intake is validated: unknown class, outside the city, missing hotline ticket, a fake photo, a non-image upload")
    func intakeValidation() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            let operatorSession = try await signIn(client, "role-operator")
            func report(_ body: [String: Any], expect status: HTTPResponse.Status) async throws {
                try await client.execute(uri: "/api/v1/cases", method: .post, headers: operatorSession.headers(), body: try jsonBody(body)) { (response) throws in
                    #expect(response.status == status, "\(response.text)")
                }
            }
            let base: [String: Any] = ["source": "hotline_12345", "hotline_ticket": "12345-0001", "class_kind": "matter", "class_code": "06001", "description": "噪声", "lon": 118.005, "lat": 36.715]
            try await report(base, expect: .created)
            try await report(base.merging(["class_code": "99999"]) { $1 }, expect: .unprocessableContent)
            try await report(base.merging(["lon": 100.0]) { $1 }, expect: .unprocessableContent)
            try await report(base.merging(["hotline_ticket": ""]) { $1 }, expect: .unprocessableContent)
            try await report(base.merging(["photos": [String(repeating: "e", count: 64)]]) { $1 }, expect: .unprocessableContent)
            try await report(base.merging(["source": "inspector"]) { $1 }, expect: .forbidden)  // an operator is no inspector
            try await client.execute(uri: "/api/v1/photos", method: .post, headers: operatorSession.headers(), body: ByteBuffer(string: "not an image")) { (response) throws in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }

    @Test("an extension moves the handling deadline; a suspension pauses the clock and restoring resumes it", arguments: TestDatabase.all)
    func extensionAndSuspension(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            let inspector = try await signIn(client, "inspector")
            let id: String = try await client.execute(
                uri: "/api/v1/cases", method: .post, headers: inspector.headers(),
                body: try jsonBody(["source": "inspector", "class_kind": "matter", "class_code": "06001", "description": "违建", "lon": 118.005, "lat": 36.715])
            ) { (response) throws in try #require(try response.json()["id"] as? String) }
            let leader = try await signIn(client, "role-shift_leader")
            let dispatcher = try await signIn(client, "role-dispatcher")
            let handler = try await signIn(client, "zd-handler")
            _ = try await Self.step(client, leader, id, "file")
            let dispatched = try await Self.step(client, dispatcher, id, "dispatch", ["department_id": "d-zd"])
            func handleDue(_ json: [String: Any]) -> String? {
                (json["deadlines"] as? [[String: Any]])?.last { $0["step"] as? String == "handle" }?["due_at"] as? String
            }
            let due = try #require(handleDue(dispatched))
            _ = try await Self.step(client, handler, id, "request_extension", ["working_minutes": 240], expect: .badRequest)  // needs a reason
            let requested = try await Self.step(client, handler, id, "request_extension", ["working_minutes": 240, "reason": "需协调产权单位"])
            #expect(requested["pending_extension_minutes"] as? Int == 240)
            _ = try await Self.step(client, handler, id, "approve_extension", expect: .forbidden)  // not the handler's call
            let extended = try await Self.step(client, dispatcher, id, "approve_extension")
            let newDue = try #require(handleDue(extended))
            #expect(newDue > due)
            _ = try await Self.step(client, handler, id, "request_suspension", ["reason": "冬季无法施工"])
            let suspended = try await Self.step(client, dispatcher, id, "approve_suspension")
            #expect(suspended["status"] as? String == "suspended")
            #expect((suspended["deadlines"] as? [[String: Any]])?.last?["paused"] as? Bool == true)
            _ = try await Self.step(client, handler, id, "feedback", ["result": "x", "photos": []], expect: .conflict)
            let restored = try await Self.step(client, dispatcher, id, "restore")
            #expect(restored["status"] as? String == "dispatched")
            #expect((restored["deadlines"] as? [[String: Any]])?.last?["paused"] as? Bool == false)
        }
    }
}
