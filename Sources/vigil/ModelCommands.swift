import ArgumentParser
import VigilDetect
import VigilPipeline

/// `vigil model …`: the hallmark model beside the lexicons.
struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work on hallmark models.", subcommands: [Train.self])

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a hallmark model on labelled examples.",
            discussion: """
                Each line: {"id","text","labels":[harmful categories]}; FILE may be a folder (every \
                *.jsonl in it). One-word terms of the groups list are read as {group}. The same \
                examples and settings always give the same file.
                """)

        @Argument(help: "Labelled JSON Lines files or folders.")
        var paths: [String]
        @Option(help: "Where to write the model (TSV).")
        var out: String
        @Option(help: "Groups CSV whose one-word terms are read as {group} (default: the shipped groups list).")
        var groups: String?
        @Option(help: "Probability at which a category fires (0–1).")
        var threshold = HallmarkTrainer.Settings().threshold
        @Option(help: "Keep features seen in at least this many examples.")
        var minCount = HallmarkTrainer.Settings().minCount
        @Option(help: "A sentence's second harmful category needs this probability (0–1; 0: every category at --threshold).")
        var second = HallmarkTrainer.Settings().second ?? 0
        @Option(help: "Where counter-speech counts: 'strongest' (at --threshold and at least as probable as every harmful category) or 'threshold'.")
        var counter = HallmarkTrainer.Settings().counterStrongest ? "strongest" : "threshold"
        @Option(help: "Where the model overrules context cues: 'H,C' (a category at probability H or above, counter-speech below C: negation and reporting cues do not mark its hits) or 'off'.")
        var overrule = HallmarkTrainer.Settings().overrule.map { "\(HallmarkModel.format($0.harmful)),\(HallmarkModel.format($0.counter))" } ?? "off"
        @Option(help: "Where the model doubts a lexicon hit: a probability D below --threshold (in a sentence with no harmful category at --threshold, a hit whose category the model reads below D, from words it knows, is marked reported) or 'off'.")
        var doubt = HallmarkTrainer.Settings().doubt.map { HallmarkModel.format($0) } ?? "off"
        @Option(help: "At most this many L-BFGS steps.")
        var iterations = HallmarkTrainer.Settings().iterations
        @Option(help: "L2 regularisation strength.")
        var l2 = HallmarkTrainer.Settings().l2
        @Option(help: "Leave out features whose weights all lie within ± this (a smaller file).")
        var prune = HallmarkTrainer.Settings().prune

        /// `--overrule H,C`, or nil for 'off' or a malformed value.
        var parsedOverrule: HallmarkModel.Overrule? {
            let parts = overrule.split(separator: ",").map { Double($0.filter { $0 != " " }) }
            guard parts.count == 2, let h = parts[0], let c = parts[1], h > 0, h <= 1, c >= 0, c < 1 else { return nil }
            return HallmarkModel.Overrule(harmful: h, counter: c)
        }

        func validate() throws {
            guard threshold > 0 && threshold < 1 else { throw ValidationError("--threshold must lie between 0 and 1") }
            guard second >= 0 && second < 1 else { throw ValidationError("--second must lie between 0 (off) and 1") }
            guard counter == "strongest" || counter == "threshold" else { throw ValidationError("--counter must be 'strongest' or 'threshold'") }
            guard overrule == "off" || parsedOverrule != nil else {
                throw ValidationError("--overrule must be 'off' or two probabilities 'H,C' (0 < H ≤ 1, 0 ≤ C < 1), e.g. 0.5,0.1")
            }
            guard doubt == "off" || Double(doubt).map({ $0 > 0 && $0 < threshold }) == true else {
                throw ValidationError("--doubt must be 'off' or a probability above 0 and below --threshold, e.g. 0.02")
            }
            guard minCount >= 1, iterations >= 1, l2 >= 0, prune >= 0 else { throw ValidationError("--min-count and --iterations must be at least 1, --l2 and --prune at least 0") }
        }

        func run() throws {
            var config = PipelineConfig()
            config.groups = groups
            var settings = HallmarkTrainer.Settings()
            (settings.threshold, settings.minCount, settings.iterations, settings.l2, settings.prune) = (threshold, minCount, iterations, l2, prune)
            settings.second = second > 0 ? second : nil
            settings.counterStrongest = counter == "strongest"
            settings.overrule = parsedOverrule
            settings.doubt = Double(doubt)
            let model: HallmarkModel
            do { model = try LexiconTools.trainModel(paths: paths, config: config, settings: settings, output: out) } catch { throw RunOptions.report(error) }
            print("\(out): \(model.features) features, \(model.categories.count) categories, threshold \(threshold)")
        }
    }
}
