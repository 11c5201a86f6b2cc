import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Open311 GeoReport v2: both formats, spec shapes, spec errors")
struct Open311Tests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded; charset=utf-8"]

    @Test("discovery, services and a service definition, as XML and JSON")
    func discoveryAndServices() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            try await client.execute(uri: "/open311/v2/discovery.json", method: .get) { (response) throws in
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                let endpoint = try #require((json["endpoints"] as? [[String: Any]])?.first)
                #expect(endpoint["formats"] as? [String] == ["text/xml", "application/json"])
            }
            try await client.execute(uri: "/open311/v2/discovery.xml", method: .get) { (response) throws in
                #expect(response.headers[.contentType]?.hasPrefix("text/xml") == true)
                #expect(response.text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?><discovery>"))
                #expect(response.text.contains("<format>text/xml</format><format>application/json</format>"))
            }
            try await client.execute(uri: "/open311/v2/services.json?jurisdiction_id=", method: .get) { (response) throws in
                let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                #expect(array.count == 250)  // the 250 matter classes of GB/T 47678.5-2026
                let first = try #require(array.first { $0["service_code"] as? String == "06001" })
                #expect(first["service_name"] as? String == "私搭乱建")
                #expect(first["type"] as? String == "realtime")
                #expect(first["metadata"] as? Bool == false)
            }
            try await client.execute(uri: "/open311/v2/services.xml", method: .get) { (response) throws in
                #expect(response.text.contains("<services><service><service_code>"))
                #expect(response.text.contains("<metadata>false</metadata>"))
            }
            try await client.execute(uri: "/open311/v2/services/06001.json", method: .get) { (response) throws in
                let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                #expect(json["service_code"] as? String == "06001")
                #expect(json["attributes"] as? [Any] != nil)
            }
            try await client.execute(uri: "/open311/v2/services/06001.xml", method: .get) { (response) throws in
                #expect(response.text == "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_definition><service_code>06001</service_code><attributes></attributes></service_definition>")
            }
            try await client.execute(uri: "/open311/v2/service/06001.json", method: .get) { (response) throws in
                #expect(response.status == .ok)  // the singular alias some clients use
            }
            try await client.execute(uri: "/open311/v2/services/99999.xml", method: .get) { (response) throws in
                #expect(response.status == .notFound)
                #expect(response.text.contains("<errors><error><code>404</code>"))
            }
            try await client.execute(uri: "/open311/v2/services.yaml", method: .get) { (response) throws in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("post a request with an api_key, read it back in both formats; no personal data; spec errors", arguments: TestDatabase.all)
    func postAndRead(_ database: TestDatabase) async throws {
        try await withTestApp(database) { (client, _) async throws in
            let citizen = try await signIn(client, "citizen")
            let key: String = try await client.execute(
                uri: "/api/v1/me/api-keys", method: .post, headers: citizen.headers(), body: try jsonBody(["name": "my city app"])
            ) { (response) throws in try #require(try response.json()["token"] as? String) }

            try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: Self.formHeaders,
                body: Self.form([("service_code", "06001"), ("lat", "36.715"), ("long", "118.005")])
            ) { (response) throws in
                #expect(response.status == .forbidden)
                let errors = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                #expect(errors.first?["code"] as? Int == 403)
            }
            try await client.execute(
                uri: "/open311/v2/requests.xml", method: .post, headers: Self.formHeaders,
                body: Self.form([("api_key", key), ("service_code", "99999"), ("lat", "36.715"), ("long", "118.005")])
            ) { (response) throws in
                #expect(response.status == .notFound)
                #expect(response.text.contains("<errors>"))
            }
            try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: Self.formHeaders,
                body: Self.form([("api_key", key), ("service_code", "06001"), ("lat", "abc"), ("long", "118.005")])
            ) { (response) throws in
                #expect(response.status == .badRequest)
            }
            let id: String = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("api_key", key), ("jurisdiction_id", ""), ("service_code", "06001"), ("lat", "36.715"), ("long", "118.005"),
                    ("description", "人行道上有违章搭建\n请处理"), ("first_name", "明"), ("last_name", "李"), ("phone", "13700000000"),
                ])
            ) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
                let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                #expect(array.count == 1)
                return try #require(array.first?["service_request_id"] as? String)
            }
            try await client.execute(uri: "/open311/v2/requests/\(id).json", method: .get) { (response) throws in
                let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                let item = try #require(array.first)
                #expect(array.count == 1)
                #expect(item["status"] as? String == "open")
                #expect(item["service_code"] as? String == "06001")
                #expect((item["requested_datetime"] as? String)?.hasSuffix("+08:00") == true)
                #expect(item["expected_datetime"] as? String != nil)
                #expect(!response.text.contains("13700000000") && !response.text.contains("李明"))
            }
            try await client.execute(uri: "/open311/v2/requests/\(id).xml", method: .get) { (response) throws in
                #expect(response.text.contains("<service_requests><request><service_request_id>\(id)</service_request_id><status>open</status>"))
                #expect(response.text.contains("<address_id/>"))
            }
            try await client.execute(uri: "/open311/v2/requests.json?status=open&service_code=06001,06002", method: .get) { (response) throws in
                let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                #expect(array.map { $0["service_request_id"] as? String } == [id])
            }
            try await client.execute(uri: "/open311/v2/requests.json?status=closed", method: .get) { (response) throws in
                #expect(response.text == "[]")
            }
            try await client.execute(uri: "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", method: .get) { (response) throws in
                #expect(response.status == .badRequest)  // more than 90 days
            }
            try await client.execute(uri: "/open311/v2/requests/NO-SUCH.json", method: .get) { (response) throws in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/open311/v2/tokens/abc.xml", method: .get) { (response) throws in
                #expect(response.status == .notFound)
            }
            // The request is a case of the closed loop, from the public.
            let operatorSession = try await signIn(client, "role-operator")
            try await client.execute(uri: "/api/v1/cases?q=\(id)", method: .get, headers: operatorSession.headers()) { (response) throws in
                let item = try #require((try response.json()["items"] as? [[String: Any]])?.first)
                #expect(item["source"] as? String == "citizen")
                #expect((item["reporter"] as? [String: Any])?["name"] as? String == "李明")
            }
            // A step on the case becomes a public update.
            let leader = try await signIn(client, "role-shift_leader")
            let operatorCaseID: String = try await client.execute(uri: "/api/v1/cases?q=\(id)", method: .get, headers: operatorSession.headers()) { (response) throws in
                try #require(((try response.json()["items"] as? [[String: Any]])?.first)?["id"] as? String)
            }
            try await client.execute(
                uri: "/api/v1/cases/\(operatorCaseID)/request_verification", method: .post, headers: leader.headers(), body: try jsonBody([:])
            ) { (response) throws in #expect(response.status == .ok) }
            try await client.execute(uri: "/open311/v2/servicerequestupdates.json", method: .get) { (response) throws in
                let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                let update = try #require(array.first { $0["service_request_id"] as? String == id })
                #expect(update["status"] as? String == "open")
                #expect(update["external_status_code"] as? String == "request_verification")
                #expect((update["updated_datetime"] as? String)?.hasSuffix("+08:00") == true)
            }
            try await client.execute(uri: "/open311/v2/servicerequestupdates.xml", method: .get) { (response) throws in
                #expect(response.text.contains("<service_request_updates><request_update><update_id>"))
            }
            try await client.execute(uri: "/open311/v2/requests.xml?service_request_id=\(id)", method: .get) { (response) throws in
                #expect(response.text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request>"))
                #expect(response.text.contains("<lat>36.715</lat><long>118.005</long>"))
            }
        }
    }

    static func multipart(_ fields: [(String, String)], files: [(String, String, [UInt8])], boundary: String = "finegrain-test-boundary") -> ByteBuffer {
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (field, filename, bytes) in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8))
            body.append(contentsOf: bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ByteBuffer(bytes: body)
    }

    @Test("multipart requests carry photos; a non-image or oversized medium is refused with 400")
    func multipartMedia() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            let citizen = try await signIn(client, "citizen")
            let key: String = try await client.execute(
                uri: "/api/v1/me/api-keys", method: .post, headers: citizen.headers(), body: try jsonBody(["name": "app"])
            ) { (response) throws in try #require(try response.json()["token"] as? String) }
            let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=finegrain-test-boundary"]
            let fields = [("api_key", key), ("service_code", "06001"), ("lat", "36.715"), ("long", "118.005"), ("attribute[size]", "")]
            let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1]
            let id: String = try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: headers, body: Self.multipart(fields, files: [("media", "pic.jpg", jpeg)])
            ) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
                let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                return try #require(array.first?["service_request_id"] as? String)
            }
            let operatorSession = try await signIn(client, "role-operator")
            try await client.execute(uri: "/api/v1/cases?q=\(id)", method: .get, headers: operatorSession.headers()) { (response) throws in
                let item = try #require((try response.json()["items"] as? [[String: Any]])?.first)
                #expect((item["photos"] as? [String])?.count == 1)
            }
            try await client.execute(
                uri: "/open311/v2/requests.xml", method: .post, headers: headers, body: Self.multipart(fields, files: [("media", "a.txt", Array("hello".utf8))])
            ) { (response) throws in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<errors><error><code>400</code>"))
            }
            let big = jpeg + [UInt8](repeating: 0, count: 11 * 1024 * 1024)
            try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: headers, body: Self.multipart(fields, files: [("media", "big.jpg", big)])
            ) { (response) throws in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("a local class with a required attribute: its definition lists it, and a request without it is refused")
    func requiredAttribute() async throws {
        try await withTestApp(.sqlite) { (client, store) async throws in
            let local = CatalogueClass(
                kind: .matter, code: "09901", name: "共享单车乱停放", majorCode: "09", majorName: "街面秩序类", standard: "local",
                attributes: [ExtensionAttribute(code: "bike_count", name: "车辆数量", type: .number, required: true),
                             ExtensionAttribute(code: "brands", name: "品牌", type: .multiChoice, choices: ["美团", "哈啰", "青桔"])])
            try await store.upsertCatalogue([local], actor: .system)
            try await client.execute(uri: "/open311/v2/services/09901.xml", method: .get) { (response) throws in
                #expect(response.text.contains("<attribute><variable>true</variable><code>bike_count</code><datatype>number</datatype><required>true</required>"))
                #expect(response.text.contains("<datatype>multivaluelist</datatype>"))
                #expect(response.text.contains("<values><value><key>美团</key><name>美团</name></value>"))
            }
            try await client.execute(uri: "/open311/v2/services.json", method: .get) { (response) throws in
                let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                #expect(array.first { $0["service_code"] as? String == "09901" }?["metadata"] as? Bool == true)
            }
            let citizen = try await signIn(client, "citizen")
            let key: String = try await client.execute(
                uri: "/api/v1/me/api-keys", method: .post, headers: citizen.headers(), body: try jsonBody(["name": "app"])
            ) { (response) throws in try #require(try response.json()["token"] as? String) }
            let base = [("api_key", key), ("service_code", "09901"), ("lat", "36.715"), ("long", "118.005")]
            try await client.execute(uri: "/open311/v2/requests.xml", method: .post, headers: Self.formHeaders, body: Self.form(base)) { (response) throws in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("bike_count"))
            }
            try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: Self.formHeaders,
                body: Self.form(base + [("attribute[bike_count]", "12"), ("attribute[brands][]", "美团"), ("attribute[brands][]", "哈啰")])
            ) { (response) throws in
                #expect(response.status == .ok, "\(response.text)")
            }
            try await client.execute(uri: "/open311/v2/tokens/abc.json", method: .get) { (response) throws in
                #expect(response.status == .notFound)
                let errors = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                #expect(errors.first?["code"] as? Int == 404)
            }
        }
    }
}
