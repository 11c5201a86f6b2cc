import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

@Suite("Console pages: sign-in, forms with CSRF, steps and reports by form, errors as pages")
struct ConsoleTests {
    /// Signs in through the console form; returns the session cookie and the CSRF token of a page.
    static func consoleSignIn(_ client: some TestClientProtocol, _ username: String) async throws -> (cookie: String, csrf: String) {
        let body = "username=\(username)&password=\(TestPeople.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&next=%2Fconsole"
        let cookie: String = try await client.execute(
            uri: "/console/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/console")
            let setCookie = try #require(response.headers[.setCookie])
            return String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
        }
        let csrf: String = try await client.execute(uri: "/console/password", method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { response in
            let html = response.text
            let marker = "name=\"csrf_token\" value=\""
            let start = try #require(html.range(of: marker))
            return String(html[start.upperBound...].prefix { $0 != "\"" })
        }
        return (cookie, csrf)
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    @Test("signed out, pages send to sign-in and back; a wrong password is shown on the form", arguments: TestDatabase.all)
    func signInFlow(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            try await client.execute(uri: "/console/cases?status=filed", method: .get) { (response) throws in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/console/login?next=/console/cases%3Fstatus%3Dfiled")
            }
            try await client.execute(
                uri: "/console/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["username": "admin", "password": "nope"])
            ) { (response) throws in
                #expect(response.status == .ok)
                #expect(response.text.contains("用户名或密码错误"))
                #expect(response.headers[.setCookie] == nil)
            }
            // Only local paths are followed after signing in.
            try await client.execute(uri: "/console/login?next=https://evil.example/", method: .get) { (response) throws in
                #expect(response.text.contains("name=\"next\" value=\"/console\""))
            }
            let (cookie, _) = try await Self.consoleSignIn(client, "role-dispatcher")
            try await client.execute(uri: "/console", method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
                #expect(response.text.contains("我的待办"))
            }
            try await client.execute(uri: "/console/lang?to=en&next=/console", method: .get) { (response) throws in
                #expect(response.headers[.setCookie]?.hasPrefix("fg_lang=en") == true)
            }
            try await client.execute(uri: "/console", method: .get, headers: [.cookie: "fg_session=\(cookie); fg_lang=en"]) { (response) throws in
                #expect(response.text.contains("My queue") && response.text.contains("lang=\"en\""))
            }
        }
    }

