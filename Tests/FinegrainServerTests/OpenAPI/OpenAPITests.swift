import FinegrainCore
import FinegrainDemo
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("The OpenAPI document cannot drift from the router")
struct OpenAPITests {
    static func document(_ client: some TestClientProtocol) async throws -> [String: Any] {
        try await client.execute(uri: "/openapi.json", method: .get) { (response) throws in
            #expect(response.status == .ok)
            return try response.json()
        }
    }

    @Test("every route of the router is in the document, every documented route exists, and every route is described")
    func noDrift() async throws {
        let routes: Set<String> = try await TestDatabase.sqlite.withStore { (store: Store) async throws in
            let logger = Logger(label: "t")
            let workflow = Workflow(rules: .standard, policy: .standard, calendar: try ReferenceData.workingCalendar())
            let (router, _) = buildRouter(
                store: store, index: RegionIndex(store: store, logger: logger), catalogue: CatalogueIndex(store: store, logger: logger),
                workflow: workflow, access: testAccessSettings)
            // The console's HTML pages are not API and are left out of the document.
            return Set(router.routes.filter { !$0.path.description.hasPrefix("/console") }.map { "\($0.method.rawValue) \($0.path)" })
        }
        try await withTestApp(.sqlite) { (client, _) async throws in
            let document = try await Self.document(client)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for (method, operation) in operations {
                    documented.insert("\(method.uppercased()) \(path)")
                    let summary = (operation as? [String: Any])?["summary"] as? String
                    #expect(summary != nil && summary != "(undocumented)", "\(method) \(path) has no description in APIDocumentation")
                }
            }
            #expect(routes.subtracting(documented).isEmpty, "missing from the document: \(routes.subtracting(documented).sorted())")
            #expect(documented.subtracting(routes).isEmpty, "documented but not routed: \(documented.subtracting(routes).sorted())")
        }
    }

    /// Whether `actual` has every key of `expected`, recursively.
    static func conforms(_ actual: Any, to expected: Any, at path: String = "") -> [String] {
        switch expected {
        case let object as [String: Any]:
            guard let actualObject = actual as? [String: Any] else { return ["\(path) is not an object"] }
            return object.flatMap { key, value -> [String] in
                guard let child = actualObject[key] else { return ["\(path).\(key) is missing"] }
                return conforms(child, to: value, at: "\(path).\(key)")
            }
        case let array as [Any]:
            guard let actualArray = actual as? [Any] else { return ["\(path) is not an array"] }
            guard let first = array.first else { return [] }
            guard let actualFirst = actualArray.first else { return ["\(path) is empty"] }
            return conforms(actualFirst, to: first, at: "\(path)[0]")
        default:
            return []
        }
    }

    @Test("the document's examples match what the running server answers")
    func examples() async throws {
        try await withTestApp(.sqlite) { (client, _) async throws in
            let paths = try #require(try await Self.document(client)["paths"] as? [String: [String: [String: Any]]])
            var checked = 0
            for (_, operations) in paths {
                for (_, operation) in operations {
                    guard let uri = operation["x-example-request"] as? String,
                        let example = (((operation["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any])
                            .flatMap({ ($0["application/json"] as? [String: Any])?["example"] })
                    else { continue }
                    try await client.execute(uri: uri, method: .get) { (response) throws in
                        #expect(response.status == .ok, "\(uri)")
                        let actual = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                        let problems = Self.conforms(actual, to: example)
                        #expect(problems.isEmpty, "\(uri): \(problems)")
                    }
                    checked += 1
                }
            }
            #expect(checked == APIDocumentation.examples.count)
        }
    }

    @Test("every problem type the server can send is documented")
    func problemTypes() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources/FinegrainServer")
        let documented = Set(APIDocumentation.problemTypes.map(\.0))
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var used = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"slug: "([a-z-]+)""#)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { used.insert(String(text[range])) }
            }
        }
        #expect(!used.isEmpty)
        #expect(used.subtracting(documented).isEmpty, "undocumented problem types: \(used.subtracting(documented).sorted())")
    }
}
