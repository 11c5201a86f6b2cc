import Foundation

/// Small SVG charts for the console, drawn on the server (labels are text, readable without colour).
enum ConsoleCharts {
    struct Bar {
        var label: String
        var value: Int
        /// A part of the value drawn darker (e.g. overdue of open), or nil.
        var part: Int?
        var href: String?
    }

    /// Horizontal bars, largest first as given.
    static func bars(_ bars: [Bar], colour: String = "#1565c0", partColour: String = "#c62828") -> String {
        guard let maximum = bars.map(\.value).max(), maximum > 0 else { return "" }
        let row = 24.0, label = 170.0, width = 300.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 540 \(Int(row * Double(bars.count) + 8))\" class=\"chart\" role=\"img\">"
        for (i, bar) in bars.enumerated() {
            let y = 4 + Double(i) * row
            let w = width * Double(bar.value) / Double(maximum)
            var item = "<text x=\"\(label - 6)\" y=\"\(f(y + 16))\" text-anchor=\"end\" font-size=\"13\">\(HTML.escape(bar.label))</text>"
            item += "<rect x=\"\(label)\" y=\"\(f(y + 3))\" width=\"\(f(max(1, w)))\" height=\"\(f(row - 8))\" fill=\"\(colour)\"/>"
            if let part = bar.part, part > 0 {
                item += "<rect x=\"\(label)\" y=\"\(f(y + 3))\" width=\"\(f(max(1, width * Double(part) / Double(maximum))))\" height=\"\(f(row - 8))\" fill=\"\(partColour)\"/>"
            }
            item += "<text x=\"\(f(label + w + 6))\" y=\"\(f(y + 16))\" font-size=\"12\">\(bar.value)\(bar.part.map { " / \($0)" } ?? "")</text>"
            svg += bar.href.map { "<a href=\"\(HTML.escape($0))\">\(item)</a>" } ?? item
        }
        return svg + "</svg>"
    }

    /// One or more lines over the same labels (percent, 0–100).
    static func lines(labels: [String], series: [(name: String, colour: String, values: [Double?])]) -> String {
        guard labels.count >= 2 else { return "" }
        let left = 36.0, right = 110.0, top = 10.0, bottom = 26.0, width = 540.0, height = 220.0
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Double { left + plotW * Double(i) / Double(labels.count - 1) }
        func y(_ v: Double) -> Double { top + plotH * (1 - v / 100) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" class=\"chart\" role=\"img\">"
        for v in stride(from: 0.0, through: 100, by: 25) {
            svg += "<line x1=\"\(left)\" x2=\"\(f(left + plotW))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#e0e0e0\"/>"
            svg += "<text x=\"\(left - 4)\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" font-size=\"11\">\(Int(v))%</text>"
        }
        for (i, l) in labels.enumerated() {
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(height - 8))\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(l))</text>"
        }
        for s in series {
            let points = s.values.enumerated().compactMap { i, v in v.map { (x(i), y($0)) } }
            guard let last = points.last else { continue }
            svg += "<polyline fill=\"none\" stroke=\"\(s.colour)\" stroke-width=\"2\" points=\"\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>"
            for p in points { svg += "<circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"3\" fill=\"\(s.colour)\"/>" }
            svg += "<text x=\"\(f(last.0 + 6))\" y=\"\(f(last.1 + 4))\" font-size=\"11\" fill=\"\(s.colour)\">\(HTML.escape(s.name))</text>"
        }
        return svg + "</svg>"
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }
}