    @Test("a console form without the session's CSRF token changes nothing", arguments: TestDatabase.all)
    func csrf(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            try await store.bulkCreateCases(try GeneratedActivity.histories(0..<20, from: "2026-10-01", to: "2026-10-31", now: "2026-11-02"))
            let filed = try #require(try await store.searchCases(CaseQuery(statuses: [.dispatched], perPage: 1)).items.first)
            let (cookie, csrf) = try await Self.consoleSignIn(client, "role-department_handler")
            _ = csrf
            try await client.execute(
                uri: "/console/cases/\(filed.id)/step/request_return", method: .post,
                headers: [.cookie: "fg_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"], body: Self.form(["reason": "不属于本部门"])
            ) { (response) throws in
                #expect(response.status == .forbidden)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("页面已过期"))
            }
            #expect(try await store.caseRecord(id: filed.id)?.version == filed.version)
            try await client.execute(
                uri: "/console/logout", method: .post, headers: [.cookie: "fg_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["csrf_token": "wrong"])
            ) { (response) throws in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test("a step and a report by form: the case moves, errors come back on the page", arguments: TestDatabase.all)
    func forms(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            let (cookie, csrf) = try await Self.consoleSignIn(client, "role-inspector")
            let headers: HTTPFields = [.cookie: "fg_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"]
            // A report without a location is refused on the form, keeping what was typed.
            try await client.execute(
                uri: "/console/report", method: .post, headers: headers,
                body: Self.form(["csrf_token": csrf, "source": "inspector", "class": "matter:06001", "description": "占道堆物"])
            ) { (response) throws in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("缺少位置") && response.text.contains("占道堆物"))
            }
            var caseID = ""
            try await client.execute(
                uri: "/console/report", method: .post, headers: headers,
                body: Self.form(["csrf_token": csrf, "source": "inspector", "class": "matter:06001", "description": "占道堆物", "lon": "118.005", "lat": "36.715"])
            ) { (response) throws in
                #expect(response.status == .seeOther, "\(response.text)")
                let location = try #require(response.headers[.location])
                #expect(location.hasPrefix("/console/cases/"))
                caseID = String(location.dropFirst("/console/cases/".count).prefix { $0 != "?" })
            }
            let reported = try #require(try await store.caseRecord(id: caseID))
            #expect(reported.status == .reported && reported.gridCode == "370303001001001")
            try await client.execute(uri: "/console/cases/\(caseID)", method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                #expect(response.status == .ok)
                #expect(response.text.contains(reported.number) && response.text.contains("<svg"))
            }
            let (leaderCookie, leaderCSRF) = try await Self.consoleSignIn(client, "role-shift_leader")
            try await client.execute(uri: "/console/cases/\(caseID)", method: .get, headers: [.cookie: "fg_session=\(leaderCookie)"]) { (response) throws in
                #expect(response.text.contains("/step/file"))
            }
            try await client.execute(
                uri: "/console/cases/\(caseID)/step/file", method: .post,
                headers: [.cookie: "fg_session=\(leaderCookie)", .contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["csrf_token": leaderCSRF, "version": String(reported.version), "urgency": "urgent"])
            ) { (response) throws in
                #expect(response.status == .seeOther)
            }
            let filed = try #require(try await store.caseRecord(id: caseID))
            #expect(filed.status == .filed && filed.urgency == .urgent)
            // A stale form (an old version) is refused on the page and changes nothing.
            try await client.execute(
                uri: "/console/cases/\(caseID)/step/propose_void", method: .post,
                headers: [.cookie: "fg_session=\(leaderCookie)", .contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["csrf_token": leaderCSRF, "version": String(reported.version), "reason": "重复"])
            ) { (response) throws in
                #expect(response.status != .seeOther)
                #expect(response.text.contains("class=\"error\""))
            }
            #expect(try await store.caseRecord(id: caseID)?.version == filed.version)
        }
    }

    @Test("the dashboard and the map render for a leader; a bad map box is a clear error page", arguments: [TestDatabase.sqlite])
    func dashboardAndMap(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            try await store.bulkCreateCases(try GeneratedActivity.histories(0..<60, from: "2026-09-01", to: "2026-11-20", now: "2026-11-25"))
            let (cookie, _) = try await Self.consoleSignIn(client, "role-leader")
            for uri in ["/console/dashboard", "/console/map", "/console/map?region=370303001", "/console/map?region=370303001001&cases=0", "/console/cases?region=370303&overdue=true"] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.text.utf8.count < 300_000, "\(uri) weighs \(response.text.utf8.count) bytes")
                }
            }
            // The components layer, at grid zoom.
            let admin = try await signIn(client, "admin")
            try await client.execute(
                uri: "/api/v1/components", method: .post, headers: admin.headers(),
                body: try jsonBody([
                    "name": "供水井盖", "class_code": "01001", "authority_code": "9144030071526726XG", "authority_name": "淄博市供水公司",
                    "geometry": ["type": "Point", "coordinates": [118.005, 36.715]],
                ])
            ) { (response) throws in
                #expect(response.status == .created, "\(response.text)")
            }
            try await client.execute(uri: "/console/map?region=370303001001001&components=1", method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                #expect(response.text.contains("class=\"components\"") && response.text.contains("01001 供水井盖"))
            }
            try await client.execute(uri: "/console/map?components=1", method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                #expect(response.text.contains("放大到社区或网格级别后显示部件"))
            }
            // A citizen's dashboard and map hold only the citizen's own reports (none here).
            let (citizen, _) = try await Self.consoleSignIn(client, "citizen")
            try await client.execute(uri: "/console/map?region=370303001", method: .get, headers: [.cookie: "fg_session=\(citizen)"]) { (response) throws in
                #expect(response.status == .ok && !response.text.contains("<circle"))
            }
            let open = try await store.searchCases(CaseQuery(statuses: Set(CaseStatus.allCases.filter { !$0.isFinal }), perPage: 1)).total
            try await client.execute(uri: "/console/dashboard", method: .get, headers: [.cookie: "fg_session=\(citizen)"]) { (response) throws in
                #expect(response.text.contains("在办案件</span><b>0</b>"))
            }
            try await client.execute(uri: "/console/dashboard", method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                #expect(response.text.contains("在办案件</span><b>\(open)</b>"))
            }
            try await client.execute(uri: "/console/map?bbox=1,2,3", method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("最小经度"))
            }
        }
    }

    @Test("the evaluation page ranks and every count opens its cases; people and departments stay city-wide", arguments: [TestDatabase.sqlite])
    func evaluation(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, store) async throws in
            try await store.bulkCreateCases(try GeneratedActivity.histories(0..<80, from: "2026-09-25", to: "2026-10-31", now: "2026-11-03"))
            let (cookie, _) = try await Self.consoleSignIn(client, "role-evaluator")
            var link = ""
            try await client.execute(uri: "/console/evaluation?period=2026-10&level=district", method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                #expect(response.status == .ok)
                #expect(response.text.contains("张店区"))
                let marker = "href=\"/console/evaluation/cases?"
                let start = try #require(response.text.range(of: marker))
                link = "/console/evaluation/cases?" + response.text[start.upperBound...].prefix { $0 != "\"" }.replacingOccurrences(of: "&amp;", with: "&")
            }
            try await client.execute(uri: link, method: .get, headers: [.cookie: "fg_session=\(cookie)"]) { (response) throws in
                #expect(response.status == .ok, "\(link)")
                #expect(response.text.contains("张店区"))
            }
            let (zd, _) = try await Self.consoleSignIn(client, "zd-admin")
            try await client.execute(uri: "/console/evaluation?period=2026-10&level=dispatcher", method: .get, headers: [.cookie: "fg_session=\(zd)"]) { (response) throws in
                #expect(response.status == .forbidden)
            }
        }
    }
}
