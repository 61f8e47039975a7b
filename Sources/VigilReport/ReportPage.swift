import VigilCore

/// `report/report.html`: one self-contained page (no scripts, fonts or network) with the
/// region × week heat map, trend lines with baselines, top terms and categories, the
/// recommendations with evidence, and the run's problems. Readable in print and on a phone.
public enum ReportPage {
    public struct Problems: Sendable {
        public var byCode: [(String, Int)]
        public var examples: [String]
        public init(byCode: [(String, Int)], examples: [String]) {
            self.byCode = byCode
            self.examples = examples
        }
    }

    /// `audio` decides where play links point: a local mirror of the enclosure (`maps:`) when
    /// its file exists, else the canonical URL, as in the CSV and JSON outputs.
    public static func render(rows: [WeekRow], recommendations: [Recommendation], evidence: EvidenceCollector, problems: Problems, stations: [String: String], audio: PlayLinks = .canonical) -> String {
        let weeks = Array(Set(rows.map(\.week))).sorted()
        let regions = Array(Set(rows.map(\.region))).sorted()
        var byKey: [String: WeekRow] = [:]
        for r in rows { byKey["\(r.region)|\(r.week)"] = r }
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Vigil report — flagged for review</title>
            <style>\(css)</style></head><body>
            <header><h1>Vigil report</h1>
            <p class="framing">Speech <strong>flagged for human review</strong>: lexicon matches with their context, on \(rows.reduce(0) { $0 + $1.episodes }) episodes in \(regions.count) regions over \(weeks.count) ISO weeks. A flag is not a finding of incitement; read the evidence.</p></header>
            <main>
            <section><h2>Regions by week</h2>
            <p>Each cell: alert level, severity-weighted harmful hits per 10,000 words, and how many of the counted hits a reviewer has judged. Levels are written out, not only coloured.</p>
            <div class="scroll"><table class="heat"><thead><tr><th scope="col">Region</th>
            """
        for w in weeks { h += "<th scope=\"col\">\(w)</th>" }
        h += "</tr></thead><tbody>"
        for region in regions {
            h += "<tr><th scope=\"row\">\(HTML.escape(region))</th>"
            for w in weeks {
                guard let r = byKey["\(region)|\(w)"] else { h += "<td class=\"empty\">–</td>"; continue }
                let c = HTML.levelColors[r.level] ?? HTML.levelColors["none"]!
                let thin = r.enoughData ? "" : " <small>(too little data)</small>"
                let reviewed = r.hitsTotal > 0 ? "<br><small>reviewed \(r.hitsReviewed)/\(r.hitsTotal)</small>" : ""
                h += "<td style=\"background:\(c.background);color:\(c.text)\" title=\"\(HTML.escape(r.reason))\"><strong>\(r.level)</strong><br>\(HTML.number(r.severityPer10k))\(thin)\(reviewed)</td>"
            }
            h += "</tr>"
        }
        h += "</tbody></table></div>"
        h += "<p class=\"legend\">" + ["none", "watch", "warning", "alert"].map { l in
            let c = HTML.levelColors[l]!
            return "<span style=\"background:\(c.background);color:\(c.text)\">\(l)</span>"
        }.joined(separator: " ") + "</p></section>"

        h += "<section><h2>Trends</h2><p>Harmful hits per 10,000 words (solid) and the trailing baseline (dashed).</p><div class=\"grid\">"
        for region in regions {
            let series = rows.filter { $0.region == region }.sorted { $0.week < $1.week }
            h += "<figure><figcaption>\(HTML.escape(region))</figcaption>\(TrendChart.svg(region: region, rows: series))</figure>"
        }
        h += "</div></section>"

        h += "<section><h2>Top terms and categories</h2><div class=\"grid\">"
        for region in regions {
            h += "<div><h3>\(HTML.escape(region))</h3>"
            let cats = (evidence.categories[region] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            let terms = (evidence.terms[region] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(8)
            if cats.isEmpty { h += "<p>No harmful hits.</p>" }
            if !cats.isEmpty {
                h += "<table><thead><tr><th scope=\"col\">Category</th><th scope=\"col\">Hits</th></tr></thead><tbody>"
                for (c, n) in cats { h += "<tr><td>\(HTML.escape(c))</td><td class=\"num\">\(n)</td></tr>" }
                h += "</tbody></table>"
            }
            if !terms.isEmpty {
                h += "<table><thead><tr><th scope=\"col\">Term</th><th scope=\"col\">Hits</th></tr></thead><tbody>"
                for (t, n) in terms { h += "<tr><td>\(HTML.escape(t))</td><td class=\"num\">\(n)</td></tr>" }
                h += "</tbody></table>"
            }
            h += "</div>"
        }
        h += "</div></section>"

        h += "<section><h2>Recommendations</h2><p>For every region-week at watch or above, the monitoring forum's recommendations that apply, with the trigger and the strongest evidence.</p>"
        var current = ""
        for r in recommendations {
            let key = "\(r.region) — \(r.isoWeek)"
            if key != current {
                if !current.isEmpty { h += "</div>" }
                let c = HTML.levelColors[r.alertLevel] ?? HTML.levelColors["none"]!
                h += "<div class=\"rw\"><h3>\(HTML.escape(key)) <span class=\"badge\" style=\"background:\(c.background);color:\(c.text)\">\(r.alertLevel)</span></h3>"
                current = key
            }
            h += "<article><h4>\(r.number). \(HTML.escape(r.title))</h4><p class=\"trigger\">Why: \(HTML.escape(r.trigger))</p>"
            if !r.evidence.isEmpty {
                h += "<ul class=\"evidence\">"
                for e in r.evidence {
                    let station = stations[e.stationID] ?? e.stationID
                    var meta = "\(HTML.escape(station))"
                    if !e.time.isEmpty { meta += " · \(e.time)" }
                    meta += " · \(HTML.escape(e.speaker ?? "unknown speaker"))"
                    if let role = e.speakerRole, role.lowercased() != (e.speaker ?? "").lowercased() { meta += " (\(HTML.escape(role)))" }
                    meta += " · \(HTML.escape(e.category)), severity \(e.severity)"
                    if !e.imminence.isEmpty { meta += " · imminence: \(HTML.escape(e.imminence.joined(separator: ", ")))" }
                    let play = e.audioURL.map { " · " + audio.html($0, time: e.time) } ?? ""
                    h += "<li><blockquote>\(HTML.escape(e.snippet))</blockquote><p class=\"meta\">\(meta)\(play) · <code>\(HTML.escape(e.hitID))</code></p></li>"
                }
                h += "</ul>"
            }
            h += "</article>"
        }
        if !current.isEmpty { h += "</div>" }
        if recommendations.isEmpty { h += "<p>No region-week reached watch.</p>" }
        h += "</section>"

        var unsure = ""
        for row in rows.sorted(by: { ($0.region, $0.week) < ($1.region, $1.week) }) {
            for e in evidence.top(.lowConfidence, region: row.region, week: row.week.description) {
                let play = e.audioURL.map { " · " + audio.html($0, time: e.time) } ?? ""
                unsure += "<li><blockquote>\(HTML.escape(e.snippet))</blockquote><p class=\"meta\">\(HTML.escape(row.region)) · \(row.week) · \(HTML.escape(stations[e.stationID] ?? e.stationID)) · \(HTML.escape(e.category)), severity \(e.severity)\(play)</p></li>"
            }
        }
        if !unsure.isEmpty {
            h += "<section><h2>Low-confidence evidence</h2><p>Hits in stretches speech-to-text was unsure of: weighted down in the scores and never shown as top evidence above. Listen before relying on them.</p><ul class=\"evidence\">\(unsure)</ul></section>"
        }
        h += "<section><h2>Problems in this run</h2>"
        if problems.byCode.isEmpty {
            h += "<p>No input was rejected.</p>"
        } else {
            h += "<p>Inputs that were rejected or damaged (full list: <code>problems.jsonl</code>).</p><table><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Count</th></tr></thead><tbody>"
            for (code, n) in problems.byCode { h += "<tr><td><code>\(HTML.escape(code))</code></td><td class=\"num\">\(n)</td></tr>" }
            h += "</tbody></table><ul class=\"problems\">"
            for e in problems.examples { h += "<li><code>\(HTML.escape(e))</code></li>" }
            h += "</ul>"
        }
        h += "</section></main><footer><p>Made by Vigil. Lexicons miss coded language and new slurs, speech-to-text mishears, and context matters: every flag needs a reader who knows the local situation.</p></footer></body></html>\n"
        return h
    }

    static let css = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Ethiopic","Abyssinica SIL","Noto Sans Arabic",sans-serif;margin:0;color:#1a1a1a;background:#fff}
        header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
        h1{margin:16px 0 4px}h2{margin-top:28px;border-bottom:1px solid #ccc}
        .framing{background:#eef3f8;padding:8px 12px;border-left:4px solid #2b6cb0}
        .scroll{overflow-x:auto}table{border-collapse:collapse;margin:8px 0}
        th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
        .heat td{text-align:center;min-width:72px;font-size:13px}.heat td.empty{color:#888}
        .num{text-align:right}.legend span{display:inline-block;padding:2px 8px;border:1px solid #999;margin-right:4px}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
        figure{margin:0}figcaption{font-weight:600}
        svg.trend{width:100%;height:auto;max-width:420px}.axis{stroke:#555;stroke-width:1}
        .rate{fill:none;stroke:#1f4e9a;stroke-width:2}.baseline{fill:none;stroke:#b35806;stroke-width:2;stroke-dasharray:5 4}
        .lbl{font-size:10px;fill:#333}.dot{fill:#1f4e9a}.dot.alert{fill:#993404}.dot.warning{fill:#fe9929;stroke:#333}.dot.watch{fill:#fee391;stroke:#333}
        .rw{border:1px solid #ddd;padding:4px 12px;margin:12px 0}.badge{padding:1px 8px;border:1px solid #999;font-size:13px}
        article h4{margin:10px 0 2px}.trigger{margin:2px 0;color:#333}
        blockquote{margin:4px 0;padding:4px 10px;border-left:3px solid #999;background:#fafafa}
        .meta{margin:0 0 8px;font-size:13px;color:#444}code{font-size:12px;word-break:break-all}.source{font-size:11px;color:#555}
        @media print{.scroll{overflow:visible}.rw,article{break-inside:avoid}body{font-size:11pt}}
        """
}
