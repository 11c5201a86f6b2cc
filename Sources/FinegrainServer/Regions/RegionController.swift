import FinegrainCore
public import FinegrainStore
import Foundation
import Hummingbird

/// The region tree and locating, read-only and public (the map of responsibility is public
/// information; no personal data lives here):
///
/// - `GET /api/v1/locate?lon=&lat=[&crs=wgs84|gcj02]` — the chain grid ▸ … ▸ city of a point;
/// - `GET /api/v1/regions?level=&parent=&q=&synthetic=&sort=code|name|area&order=asc|desc&page=&per_page=[&format=geojson]`;
/// - `GET /api/v1/regions/{code}?include=ancestors,children,geometry&page=&per_page=`;
/// - `GET /api/v1/regions/{code}/children?page=&per_page=&sort=&order=`;
/// - `POST /api/v1/regions/import?crs=&tolerance=&dry_run=` (administrators, city-wide): a GeoJSON
///   FeatureCollection, validated whole and written in one transaction, or refused with every problem.
public struct RegionController: Sendable {
    let store: Store
    let index: RegionIndex
    let access: AccessControl

    public init(store: Store, index: RegionIndex, access: AccessControl) {
        self.store = store
        self.index = index
        self.access = access
    }

    public func addRoutes(to routes: SecuredRoutes) {
        routes.get("locate", .public, use: locate)
        routes.get("regions", .public, use: list)
        routes.get("regions/{code}", .public, use: show)
        routes.get("regions/{code}/children", .public, use: children)
        routes.post("regions/import", .regionsManage, use: importRegions)
    }

    @Sendable func locate(_ request: Request, context: FinegrainRequestContext) async throws -> LocateResponse {
        let query = QueryParameters(request)
        let lon = try query.requiredDouble("lon", in: -180...180)
        let lat = try query.requiredDouble("lat", in: -90...90)
        let crs = try query.oneOf("crs", CoordinateSystem.self, allowed: CoordinateSystem.allCases) ?? .wgs84
        let point = crs.toWGS84(Coordinate(lon: lon, lat: lat))
        let locator = await index.locator
        let chain = locator.locate(point)
        guard !chain.isEmpty else {
            throw Problem(
                status: .notFound, slug: "outside-service-area", title: "Outside the service area",
                detail: "the point (\(lon), \(lat)) lies outside every region of this platform",
                detailZH: "该点（\(lon), \(lat)）不在本平台任何区域内")
        }
        func at(_ level: RegionLevel) -> RegionSummaryDTO? { chain.first { $0.level == level }.map(RegionSummaryDTO.init) }
        var district = at(.district)
        if district == nil, let official = chain.first(where: { $0.level == .subdistrict })?.divisionParentCode {
            district = locator.region(official).map { RegionSummaryDTO($0.summary) }
        }
        return LocateResponse(
            query: .init(lon: lon, lat: lat, crs: crs.rawValue), wgs84: [point.lon, point.lat],
            grid: at(.grid), community: at(.community), subdistrict: at(.subdistrict), district: district, zone: at(.zone),
            city: at(.city), chain: chain.map(RegionSummaryDTO.init))
    }

    @Sendable func list(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        var regionQuery = try pageQuery(query)
        regionQuery.level = try query.oneOf("level", RegionLevel.self, allowed: RegionLevel.allCases)
        regionQuery.parentCode = query.string("parent")
        regionQuery.text = query.string("q")
        regionQuery.synthetic = try query.bool("synthetic")
        switch try query.oneOf("format", ListFormat.self, allowed: ListFormat.allCases) ?? .json {
        case .json:
            return try PageDTO(try await store.regions(regionQuery), RegionSummaryDTO.init).response(from: request, context: context)
        case .geojson:
            return try RegionFeatureCollection(page: try await store.regionsWithGeometry(regionQuery)).response()
        }
    }

