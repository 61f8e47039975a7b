import VigilCore

/// `vigil eval`: measures a lexicon on labelled text.
///
/// Each example has the harmful categories it really expresses (`labels`, empty for none)
/// and optionally a `kind` (`hate`, `counter_speech`, `reported`, `idiom` …). Predicted
/// categories are those `Detector.score` finds. Precision, recall and F1 are computed per
/// category and micro-averaged over all category labels ("overall"); an utterance-level
/// figure (any harmful category vs none) is given beside it. For each kind, the share of
/// examples with no harmful prediction shows how often counter-speech or reported speech
/// is (correctly) not counted as hate.
public enum Evaluator {
    public struct Example: Sendable {
        public var id: String
        public var text: String
        public var labels: Set<String>
        public var kind: String?
        public var language: String?
        public init(id: String, text: String, labels: Set<String>, kind: String? = nil, language: String? = nil) {
            self.id = id
            self.text = text
            self.labels = labels
            self.kind = kind
            self.language = language
        }
    }

    public struct Counts: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var support: Int { truePositives + falseNegatives }
    }

    public struct Miss: Sendable {
        public var example: Example
        public var predicted: [String]
        public var hits: [String]
    }

    public struct Report: Sendable {
        public var categories: [(String, Counts)] = []
        public var overall = Counts()
        public var utterances = Counts()
        /// Per kind: examples, and how many had no harmful prediction.
        public var kinds: [(kind: String, total: Int, notHate: Int)] = []
        public var misses: [Miss] = []
        public var examples = 0
    }

    public static func evaluate(_ examples: [Example], with detector: Detector) -> Report {
        var report = Report()
        report.examples = examples.count
        var perCategory: [String: Counts] = [:]
        var kinds: [String: (Int, Int)] = [:]
        for example in examples {
            let result = detector.score(example.text, language: example.language)
            let predicted = Set(result.categories)
            for c in predicted.union(example.labels) {
                var counts = perCategory[c, default: Counts()]
                switch (predicted.contains(c), example.labels.contains(c)) {
                case (true, true): counts.truePositives += 1
                case (true, false): counts.falsePositives += 1
                case (false, true): counts.falseNegatives += 1
                default: break
                }
                perCategory[c] = counts
            }
            switch (!predicted.isEmpty, !example.labels.isEmpty) {
            case (true, true): report.utterances.truePositives += 1
            case (true, false): report.utterances.falsePositives += 1
            case (false, true): report.utterances.falseNegatives += 1
            default: break
            }
            if let kind = example.kind {
                var k = kinds[kind, default: (0, 0)]
                k.0 += 1
                if predicted.isEmpty { k.1 += 1 }
                kinds[kind] = k
            }
            if predicted != example.labels {
                let hits = zip(result.hits, result.spans).map { f, span in
                    "\(f.entry.category)\(f.negated ? " (negated)" : f.reported ? " (reported)" : ""): '\(span)' ← \(f.entry.term) [\(f.entry.file):\(f.entry.line)]"
                }
                report.misses.append(Miss(example: example, predicted: predicted.sorted(), hits: hits))
            }
        }
        let order = Category.columns(adding: perCategory.keys)
        report.categories = order.compactMap { c in perCategory[c].map { (c, $0) } }
        for (_, c) in report.categories {
            report.overall.truePositives += c.truePositives
            report.overall.falsePositives += c.falsePositives
            report.overall.falseNegatives += c.falseNegatives
        }
        report.kinds = kinds.keys.sorted().map { (kind: $0, total: kinds[$0]!.0, notHate: kinds[$0]!.1) }
        return report
    }
}
