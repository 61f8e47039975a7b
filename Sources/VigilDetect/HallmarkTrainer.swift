import Glibc
import VigilCore

/// `vigil model train`: fits a `HallmarkModel` to labelled utterances.
///
/// One logistic regression per harmful category, over the features `HallmarkModel`
/// describes (a feature is kept when at least `minCount` utterances have it), fitted by
/// full-batch gradient descent with L2 regularisation from zero weights. Everything runs in
/// a fixed order on one thread, so the same examples and settings give the same file.
public enum HallmarkTrainer {
    public struct Settings: Sendable, Equatable {
        public var minCount = 2
        public var iterations = 1500
        public var rate = 0.5
        public var l2 = 1.0
        public var threshold = 0.35
        /// Features whose weights all lie within ±`prune` are left out of the file.
        public var prune = 0.02
        public init() {}
    }

    /// Trains on `examples` (their `labels` are the categories they express; `[]` for
    /// none), reading the one-word terms of `groups` as `{group}`.
    public static func train(_ examples: [Evaluator.Example], groups: [GroupTerm], folding: LanguageFolding = LanguageFolding(),
                             settings: Settings = Settings(), file: String = "model.tsv") -> HallmarkModel {
        // The harmful categories, and counter-speech when the examples say which lines are
        // (`kind`): a sentence the model reads as counter-speech does not count as hate.
        var categories = Category.standard.filter(Category.isHarmful)
        if examples.contains(where: { $0.kind == Category.counterSpeech }) { categories.append(Category.counterSpeech) }
        let groupWords = Set(HallmarkModel.groupWords(groups))
        // Each example's feature names, once each.
        var named: [[String]] = []
        var counts: [String: Int] = [:]
        for example in examples {
            let tokens = Tokenizer.tokens(in: example.text, options: folding.options(for: example.language)).map(\.text)
            let words = ["<s>"] + tokens.map { groupWords.contains($0) ? "{group}" : $0 } + ["</s>"]
            var names = Set<String>()
            HallmarkModel.features(count: tokens.count, token: { HallmarkModel.tokenHash(words[$0 + 1]) }) { _, shape in names.insert(HallmarkModel.name(shape, words)) }
            let list = names.sorted()
            for n in list { counts[n, default: 0] += 1 }
            named.append(list)
        }
        let vocabulary = counts.filter { $0.value >= settings.minCount }.keys.sorted()
        var index: [String: Int] = [:]
        for (i, n) in vocabulary.enumerated() { index[n] = i }
        let rows = named.map { $0.compactMap { index[$0] } }
        let targets = examples.map { e in
            categories.map { c in (c == Category.counterSpeech ? e.kind == c : e.labels.contains(c)) ? 1.0 : 0.0 }
        }

        let c = categories.count, d = vocabulary.count, n = Double(max(1, examples.count))
        var w = [Double](repeating: 0, count: d * c)
        var b = [Double](repeating: 0, count: c)
        var gradient = [Double](repeating: 0, count: d * c)
        var g = [Double](repeating: 0, count: c)
        for _ in 0..<settings.iterations {
            for i in gradient.indices { gradient[i] = 0 }
            var biasGradient = [Double](repeating: 0, count: c)
            for (x, y) in zip(rows, targets) {
                for k in 0..<c {
                    var z = b[k]
                    for r in x { z += w[r * c + k] }
                    g[k] = 1 / (1 + exp(-z)) - y[k]
                    biasGradient[k] += g[k]
                }
                for r in x {
                    for k in 0..<c { gradient[r * c + k] += g[k] }
                }
            }
            for i in w.indices { w[i] -= settings.rate * (gradient[i] + settings.l2 * w[i]) / n }
            for k in 0..<c { b[k] -= settings.rate * biasGradient[k] / n }
        }
        // Features whose weights all round to zero (or lie within ±prune) are left out of the file.
        var names: [String] = []
        var weights: [Double] = []
        for (i, name) in vocabulary.enumerated() {
            let row = (0..<c).map { HallmarkModel.rounded(w[i * c + $0]) }
            guard row.contains(where: { $0 != 0 && abs($0) >= settings.prune }) else { continue }
            names.append(name)
            weights += row
        }
        return HallmarkModel(file: file, categories: categories, threshold: settings.threshold, bias: b.map(HallmarkModel.rounded), names: names, weights: weights)
            .reading(groups: groups)
    }
}