    @Sendable func show(_ request: Request, context: FinegrainRequestContext) async throws -> RegionResponse {
        let code = try context.parameters.require("code")
        let query = QueryParameters(request)
        let include = try query.set("include", allowed: ["ancestors", "children", "geometry"])
        guard let region = try await store.region(code: code) else { throw Problem.notFound("region \(code)", "区域 \(code)") }
        var response = RegionResponse(region: RegionSummaryDTO(region.summary))
        if include.contains("ancestors") {
            response.ancestors = try await store.ancestors(of: code).map(RegionSummaryDTO.init)
        }
        if include.contains("children") {
            var childQuery = try pageQuery(query)
            childQuery.parentCode = code
            response.children = PageDTO(try await store.regions(childQuery), RegionSummaryDTO.init)
        }
        if include.contains("geometry") {
            response.geometry = GeoJSONGeometry(json: region.geometry.geoJSONString())
        }
        return response
    }

    @Sendable func children(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<RegionSummaryDTO> {
        let code = try context.parameters.require("code")
        guard try await store.regionExists(code: code) else {
            throw Problem.notFound("region \(code)", "区域 \(code)")
        }
        var childQuery = try pageQuery(QueryParameters(request))
        childQuery.parentCode = code
        return PageDTO(try await store.regions(childQuery), RegionSummaryDTO.init)
    }

    struct ImportReportDTO: ResponseEncodable {
        var imported: [String: Int]
        var dryRun: Bool

        enum CodingKeys: String, CodingKey {
            case imported
            case dryRun = "dry_run"
        }
    }

    @Sendable func importRegions(_ request: Request, context: FinegrainRequestContext) async throws -> ImportReportDTO {
        let principal = try context.requirePrincipal()
        guard await access.isCityWide(principal, for: .regionsManage) else {
            throw Problem(
                status: .forbidden, slug: "forbidden", title: "Forbidden", detail: "importing regions needs a city-wide grant",
                detailZH: "导入区域需要全市范围的授权")
        }
        let query = QueryParameters(request)
        let options = RegionImport.Options(
            crs: try query.oneOf("crs", CoordinateSystem.self, allowed: CoordinateSystem.allCases) ?? .wgs84,
            toleranceMeters: try query.double("tolerance", in: 0...10_000) ?? 20)
        let dryRun = try query.bool("dry_run") ?? false
        let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
        do {
            let report = try await RegionImporter(store: store).run(
                Data(body.readableBytesView), options: options, dryRun: dryRun, actor: access.actor(context, permission: .regionsManage))
            if !dryRun { try await index.refresh() }
            return ImportReportDTO(
                imported: Dictionary(uniqueKeysWithValues: report.counts.map { ($0.key.rawValue, $0.value) }), dryRun: dryRun)
        } catch let failure as RegionImportFailure {
            throw Problem(
                status: .unprocessableContent, slug: "import-refused", title: "Import refused, nothing imported",
                detail: "\(failure.problems.count) problem(s); nothing was imported", detailZH: "发现 \(failure.problems.count) 个问题，未导入任何数据",
                errors: failure.problems.map { problem in
                    let field = problem.featureIndex.map { "features[\($0)]" } ?? "(file)"
                    let location = [problem.code.map { "code \($0)" }, problem.line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ", ")
                    return Problem.FieldError(
                        field: field, detail: location.isEmpty ? problem.reason : "\(location): \(problem.reason)", detailZH: problem.reasonZH)
                })
        }
    }

    private func pageQuery(_ query: QueryParameters) throws -> RegionQuery {
        RegionQuery(
            sort: try query.oneOf("sort", RegionQuery.Sort.self, allowed: RegionQuery.Sort.allCases) ?? .code,
            descending: try query.oneOf("order", SortOrder.self, allowed: SortOrder.allCases) == .desc,
            page: try query.int("page", in: 1...1_000_000) ?? 1,
            perPage: try query.int("per_page", in: 1...RegionQuery.maxPerPage) ?? 50)
    }
}

/// `format=json|geojson` for listings.
enum ListFormat: String, CaseIterable {
    case json, geojson
}

/// `order=asc|desc`.
enum SortOrder: String, CaseIterable {
    case asc, desc
}
