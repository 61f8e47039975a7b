import Glibc
import VigilCore

/// `vigil model train`: fits a `HallmarkModel` to labelled utterances.
///
/// One logistic regression per harmful category, over the features `HallmarkModel`
/// describes (a feature is kept when at least `minCount` utterances have it), with L2
/// regularisation, fitted from zero weights by L-BFGS (`LBFGS`) until it converges or
/// `iterations` run out. Everything runs in a fixed order on one thread, so the same
/// examples and settings give the same file.
public enum HallmarkTrainer {
    public struct Settings: Sendable, Equatable {
        public var minCount = 2
        /// At most this many L-BFGS steps.
        public var iterations = 400
        public var l2 = 0.25
        public var threshold = 0.2
        /// A sentence's second harmful category needs this probability (`HallmarkModel.second`).
        public var second: Double? = 0.5
        /// Counter-speech counts only where it is at least as probable as every harmful
        /// category (`HallmarkModel.counterStrongest`).
        public var counterStrongest = true
        /// Where the model overrules context cues (`HallmarkModel.overrule`); written only for
        /// a model with the counter-speech category.
        public var overrule: HallmarkModel.Overrule? = HallmarkModel.Overrule(harmful: 0.5, counter: 0.1)
        /// Lexicon hits the model doubts below this probability are marked reported
        /// (`HallmarkModel.doubt`); must lie below `threshold`.
        public var doubt: Double? = 0.02
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
        let groupHashes = Set(HallmarkModel.groupWords(groups).map(HallmarkModel.tokenHash))
        // Each example's feature names, once each.
        var named: [[String]] = []
        var counts: [String: Int] = [:]
        for example in examples {
            let tokens = Tokenizer.tokens(in: example.text, options: folding.options(for: example.language)).map(\.text)
            let bytes = TokenBytes(tokens)
            let words = ["<s>"] + zip(tokens, bytes.hashes).map { groupHashes.contains($1) ? "{group}" : $0 } + ["</s>"]
            var names = Set<String>()
            HallmarkModel.features(bytes, 0..<bytes.count, groups: groupHashes, extras: true) { _, shape in names.insert(HallmarkModel.name(shape, words)) }
            let list = names.sorted()
            for n in list { counts[n, default: 0] += 1 }
            named.append(list)
        }
        let vocabulary = counts.filter { $0.value >= settings.minCount }.keys.sorted()
        var index: [String: Int] = [:]
        for (i, n) in vocabulary.enumerated() { index[n] = i }
        // The examples' feature rows, flat (CSR): example e has columns offsets[e]..<offsets[e + 1].
        let c = categories.count, d = vocabulary.count
        var offsets = [0], columns: [Int] = []
        for list in named {
            for n in list { if let i = index[n] { columns.append(i * c) } }
            offsets.append(columns.count)
        }
        var targets: [Double] = []
        for e in examples {
            for k in categories { targets.append((k == Category.counterSpeech ? e.kind == k : e.labels.contains(k)) ? 1 : 0) }
        }

        // The parameters: d × c weights (feature-major), then c biases. The objective is the
        // logistic loss summed over examples and categories plus l2/2 · |weights|².
        let l2 = settings.l2
        var z = [Double](repeating: 0, count: c)
        let solution = LBFGS.minimize(count: d * c + c, iterations: settings.iterations) { x, gradient in
            var loss = 0.0
            x.withUnsafeBufferPointer { x in
                gradient.withUnsafeMutableBufferPointer { g in
                    z.withUnsafeMutableBufferPointer { z in
                        columns.withUnsafeBufferPointer { columns in
                            targets.withUnsafeBufferPointer { y in
                                for i in 0..<g.count { g[i] = 0 }
                                for e in 0..<(offsets.count - 1) {
                                    let features = offsets[e]..<offsets[e + 1]
                                    for k in 0..<c { z[k] = x[d * c + k] }
                                    for f in features {
                                        let base = columns[f]
                                        for k in 0..<c { z[k] += x[base + k] }
                                    }
                                    for k in 0..<c {
                                        // log(1 + e^z) − y·z, and its derivative σ(z) − y, without overflow.
                                        let v = z[k], t = y[e * c + k]
                                        loss += (v > 0 ? v + log1p(exp(-v)) : log1p(exp(v))) - t * v
                                        z[k] = 1 / (1 + exp(-v)) - t
                                        g[d * c + k] += z[k]
                                    }
                                    for f in features {
                                        let base = columns[f]
                                        for k in 0..<c { g[base + k] += z[k] }
                                    }
                                }
                                for i in 0..<(d * c) {
                                    loss += 0.5 * l2 * x[i] * x[i]
                                    g[i] += l2 * x[i]
                                }
                            }
                        }
                    }
                }
            }
            return loss
        }
        let w = Array(solution[0..<(d * c)])
        let b = Array(solution[(d * c)...])
        // Features whose weights all round to zero (or lie within ±prune) are left out of the file.
        var names: [String] = []
        var weights: [Double] = []
        for (i, name) in vocabulary.enumerated() {
            let row = (0..<c).map { HallmarkModel.rounded(w[i * c + $0]) }
            guard row.contains(where: { $0 != 0 && abs($0) >= settings.prune }) else { continue }
            names.append(name)
            weights += row
        }
        return HallmarkModel(file: file, categories: categories, threshold: settings.threshold, second: settings.second,
                             counterStrongest: settings.counterStrongest && categories.contains(Category.counterSpeech),
                             overrule: categories.contains(Category.counterSpeech) ? settings.overrule : nil,
                             doubt: settings.doubt.flatMap { $0 < settings.threshold ? $0 : nil }, bias: b.map(HallmarkModel.rounded), names: names, weights: weights)
            .reading(groups: groups)
    }
}
