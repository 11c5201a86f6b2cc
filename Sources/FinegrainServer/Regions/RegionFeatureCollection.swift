import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// A page of regions as a GeoJSON FeatureCollection (`application/geo+json`), each feature's
/// properties being the region summary, plus the page's position in a `page` foreign member.
///
/// Written by hand rather than through `Codable`: the stored compact geometry text is spliced in
/// as it is, so a page of 500 grids costs no re-encoding.
struct RegionFeatureCollection {
    let page: Page<Region>

    func response() throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var body = Data(#"{"type":"FeatureCollection","features":["#.utf8)
        for (i, region) in page.items.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: Data(#"{"type":"Feature","id":"#.utf8))
            body.append(try encoder.encode(region.code))
            body.append(contentsOf: Data(#","properties":"#.utf8))
            body.append(try encoder.encode(RegionSummaryDTO(region.summary)))
            body.append(contentsOf: Data(#","geometry":"#.utf8))
            body.append(contentsOf: Data(region.geometry.geoJSONString().utf8))
            body.append(UInt8(ascii: "}"))
        }
        body.append(contentsOf: Data(#"],"page":"#.utf8))
        body.append(try encoder.encode(PageInfo(total: page.total, page: page.page, perPage: page.perPage, pageCount: page.pageCount)))
        body.append(UInt8(ascii: "}"))
        var headers = HTTPFields()
        headers[.contentType] = "application/geo+json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    struct PageInfo: Encodable {
        var total: Int
        var page: Int
        var perPage: Int
        var pageCount: Int

        enum CodingKeys: String, CodingKey {
            case total, page
            case perPage = "per_page"
            case pageCount = "page_count"
        }
    }
}
