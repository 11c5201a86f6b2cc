import FinegrainCore
@testable import FinegrainServer
import Foundation
import Testing

@Suite("JSONWriter writes what JSONEncoder would")
struct JSONWriterTests {
    /// The encoder every JSON response uses.
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func written(_ value: some JSONWritable) -> String {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// A case as the store would hold it; `full` fills every optional member.
    static func someCase(full: Bool) throws -> Case {
        var json: [String: Any] = [
            "id": "c-1", "number": "ZB2026113000001", "source": "hotline_12345", "classKind": "matter", "classCode": "01001",
            "urgency": "normal", "description": "井盖\"破损\"\\ 路口/北侧\n第二行\t\u{01}", "location": [118.0631952758869, 36.8],
            "photos": [], "resultPhotos": ["ab", "cd"], "status": "dispatched", "pendingSuspension": false, "reworkCount": 2,
            "supervisionCount": 0, "selfHandled": false, "duplicates": ["c-0"], "reportedAt": 1_790_000_000.888,
            "updatedAt": -86_400.5, "version": 4, "lastHash": "00",
            "deadlines": [
                ["step": "file", "limit": ["amount": 60, "unit": "workingMinutes"], "startedAt": 1_790_000_000.888,
                 "dueAt": 1_790_003_600, "completedAt": 1_790_000_500.999, "extendedMinutes": 0],
                ["step": "handle", "limit": ["amount": 2, "unit": "workingDays"], "startedAt": 1_790_000_600,
                 "dueAt": 4_102_444_799.9, "pausedAt": 1_790_000_700, "extendedMinutes": 30],
            ],
        ]
        if full {
            json.merge([
                "hotlineTicket": "12345-1", "address": "张店区 人民路 1 号", "gridCode": "370303001006018", "communityCode": "370303001006",
                "subdistrictCode": "370303001", "districtCode": "370303", "reporterName": "王五", "reporterPhone": "13800000000",
                "componentID": "370303 0101 000001", "departmentID": "dept-1", "pendingExtensionMinutes": 120, "mergedInto": "c-9",
                "satisfaction": "satisfied", "filedAt": 951_782_400.25, "closedAt": 1_790_100_000,
            ]) { $1 }
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(Case.self, from: JSONSerialization.data(withJSONObject: json))
    }

    @Test("A case, sparse and full, with and without reporter, light and actions", arguments: [false, true])
    func caseDTO(full: Bool) throws {
        let c = try Self.someCase(full: full)
        for showReporter in [false, true] {
            let light: (light: DeadlineLight, fraction: Double, step: CaseStep)? = full ? (.yellow, 0.8125, .handle) : nil
            let dto = CaseDTO(c, className: full ? "井盖" : nil, showReporter: showReporter, light: light, actions: full ? ["feedback", "return"] : nil)
            #expect(Self.written(dto) == (try Self.encoded(dto)))
        }
    }

    @Test("A page of cases, and an empty one")
    func page() throws {
        let items = [try Self.someCase(full: true), try Self.someCase(full: false)].map {
            CaseDTO($0, className: "x", showReporter: false, light: (.green, 1.0, .file))
        }
        for page in [PageDTO(items: items, total: 41, page: 2, perPage: 2, pageCount: 21), PageDTO(items: [], total: 0, page: 1, perPage: 50, pageCount: 1)] {
            #expect(Self.written(page) == (try Self.encoded(page)))
        }
    }

    @Test("Numbers and dates at their edges")
    func edges() throws {
        struct Sample: Encodable, JSONWritable {
            var d: Double
            var t: Date
            var i: Int
            func writeJSON(to writer: inout JSONWriter) {
                writer.object { o in
                    o.member("d", d)
                    o.member("i", i)
                    o.member("t", t)
                }
            }
        }
        let samples = [
            Sample(d: 0, t: Date(timeIntervalSince1970: 0), i: 0),
            Sample(d: -1.5, t: Date(timeIntervalSince1970: -0.001), i: -7),
            Sample(d: 1e-7, t: Date(timeIntervalSince1970: 951_868_799.999), i: Int.max),
            Sample(d: 123456789012345678, t: Date(timeIntervalSince1970: 253_402_300_799), i: Int.min),
            Sample(d: 0.1 + 0.2, t: Date(timeIntervalSince1970: 1_709_208_000.5), i: 42),
        ]
        for sample in samples {
            #expect(Self.written(sample) == (try Self.encoded(sample)))
        }
    }
}
