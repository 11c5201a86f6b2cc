import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Evaluation over HTTP: sheets, drill-down, four-in-one records, publication, scope")
struct EvaluationRoutesTests {
    @Test("an evaluator records the month, publishes it; the public reads it; a later change is refused", arguments: TestDatabase.all)
    func month(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            try await store.bulkCreateCases(try GeneratedActivity.histories(0..<120, from: "2026-09-25", to: "2026-10-31", now: "2026-11-03"))
            let evaluator = try await signIn(client, "role-evaluator")
            try await client.execute(
                uri: "/api/v1/evaluations/reviews", method: .post, headers: evaluator.headers(),
                body: try jsonBody(["kind": "spot_check", "region_code": "370303001", "place": "华光路路口", "item_code": "R03", "found_at": "2026-10-12T02:00:00Z"])
            ) { (response) throws in
                #expect(response.status == .created, "\(response.text)")
                #expect(try response.json()["region_codes"] as? [String] == ["370303001", "370303"])
                #expect(try response.json()["deduction"] as? Double == 2)
            }
            // Bad input: unknown item, a deduction over the item's maximum, a supervision order without its matter.
            for body: [String: Any] in [
                ["kind": "spot_check", "region_code": "370303001", "place": "x", "item_code": "R99"],
                ["kind": "spot_check", "region_code": "370303001", "place": "x", "item_code": "R01", "deduction": 50],
                ["kind": "supervision", "region_code": "370303", "place": "督办单"],
                ["kind": "spot_check", "region_code": "999999", "place": "x", "item_code": "R01"],
            ] {
                try await client.execute(uri: "/api/v1/evaluations/reviews", method: .post, headers: evaluator.headers(), body: try jsonBody(body)) { (response) throws in
                    #expect(response.status == .unprocessableContent, "\(body) → \(response.text)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                }
            }
            var taskID = ""
            try await client.execute(
                uri: "/api/v1/evaluations/key-tasks", method: .post, headers: evaluator.headers(),
                body: try jsonBody(["month": "2026-10", "title": "背街小巷整治", "target": "20 条", "full_score": 10])
            ) { (response) throws in
                #expect(response.status == .created)
                taskID = try response.json()["id"] as? String ?? ""
            }
            try await client.execute(
                uri: "/api/v1/evaluations/key-tasks/\(taskID)/scores", method: .post, headers: evaluator.headers(),
                body: try jsonBody(["region_code": "370303", "score": 9])
            ) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
            }
            var csvHeaders = evaluator.headers()
            csvHeaders[.contentType] = "text/csv"
            let bad = "month,region_code,survey,field_test,assessor\n2026-10,370303,105,80,测评公司\n2026-10,370302001,80,80,测评公司\n"
            try await client.execute(uri: "/api/v1/evaluations/third-party?source=bad.csv", method: .post, headers: csvHeaders, body: ByteBuffer(string: bad)) { (response) throws in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("line 2: survey"))
            }
            #expect(try await store.thirdPartyScores(month: "2026-10").isEmpty)
            let good = "month,region_code,survey,field_test,assessor\n2026-10,370303,80,90,测评公司\n"
            try await client.execute(uri: "/api/v1/evaluations/third-party?source=oct.csv", method: .post, headers: csvHeaders, body: ByteBuffer(string: good)) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
                #expect(try response.json()["imported"] as? Int == 1)
            }

            var score = 0.0
            try await client.execute(uri: "/api/v1/evaluations?period=2026-10&level=district", method: .get, headers: evaluator.headers()) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
                let rows = try response.json()["rows"] as? [[String: Any]] ?? []
                let zd = try #require(rows.first { ($0["subject"] as? [String: Any])?["id"] as? String == "370303" })
                score = zd["score"] as? Double ?? 0
                let parts = (zd["components"] as? [[String: Any]] ?? []).map { ($0["key"] as? String ?? "", $0["score"] as? Double) }
                #expect(parts.first { $0.0 == "review" }?.1 == 98)
                #expect(parts.first { $0.0 == "key_tasks" }?.1 == 90)
                #expect(parts.first { $0.0 == "third_party" }?.1 == 85)
                #expect(zd["rank"] as? Int == 1)
            }
            try await client.execute(
                uri: "/api/v1/evaluations/cases?period=2026-10&level=district&subject=370303&indicator=filed&per_page=5", method: .get, headers: evaluator.headers()
            ) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
                let json = try response.json()
                #expect((json["items"] as? [Any])?.count == 5 && (json["total"] as? Int ?? 0) > 5)
            }
            try await client.execute(uri: "/api/v1/evaluations?period=2026-10&level=district&format=csv", method: .get, headers: evaluator.headers()) { (response) throws in
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(response.text.contains("370303,张店区,district"))
            }
            try await client.execute(uri: "/api/v1/evaluations/publish", method: .post, headers: evaluator.headers(), body: try jsonBody(["period": "2026-10", "level": "district"])) { (response) throws in
                #expect(response.status == .created, "\(response.text)")
            }
            // Frozen: the month's inputs cannot change any more.
            try await client.execute(
                uri: "/api/v1/evaluations/reviews", method: .post, headers: evaluator.headers(),
                body: try jsonBody(["kind": "spot_check", "region_code": "370303001", "place": "x", "item_code": "R01", "found_at": "2026-10-20T02:00:00Z"])
            ) { (response) throws in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/evaluations/verify?period=2026-10&level=district", method: .get, headers: evaluator.headers()) { (response) throws in
                #expect(try response.json()["unchanged"] as? Bool == true, "\(response.text)")
            }
            // The public reads the publication without signing in: JSON, CSV and the report.
            try await client.execute(uri: "/api/v1/evaluations/published", method: .get) { (response) throws in
                #expect((try response.json()["items"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: "/api/v1/evaluations/published/2026-10/district", method: .get) { (response) throws in
                let rows = try response.json()["rows"] as? [[String: Any]] ?? []
                #expect(rows.first?["score"] as? Double == score)
            }
            try await client.execute(uri: "/api/v1/evaluations/published/2026-10/district?format=html", method: .get) { (response) throws in
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                let html = response.text
                #expect(html.contains("2026年10月综合考评通报") && html.contains("<svg") && html.contains("张店区"))
                #expect(html.utf8.count < 300_000)
            }
            try await client.execute(uri: "/evaluations", method: .get) { (response) throws in
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("2026年10月") && response.text.contains("/api/v1/evaluations/published/2026-10/district?format=html"))
            }
            try await client.execute(uri: "/api/v1/evaluations/published/2026-09/district", method: .get) { (response) throws in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/evaluations?period=2026-10&level=district", method: .get) { (response) throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("the public notice board says so when nothing is published", arguments: [TestDatabase.sqlite])
    func emptyBoard(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            try await client.execute(uri: "/evaluations", method: .get) { (response) throws in
                #expect(response.status == .ok && response.text.contains("尚无已发布的考评结果"))
            }
        }
    }

    @Test("scope: a district's administrator ranks regions, records only inside the district, and sees no people", arguments: TestDatabase.all)
    func scope(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            let zd = try await signIn(client, "zd-admin")
            try await client.execute(uri: "/api/v1/evaluations?period=2026-10&level=district", method: .get, headers: zd.headers()) { (response) throws in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/evaluations?period=2026-10&level=dispatcher", method: .get, headers: zd.headers()) { (response) throws in
                #expect(response.status == .forbidden)
            }
            try await client.execute(
                uri: "/api/v1/evaluations/reviews", method: .post, headers: zd.headers(),
                body: try jsonBody(["kind": "spot_check", "region_code": "370302", "place": "x", "item_code": "R01"])
            ) { (response) throws in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/evaluations/publish", method: .post, headers: zd.headers(), body: try jsonBody(["period": "2026-10"])) { (response) throws in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/evaluations?period=2026-13", method: .get, headers: zd.headers()) { (response) throws in
                #expect(response.status == .badRequest)
            }
            let inspector = try await signIn(client, "inspector")
            try await client.execute(uri: "/api/v1/evaluations?period=2026-10", method: .get, headers: inspector.headers()) { (response) throws in
                #expect(response.status == .forbidden)
            }
            _ = store
        }
    }
}
