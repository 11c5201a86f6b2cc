import FinegrainCore
import Foundation

/// SVG path data for region outlines, shared by every server-drawn map.
enum SVGPath {
    /// The `d` attribute of a multipolygon (holes as extra rings, for `fill-rule="evenodd"`),
    /// skipping vertices closer than `minStep` drawing units to the last one kept.
    static func of(_ geometry: MultiPolygon, minStep: Double = 0, project: (Coordinate) -> (Double, Double)) -> String {
        var d = ""
        for polygon in geometry.polygons {
            for ring in polygon.rings {
                var last: (Double, Double)?
                for c in ring.coordinates {
                    let p = project(c)
                    if let l = last, abs(l.0 - p.0) + abs(l.1 - p.1) < minStep { continue }
                    d += (last == nil ? "M" : "L") + String(format: "%.1f %.1f", p.0, p.1)
                    last = p
                }
                d += "Z"
            }
        }
        return d
    }
}
