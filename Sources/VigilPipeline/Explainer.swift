import Foundation
import VigilCore
import VigilIO
import VigilReport

/// `vigil explain REGION WEEK`: why a region-week got its alert level, number by number and
/// hit by hit, recomputed from `detect/hits.jsonl` and checked against
/// `aggregate/region_week.csv`.
public enum Explainer {
    public struct Explanation: Sendable {
        public var text: String
        /// True when the recomputed numbers equal the aggregate row.
        public var consistent: Bool
    }

    public static func explain(region: String, week: String, work: String) throws(ConfigErrors) -> Explanation {
        let w = Workspace(root: work)
        do {
            return try run(region: region, week: week, w: w)
        } catch {
            throw ConfigErrors([error])
        }
    }

    static func run(region: String, week: String, w: Workspace) throws(VigilError) -> Explanation {
        let csv = try CSVStream(path: w.regionWeekCSV, stage: .report)
        let cols = csv.columns
        var rows: [String: CSVRecord] = [:]
        while let f = csv.next() {
            let r = CSVRecord(columns: cols, fields: f)
            if r["region"] == region, let wk = r["iso_week"] { rows[wk] = r }
        }
        guard let row = rows[week] else {
            throw VigilError(.report, "no_such_region_week", "no row for region '\(region)' and week \(week) in \(w.regionWeekCSV)")
        }
        func num(_ k: String) -> Double { Double(row[k] ?? "") ?? 0 }
        func int(_ k: String) -> Int { Int(row[k] ?? "") ?? 0 }
        let manifest = (try? JSONSerialization.jsonObject(with: Data(FileSystem.read(w.manifest)))) as? [String: Any]
        let config = manifest?["config"] as? [String: Any]
        let thresholds = config?["thresholds"] as? [String: Any] ?? [:]
        var hits: [Hit] = []
        let reader = try LineReader(path: w.hits, stage: .report)
        let lines = JSONLines()
        while let line = reader.next() {
            let h = try lines.decode(Hit.self, from: line, file: w.hits, lineNumber: reader.lineNumber, stage: .report)
            if h.region == region && h.isoWeek == week { hits.append(h) }
        }
        let harmful = hits.filter(\.isHarmful)
        let severity = harmful.reduce(0) { $0 + $1.severity }
        let words = int("words")
        let f = { (v: Double) in CSVWriter.format((v * 10).rounded() / 10) }
        var t = "\(region), \(week): \(row["alert_level"] ?? "?") — flagged for review, not a finding of incitement\n"
        t += "rule: \(row["alert_reason"] ?? "")\n\nnumbers (aggregate/region_week.csv):\n"
        t += "  episodes \(int("episodes")) on \(int("stations")) station(s), \(int("stations_with_hits")) with harmful hits; words \(words); airtime \(f(num("airtime_minutes"))) minutes\n"
        t += "  counted hits \(int("hits_total")): harmful \(int("harmful_hits")), counter-speech \(int("counter_speech")) (negated \(int("negated"))), reported \(int("reported")); reviewed \(int("hits_reviewed")), false positives \(int("false_positives"))\n"
        t += "  severity score \(int("severity_score")) = the severities of the \(harmful.count) harmful hits below\n"
        if words > 0 {
            t += "  severity per 10,000 words = \(int("severity_score")) × 10,000 / \(words) = \(f(num("severity_per_10k")))\n"
            t += "  harmful rate per 10,000 words = \(int("harmful_hits")) × 10,000 / \(words) = \(f(num("rate_per_10k")))\n"
        }
        let baselineWeeks = (thresholds["baseline_weeks"] as? Int) ?? 4
        if let iso = ISOWeek(week) {
            let previous = (1...max(1, baselineWeeks)).compactMap { n -> (String, Double)? in
                let k = iso.adding(weeks: -n).description
                return rows[k].flatMap { r in Double(r["rate_per_10k"] ?? "").map { (k, $0) } }
            }.reversed()
            if previous.isEmpty {
                t += "  baseline: no earlier week with episodes in the previous \(baselineWeeks)\n"
            } else {
                let mean = previous.reduce(0) { $0 + $1.1 } / Double(previous.count)
                t += "  baseline = mean rate of " + previous.map { "\($0.0) \(f($0.1))" }.joined(separator: ", ") + " = \(f(mean))"
                t += row["change_ratio"].map { "; change ratio \(f(Double($0) ?? 0))" } ?? ""
                t += "\n"
            }
        }
        t += "  persistence: above baseline \(int("persistence_weeks")) week(s) running\n"
        if !thresholds.isEmpty {
            t += "\nthresholds (manifest.json): " + thresholds.keys.sorted().map { "\($0) \(thresholds[$0]!)" }.joined(separator: ", ") + "\n"
        }
        if let detect = (manifest?["stages"] as? [String: Any])?["detect"] as? [String: Any], let inputs = detect["inputs"] as? [[String: Any]] {
            for i in inputs { t += "input: \(i["path"] ?? "?") sha256 \(i["sha256"] ?? "?")\n" }
            if inputs.isEmpty { t += "input: shipped default lexicon, groups and cues (Pipelines/lexicons/)\n" }
        }
        if let redaction = config?["redaction"] { t += "redaction: \(redaction)\n" }
        t += "\nhits (\(hits.count) in this region-week):\n"
        for h in hits.sorted(by: { ($0.isHarmful ? 0 : 1, -$0.severity, $0.hitID) < ($1.isHarmful ? 0 : 1, -$1.severity, $1.hitID) }) {
            let status = h.isFalsePositive ? "false positive" : h.isHarmful ? "harmful" : h.isCounterSpeech ? "counter-speech" : h.reported ? "reported" : "not counted"
            let review = h.review.map { " [review: \($0)\(h.reviewer.map { " by \($0)" } ?? "")]" } ?? ""
            t += "  \(status), severity \(h.severity), \(h.category): \"\(h.term)\" (\(h.lexicon):\(h.lexiconLine))\(review)\n    \(Evidence(h).line)  [\(h.hitID)]\n"
        }
        let consistent = severity == int("severity_score") && harmful.count == int("harmful_hits")
        t += "\ncheck: recomputed from detect/hits.jsonl: \(harmful.count) harmful hits, severity score \(severity) — "
        t += consistent ? "matches region_week.csv\n" : "DIFFERS from region_week.csv (\(int("harmful_hits")), \(int("severity_score"))): rerun aggregate\n"
        return Explanation(text: t, consistent: consistent)
    }
}
