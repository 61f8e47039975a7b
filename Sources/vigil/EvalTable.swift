import VigilDetect

/// Renders an evaluation report as plain-text tables (Markdown-compatible).
enum EvalTable {
    static func render(_ r: Evaluator.Report, showMisses: Int?) -> String {
        func f(_ x: Double) -> String {
            let v = (x * 1000).rounded() / 1000
            var s = String(v)
            while s.split(separator: ".").last.map({ $0.count < 3 }) ?? false { s += "0" }
            return s
        }
        var out = "examples: \(r.examples)\n\n| category | precision | recall | F1 | support | TP | FP | FN |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        for (c, k) in r.categories {
            out += "| \(c) | \(f(k.precision)) | \(f(k.recall)) | \(f(k.f1)) | \(k.support) | \(k.truePositives) | \(k.falsePositives) | \(k.falseNegatives) |\n"
        }
        let o = r.overall, u = r.utterances
        out += "| **overall (micro)** | \(f(o.precision)) | \(f(o.recall)) | \(f(o.f1)) | \(o.support) | \(o.truePositives) | \(o.falsePositives) | \(o.falseNegatives) |\n"
        out += "| utterance: any harmful | \(f(u.precision)) | \(f(u.recall)) | \(f(u.f1)) | \(u.support) | \(u.truePositives) | \(u.falsePositives) | \(u.falseNegatives) |\n"
        if !r.kinds.isEmpty {
            out += "\n| kind | examples | not counted as hate |\n| --- | --- | --- |\n"
            for k in r.kinds {
                out += "| \(k.kind) | \(k.total) | \(k.notHate) (\(f(Double(k.notHate) / Double(max(k.total, 1))))) |\n"
            }
        }
        let misses = r.misses.prefix(showMisses ?? r.misses.count)
        if !misses.isEmpty {
            out += "\nmisclassified (\(r.misses.count)):\n"
            for m in misses {
                out += "- \(m.example.id) [\(m.example.kind ?? "-")] expected \(m.example.labels.sorted()) got \(m.predicted): \(m.example.text)\n"
                for h in m.hits { out += "    \(h)\n" }
            }
        }
        return out
    }
}
