import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// `GET /console/map` — 一张图: the city drawn from the stored geometry, districts → subdistricts →
/// communities → grids as one zooms in, grids and communities shaded by open cases, open cases as
/// points coloured by lateness (click through to the case). Zoom and pan are links (and the mouse
/// wheel and arrow keys with the small script), so the map works without script and on a phone.
///
/// `?region=370303001` frames a region; `?bbox=minLon,minLat,maxLon,maxLat` any box; `&cases=0`
/// hides the points.
struct ConsoleMapController: Sendable {
    let cases: CaseController
    let pages: ConsolePage

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("console/map", .casesRead, use: map)
    }

    @Sendable func map(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let language = ConsoleLanguage(request)
        let locator = await cases.index.locator
        let q = QueryParameters(request)
        var box: BoundingBox
        if let code = q.string("region") {
            guard let region = locator.region(code) else { throw Problem.invalidParameter("region", "is not a known region", "不是已知区域") }
            box = region.boundingBox
        } else if let text = q.string("bbox") {
            let parts = text.split(separator: ",").compactMap { Double($0) }
            guard parts.count == 4, parts[0] < parts[2], parts[1] < parts[3], parts.allSatisfy(\.isFinite) else {
                throw Problem.invalidParameter("bbox", "is minLon,minLat,maxLon,maxLat", "格式应为 最小经度,最小纬度,最大经度,最大纬度")
            }
            box = BoundingBox(minLon: parts[0], minLat: parts[1], maxLon: parts[2], maxLat: parts[3])
        } else if let city = locator.city {
            box = city.boundingBox
        } else {
            throw Problem(
                status: .notFound, slug: "not-found", title: "No regions", detail: "no regions are loaded yet: import them first (finegrain import regions)",
                detailZH: "尚未导入区域，请先导入（finegrain import regions）")
        }
        // Keep the frame's proportions to the drawing's (1000 × 700 at the latitude's scale).
        let kx = cos((box.minLat + box.maxLat) / 2 * .pi / 180)
        let aspect = 1000.0 / 700.0
        var w = (box.maxLon - box.minLon) * kx, h = box.maxLat - box.minLat
        if w / h < aspect { w = h * aspect } else { h = w / aspect }
        let centre = Coordinate(lon: (box.minLon + box.maxLon) / 2, lat: (box.minLat + box.maxLat) / 2)
        box = BoundingBox(minLon: centre.lon - w / kx / 2, minLat: centre.lat - h / 2, maxLon: centre.lon + w / kx / 2, maxLat: centre.lat + h / 2)
        let span = box.maxLat - box.minLat
        let level: RegionLevel = span > 0.3 ? .district : span > 0.08 ? .subdistrict : span > 0.02 ? .community : .grid
        let levels: Set<RegionLevel> = level == .district ? [.district, .zone] : [level]
        let shown = locator.regions(in: box, levels: levels)

        let scope = await cases.access.caseScope(principal)
        let filter = CaseCountFilter(regionCodes: scope.regions, departmentID: scope.departmentID, reporterUserID: scope.reporterUserID, openOnly: true, box: box)
        let showCases = (try q.bool("cases")) ?? true
        let points = showCases && level != .district ? try await cases.store.casePoints(filter, limit: 1_500) : []
        // Open cases per grid or community in view, counted by the database (not only the points drawn).
        var density: [String: Int] = [:]
        if level == .grid || level == .community {
            for c in try await cases.store.caseCounts(by: level == .grid ? "grid_code" : "community_code", filter, limit: 5_000) { density[c.key] = c.count }
        }
        // 部件图层: the registered components in view, when asked for and zoomed in far enough.
        let showComponents = (try q.bool("components")) ?? false
        var components: [Component] = []
        if showComponents, level == .grid || level == .community {
            components = try await cases.store.components(ComponentQuery(boundingBox: box, perPage: 1_000)).items
        }
        var svg = ConsoleMap.frame(
            box: box, regions: shown, density: density, points: points, now: Date(), language: language,
            link: { "/console/map?bbox=" + Self.bbox($0) + (showCases ? "" : "&cases=0") + (showComponents ? "&components=1" : "") })
        if !components.isEmpty { svg = ConsoleMap.addComponents(components, to: svg, box: box, language: language) }
        func moved(_ dx: Double, _ dy: Double, _ zoom: Double) -> String {
            let cw = (box.maxLon - box.minLon) * zoom, ch = (box.maxLat - box.minLat) * zoom
            let cx = (box.minLon + box.maxLon) / 2 + dx * (box.maxLon - box.minLon), cy = (box.minLat + box.maxLat) / 2 + dy * (box.maxLat - box.minLat)
            return "/console/map?bbox=" + Self.bbox(BoundingBox(minLon: cx - cw / 2, minLat: cy - ch / 2, maxLon: cx + cw / 2, maxLat: cy + ch / 2)) + (showCases ? "" : "&cases=0")
                + (showComponents ? "&components=1" : "")
        }
        // Every open case in view, counted by the database (the points are not drawn at district
        // level and are capped at 1,500).
        let openInView = showCases ? try await cases.store.caseCounts(by: "status", filter).reduce(0) { $0 + $1.count } : 0
        let levelName = language.name(level)
        return await pages.render(
            "console-map", title: language.strings["map"] ?? "",
            model: [
                "svg": svg, "levelName": levelName, "regionCount": shown.count, "caseCount": openInView,
                "zoomIn": moved(0, 0, 0.5), "zoomOut": moved(0, 0, 2), "north": moved(0, 0.4, 1), "south": moved(0, -0.4, 1),
                "east": moved(0.4, 0, 1), "west": moved(-0.4, 0, 1), "home": "/console/map",
                "toggleCases": showCases ? moved(0, 0, 1) + "&cases=0" : moved(0, 0, 1).replacingOccurrences(of: "&cases=0", with: ""), "showCases": showCases,
                "toggleComponents": showComponents ? moved(0, 0, 1) : moved(0, 0, 1) + "&components=1", "showComponents": showComponents,
                "componentCount": components.count, "componentsTooFar": showComponents && !(level == .grid || level == .community),
            ], request: request, context: context)
    }

    static func bbox(_ b: BoundingBox) -> String { String(format: "%.5f,%.5f,%.5f,%.5f", b.minLon, b.minLat, b.maxLon, b.maxLat) }
}
