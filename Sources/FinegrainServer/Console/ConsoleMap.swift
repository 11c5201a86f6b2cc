import FinegrainCore
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
        var d = ""
        for polygon in region.geometry.polygons {
            for ring in polygon.rings {
                for (i, c) in ring.coordinates.enumerated() {
                    let p = project(c)
                    d += (i == 0 ? "M" : "L") + String(format: "%.1f %.1f", p.0, p.1)
                }
                d += "Z"
            }
        }
        let p = project(point)
        let w = Int(width * scale + 20), h = Int(height * scale + 20)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" class=\"minimap\" role=\"img\" aria-label=\"\(EvaluationCharts.escape(region.name))\">"
            + "<path d=\"\(d)\" fill=\"#e3f2fd\" stroke=\"#1565c0\" stroke-width=\"1.5\" fill-rule=\"evenodd\"/>"
            + String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#c62828\" stroke=\"#fff\" stroke-width=\"2\"/>", p.0, p.1)
            + "<text x=\"6\" y=\"\(h - 6)\" font-size=\"11\" fill=\"#424242\">\(EvaluationCharts.escape(region.name))</text></svg>"
    }
}
