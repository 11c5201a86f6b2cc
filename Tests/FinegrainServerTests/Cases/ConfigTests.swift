import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Deadline policies are versioned configuration")
struct ConfigTests {
    @Test("the standard version is recorded on first start; a new version applies from its effective date; bad versions are refused", arguments: TestDatabase.all)
    func versions(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            let admin = try await signIn(client, "admin")
            try await client.execute(uri: "/api/v1/config/deadline-policies", method: .get, headers: admin.headers()) { (response) throws in
                let json = try response.json()
                #expect(json["in_force"] as? String == "standard-1")
            }
            var policy = DeadlinePolicy.standard
            policy.version = "zibo-2026-11"
            policy.effectiveFrom = "2026-11-01"
            policy.basis = "淄城管发〔2026〕1号 (test)"
            policy.rules.append(.init(step: .handle, classKind: .matter, codePrefix: "06", limit: .workingMinutes(120)))
            let body = ByteBuffer(bytes: try JSONEncoder().encode(policy))
            try await client.execute(uri: "/api/v1/config/deadline-policies", method: .post, headers: admin.headers(), body: body) { (response) throws in
                #expect(response.status == .created, "\(response.text)")
                #expect(try response.json()["in_force"] as? String == "zibo-2026-11")
            }
            try await client.execute(uri: "/api/v1/config/deadline-policies", method: .post, headers: admin.headers(), body: body) { (response) throws in
                #expect(response.status == .conflict)  // versions are never edited
            }
            var broken = policy
            broken.version = "broken"
            broken.rules.removeAll { $0.step == .check }
            try await client.execute(
                uri: "/api/v1/config/deadline-policies", method: .post, headers: admin.headers(), body: ByteBuffer(bytes: try JSONEncoder().encode(broken))
            ) { (response) throws in
                #expect(response.status == .unprocessableContent)
            }
            #expect(try await store.deadlinePolicies().map(\.version) == ["standard-1", "zibo-2026-11"])
            let leader = try await signIn(client, "zd-admin")
            try await client.execute(uri: "/api/v1/config/deadline-policies", method: .post, headers: leader.headers(), body: body) { (response) throws in
                #expect(response.status == .conflict || response.status == .forbidden)
            }
        }
    }

    @Test("the book picks the version in force on a date")
    func book() {
        var later = DeadlinePolicy.standard
        later.version = "later"
        later.effectiveFrom = "2027-01-01"
        let book = DeadlinePolicyBook([later, .standard])
        #expect(book.policy(on: LocalDate("2026-06-01")!).version == "standard-1")
        #expect(book.policy(on: LocalDate("2027-01-01")!).version == "later")
        #expect(book.policy(on: LocalDate("2020-01-01")!).version == "standard-1")
        #expect(DeadlinePolicy.standard.problems().isEmpty)
    }
}
