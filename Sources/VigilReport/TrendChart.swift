/// A small inline SVG line chart: a region's harmful rate per 10,000 words by week, with its
/// trailing baseline dashed. Written by hand so the page needs no script or library.
enum TrendChart {
    static func svg(region: String, rows: [WeekRow]) -> String {
        let w = 340.0, h = 140.0, left = 36.0, right = 8.0, top = 10.0, bottom = 28.0
        let values = rows.map(\.ratePer10k) + rows.compactMap(\.baselineRate)
        let maxY = max(values.max() ?? 0, 1) * 1.1
        let n = max(rows.count - 1, 1)
        func x(_ i: Int) -> Double { left + (w - left - right) * Double(i) / Double(n) }
        func y(_ v: Double) -> Double { top + (h - top - bottom) * (1 - v / maxY) }
        func f(_ v: Double) -> String { HTML.number(v, decimals: 1) }
        let rate = rows.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element.ratePer10k)))" }.joined(separator: " ")
        let baseline = rows.enumerated().compactMap { i, r in r.baselineRate.map { "\(f(x(i))),\(f(y($0)))" } }.joined(separator: " ")
        let id = "t-" + String(region.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        var s = "<svg class=\"trend\" viewBox=\"0 0 \(f(w)) \(f(h))\" role=\"img\" aria-labelledby=\"\(id)\">"
        s += "<title id=\"\(id)\">Harmful hits per 10,000 words in \(HTML.escape(region)), by week, with the trailing baseline</title>"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(h - bottom))\" x2=\"\(f(w - right))\" y2=\"\(f(h - bottom))\" class=\"axis\"/>"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(h - bottom))\" class=\"axis\"/>"
        s += "<text x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" text-anchor=\"end\" class=\"lbl\">\(f(maxY))</text>"
        s += "<text x=\"\(f(left - 4))\" y=\"\(f(h - bottom))\" text-anchor=\"end\" class=\"lbl\">0</text>"
        if let first = rows.first, let last = rows.last {
            s += "<text x=\"\(f(left))\" y=\"\(f(h - 10))\" class=\"lbl\">\(first.week)</text>"
            s += "<text x=\"\(f(w - right))\" y=\"\(f(h - 10))\" text-anchor=\"end\" class=\"lbl\">\(last.week)</text>"
        }
        if !baseline.isEmpty { s += "<polyline points=\"\(baseline)\" class=\"baseline\"/>" }
        s += "<polyline points=\"\(rate)\" class=\"rate\"/>"
        for (i, r) in rows.enumerated() {
            s += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(r.ratePer10k)))\" r=\"3\" class=\"dot \(r.level)\"><title>\(r.week): \(f(r.ratePer10k)) per 10,000 words, \(r.level)</title></circle>"
        }
        return s + "</svg>"
    }
}
