import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// A region as the API shows it: the summary, and on request its geometry, children and ancestors.
struct RegionResponse: ResponseEncodable {
    var region: RegionSummaryDTO
    var ancestors: [RegionSummaryDTO]?
    var children: PageDTO<RegionSummaryDTO>?
    var geometry: GeoJSONGeometry?
}

/// The JSON form of ``RegionSummary`` (snake_case keys, area in m² and km²).
struct RegionSummaryDTO: Codable, Sendable {
    var code: String
    var level: String
    var levelName: String
    var name: String
    var nameEN: String?
    var parentCode: String?
    var divisionParentCode: String?
    var synthetic: Bool
    var areaM2: Double
    var centroid: [Double]
    var bbox: [Double]

    init(_ s: RegionSummary) {
        code = s.code
        level = s.level.rawValue
        levelName = s.level.nameZH
        name = s.name
        nameEN = s.nameEN
        parentCode = s.parentCode
        divisionParentCode = s.divisionParentCode
        synthetic = s.synthetic
        areaM2 = (s.area * 10).rounded() / 10
        centroid = [s.centroid.lon, s.centroid.lat]
        bbox = [s.boundingBox.minLon, s.boundingBox.minLat, s.boundingBox.maxLon, s.boundingBox.maxLat]
    }

    enum CodingKeys: String, CodingKey {
        case code, level, name, synthetic, centroid, bbox
        case levelName = "level_name"
        case nameEN = "name_en"
        case parentCode = "parent_code"
        case divisionParentCode = "division_parent_code"
        case areaM2 = "area_m2"
    }
}

/// A page of items with its position.
struct PageDTO<Item: Codable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var total: Int
    var page: Int
    var perPage: Int
    var pageCount: Int

    init(items: [Item], total: Int, page: Int, perPage: Int, pageCount: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.perPage = perPage
        self.pageCount = pageCount
    }

    init<T>(_ page: Page<T>, _ transform: (T) -> Item) {
        items = page.items.map(transform)
        total = page.total
        self.page = page.page
        perPage = page.perPage
        pageCount = page.pageCount
    }

    enum CodingKeys: String, CodingKey {
        case items, total, page
        case perPage = "per_page"
        case pageCount = "page_count"
    }

    /// Items that write themselves (``JSONWritable``, such as cases) skip `JSONEncoder`.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        guard let writable = self as? any JSONWritable else { return try context.responseEncoder.encode(self, from: request, context: context) }
        return writable.jsonResponse()
    }
}

extension PageDTO: JSONWritable where Item: JSONWritable {
    func writeJSON(to writer: inout JSONWriter) {
        writer.object { o in
            o.member("items") { w in w.array(items) { $1.writeJSON(to: &$0) } }
            o.member("page", page)
            o.member("page_count", pageCount)
            o.member("per_page", perPage)
            o.member("total", total)
        }
    }
}

/// A GeoJSON geometry carried verbatim inside a JSON response.
struct GeoJSONGeometry: Encodable, Sendable {
    let json: String

    func encode(to encoder: any Encoder) throws {
        // Round-trip through JSONSerialization-compatible values so the encoder nests it as an object.
        let object = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        try object.encode(to: encoder)
    }
}

/// Any JSON value, for passing documents through Codable.
enum JSONValue: Codable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// The answer to `GET /api/v1/locate`.
struct LocateResponse: ResponseEncodable {
    struct Query: Codable {
        var lon: Double
        var lat: Double
        var crs: String
    }

    var query: Query
    /// The point in WGS84 (equal to the query unless it was GCJ-02).
    var wgs84: [Double]
    var grid: RegionSummaryDTO?
    var community: RegionSummaryDTO?
    var subdistrict: RegionSummaryDTO?
    /// The official district/county (also for subdistricts that a functional zone manages).
    var district: RegionSummaryDTO?
    /// The functional zone managing the subdistrict, if any.
    var zone: RegionSummaryDTO?
    var city: RegionSummaryDTO?
    /// The management chain, finest first.
    var chain: [RegionSummaryDTO]
}
