import FinegrainCore
import FinegrainStore
import Foundation

/// Small server-drawn SVG maps for the console (no tiles, no script): a region's outline with a
/// point, projected with the latitude's cosine so shapes keep their proportions.
enum ConsoleMap {
    static func small(region: Region, point: Coordinate, size: Double = 240) -> String {
        let box = region.boundingBox
        let kx = cos((box.minLat + box.maxLat) / 2 * .pi / 180)
        let width = max(1e-9, (box.maxLon - box.minLon) * kx), height = max(1e-9, box.maxLat - box.minLat)
        let scale = (size - 20) / max(width, height)
        func project(_ c: Coordinate) -> (Double, Double) { (10 + (c.lon - box.minLon) * kx * scale, 10 + (box.maxLat - c.lat) * scale) }
        let d = SVGPath.of(region.geometry, project: project)
        let p = project(point)
        let w = Int(width * scale + 20), h = Int(height * scale + 20)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" class=\"minimap\" role=\"img\" aria-label=\"\(HTML.escape(region.name))\">"
            + "<path d=\"\(d)\" fill=\"#e3f2fd\" stroke=\"#1565c0\" stroke-width=\"1.5\" fill-rule=\"evenodd\"/>"
            + String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#c62828\" stroke=\"#fff\" stroke-width=\"2\"/>", p.0, p.1)
            + "<text x=\"6\" y=\"\(h - 6)\" font-size=\"11\" fill=\"#424242\">\(HTML.escape(region.name))</text></svg>"
    }

    /// A map frame: `regions` outlined (shaded by `density` when given, each a link that frames
    /// it), then the case points coloured by lateness, each a link to its case.
    static func frame(
        box: BoundingBox, regions: [Region], density: [String: Int], points: [CasePoint], now: Date, language: ConsoleLanguage,
        link: (BoundingBox) -> String
    ) -> String {
        let width = 1000.0, height = 700.0
        let sx = width / (box.maxLon - box.minLon), sy = height / (box.maxLat - box.minLat)
        func project(_ c: Coordinate) -> (Double, Double) { ((c.lon - box.minLon) * sx, (box.maxLat - c.lat) * sy) }
        let maximum = max(1, density.values.max() ?? 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 700\" class=\"bigmap\" role=\"img\" aria-label=\"\(language.pick("城市地图", "City map"))\">"
        svg += "<rect width=\"1000\" height=\"700\" fill=\"#f5f7fa\"/>"
        for region in regions {
            let d = SVGPath.of(region.geometry, minStep: 0.8, project: project)
            let n = density[region.code] ?? 0
            let fill = n == 0 ? "#ffffff" : String(format: "rgba(198,40,40,%.2f)", 0.12 + 0.6 * Double(n) / Double(maximum))
            let title = "\(region.name)\(n > 0 ? language.pick("：在办 \(n) 件", ": \(n) open") : "")"
            svg += "<a href=\"\(HTML.escape(link(region.boundingBox)))\"><path d=\"\(d)\" fill=\"\(fill)\" stroke=\"#1565c0\" stroke-width=\"0.8\" fill-rule=\"evenodd\"><title>\(HTML.escape(title))</title></path></a>"
        }
        if regions.count <= 120 {
            for region in regions {
                let c = project(region.centroid)
                guard (0...width).contains(c.0), (0...height).contains(c.1) else { continue }
                svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" class=\"label\">", c.0, c.1) + HTML.escape(region.name) + "</text>"
            }
        }
        for p in points {
            let (x, y) = project(p.location)
            let late = p.dueAt.map { $0 < now } ?? false
            let colour = p.status == .suspended ? "#757575" : late ? "#c62828" : "#2e7d32"
            svg += "<a href=\"/console/cases/\(p.id)\"><circle cx=\"\(String(format: "%.1f", x))\" cy=\"\(String(format: "%.1f", y))\" r=\"5\" fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"1.5\"><title>\(p.number) · \(language.name(p.status))\(late ? language.pick(" · 超期", " · overdue") : "")</title></circle></a>"
        }
        return svg + "</svg>"
    }

    /// Adds registered components to a frame drawn for `box`: points as small squares, lines and
    /// areas as their outline, each with its class, name and status.
    static func addComponents(_ components: [Component], to svg: String, box: BoundingBox, language: ConsoleLanguage) -> String {
        let sx = 1000 / (box.maxLon - box.minLon), sy = 700 / (box.maxLat - box.minLat)
        func project(_ c: Coordinate) -> (Double, Double) { ((c.lon - box.minLon) * sx, (box.maxLat - c.lat) * sy) }
        var layer = "<g class=\"components\">"
        for c in components {
            let title = "<title>\(HTML.escape("\(c.classCode) \(c.name) · \(language.name(c.status))"))</title>"
            switch c.geometry {
            case .point(let p):
                let (x, y) = project(p)
                layer += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"#6a1b9a\" stroke=\"#fff\">", x - 3.5, y - 3.5) + title + "</rect>"
            case .line(let points):
                let d = points.enumerated().map { i, p in let (x, y) = project(p); return (i == 0 ? "M" : "L") + String(format: "%.1f %.1f", x, y) }.joined()
                layer += "<path d=\"\(d)\" fill=\"none\" stroke=\"#6a1b9a\" stroke-width=\"2\">\(title)</path>"
            case .polygon(let area):
                layer += "<path d=\"\(SVGPath.of(area, project: project))\" fill=\"rgba(106,27,154,0.15)\" stroke=\"#6a1b9a\">\(title)</path>"
            }
        }
        layer += "</g>"
        guard let end = svg.range(of: "</svg>", options: .backwards) else { return svg }
        return svg.replacingCharacters(in: end, with: layer + "</svg>")
    }
}
