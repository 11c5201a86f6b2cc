import FinegrainCore
import Foundation

/// Server-drawn SVG charts for the evaluation report: no script, printable, readable without colour
/// (every bar and line is labelled).
enum EvaluationCharts {
    /// 排名柱状图: one horizontal bar per ranked row, coloured by grade.
    static func rankingBars(_ rows: [EvaluationRow]) -> String {
        let ranked = rows.filter { $0.score != nil }
        guard !ranked.isEmpty else { return "" }
        let rowHeight = 26.0, labelWidth = 190.0, barWidth = 420.0, top = 10.0
        let height = top * 2 + rowHeight * Double(ranked.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 700 \(Int(height))\" role=\"img\" aria-label=\"排名 Ranking\" class=\"chart\">"
        for (i, row) in ranked.enumerated() {
            let y = top + Double(i) * rowHeight
            let score = row.score ?? 0
            let grade = row.grade ?? .e
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(fmt(y + 17))\" text-anchor=\"end\" font-size=\"13\">\(row.rank ?? 0). \(HTML.escape(row.name))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(fmt(y + 4))\" width=\"\(fmt(barWidth * score / 100))\" height=\"\(fmt(rowHeight - 8))\" fill=\"\(grade.colour)\"><title>\(HTML.escape(row.name)) \(fmt2(score)) \(grade.rawValue)</title></rect>"
            svg += "<text x=\"\(fmt(labelWidth + barWidth * score / 100 + 6))\" y=\"\(fmt(y + 17))\" font-size=\"12\">\(fmt2(score)) \(grade.rawValue)</text>"
        }
        return svg + "</svg>"
    }

    /// 趋势图: each object's score over the months given (published months and the current one).
    static func trendLines(_ sheets: [EvaluationSheet]) -> String {
        guard sheets.count >= 2, let last = sheets.last else { return "" }
        let subjects = last.rows.filter { $0.score != nil }.prefix(12)
        let left = 40.0, right = 150.0, top = 15.0, bottom = 30.0, width = 700.0, height = 300.0
        let plotW = width - left - right, plotH = height - top - bottom
        let minScore = 40.0
        func x(_ i: Int) -> Double { left + plotW * Double(i) / Double(max(1, sheets.count - 1)) }
        func y(_ s: Double) -> Double { top + plotH * (1 - (max(minScore, s) - minScore) / (100 - minScore)) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"趋势 Trend\" class=\"chart\">"
        for s in stride(from: minScore, through: 100, by: 10) {
            svg += "<line x1=\"\(left)\" x2=\"\(fmt(left + plotW))\" y1=\"\(fmt(y(s)))\" y2=\"\(fmt(y(s)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(fmt(y(s) + 4))\" text-anchor=\"end\" font-size=\"11\">\(Int(s))</text>"
        }
        for (i, sheet) in sheets.enumerated() {
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(height - 10))\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(sheet.period))</text>"
        }
        let palette = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#4e342e", "#ad1457", "#283593", "#558b2f", "#37474f", "#f9a825"]
        for (n, row) in subjects.enumerated() {
            let colour = palette[n % palette.count]
            var points: [(Double, Double)] = []
            for (i, sheet) in sheets.enumerated() {
                if let score = sheet.row(row.subject.id)?.score { points.append((x(i), y(score))) }
            }
            guard let end = points.last else { continue }
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " "))\"/>"
            for p in points { svg += "<circle cx=\"\(fmt(p.0))\" cy=\"\(fmt(p.1))\" r=\"3\" fill=\"\(colour)\"/>" }
            svg += "<text x=\"\(fmt(end.0 + 8))\" y=\"\(fmt(end.1 + 4))\" font-size=\"11\" fill=\"\(colour)\">\(HTML.escape(row.name))</text>"
        }
        return svg + "</svg>"
    }

    /// 等级分布图: the regions drawn from their stored boundaries, shaded by grade.
    static func gradeMap(_ regions: [(region: Region, row: EvaluationRow?)]) -> String {
        let boxes = regions.map(\.region.boundingBox)
        guard let first = boxes.first else { return "" }
        var minLon = first.minLon, maxLon = first.maxLon, minLat = first.minLat, maxLat = first.maxLat
        for b in boxes {
            minLon = min(minLon, b.minLon); maxLon = max(maxLon, b.maxLon); minLat = min(minLat, b.minLat); maxLat = max(maxLat, b.maxLat)
        }
        let kx = cos((minLat + maxLat) / 2 * .pi / 180)
        let width = 640.0
        let scale = width / max(1e-9, (maxLon - minLon) * kx)
        let height = (maxLat - minLat) * scale
        func project(_ c: Coordinate) -> (Double, Double) { ((c.lon - minLon) * kx * scale, (maxLat - c.lat) * scale) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-5 -5 \(Int(width + 10)) \(Int(height + 10))\" role=\"img\" aria-label=\"等级分布图 Grade map\" class=\"chart map\">"
        // Districts first, functional zones (which lie inside them) on top.
        let ordered = regions.sorted { ($0.region.level == .zone ? 1 : 0, $0.region.code) < ($1.region.level == .zone ? 1 : 0, $1.region.code) }
        for (region, row) in ordered {
            let d = SVGPath.of(region.geometry, minStep: 1.2, project: project)
            let fill = row?.grade?.colour ?? "#bdbdbd"
            let label = "\(region.name) \(row?.score.map(fmt2) ?? "未参评") \(row?.grade?.rawValue ?? "")"
            svg += "<path d=\"\(d)\" fill=\"\(fill)\" fill-opacity=\"\(region.level == .zone ? "0.85" : "0.6")\" stroke=\"#fff\" stroke-width=\"1.2\" fill-rule=\"evenodd\"><title>\(HTML.escape(label))</title></path>"
        }
        for (region, row) in ordered {
            let c = project(region.centroid)
            svg += "<text x=\"\(fmt(c.0))\" y=\"\(fmt(c.1))\" text-anchor=\"middle\" font-size=\"12\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">\(HTML.escape(region.name))\(row?.grade.map { " " + $0.rawValue } ?? "")</text>"
        }
        return svg + "</svg>"
    }

    static func fmt(_ x: Double) -> String { String(format: "%.1f", x) }
    static func fmt2(_ x: Double) -> String { String(format: "%.2f", x) }
}
