import Foundation
import VigilCore
import VigilDetect
import VigilIO

/// The lexicon workbench behind `vigil lexicon check`, `vigil detect --texts` and
/// `vigil eval`: same loading and defaults as a run, no registry needed.
public enum LexiconTools {
    /// Checks lexicon files (none: the shipped default) against a groups list (none: the
    /// shipped default groups).
    public static func check(lexicons: [String], groups: String?) throws(ConfigErrors) -> [LexiconChecker.Finding] {
        var entries: [LexiconEntry] = []
        var loadErrors: [VigilError] = []
        if lexicons.isEmpty {
            let r = LexiconLoader.entries(csv: Array(DefaultLexicons.lexiconCSV.utf8), file: DefaultLexicons.lexiconFile)
            entries = r.entries
            loadErrors = r.errors
        }
        for path in lexicons {
            do {
                let r = LexiconLoader.entries(csv: try FileSystem.read(path), file: path)
                entries += r.entries
                loadErrors += r.errors
            } catch {
                throw ConfigErrors([error])
            }
        }
        return LexiconChecker.check(entries: entries, loadErrors: loadErrors, groups: try groupTerms(groups))
    }

    /// Scores every `{"id","text"[,"language"]}` line of `input`, writing
    /// `{"id","categories","score","hits"}` lines to `output` in input order.
    public static func scoreTexts(input: String, config: PipelineConfig, jobs: Int, output: @escaping (String) -> Void) throws(ConfigErrors) -> Int {
        let detector = try DetectStage.detector(config)
        let reader: LineReader
        do { reader = try LineReader(path: input, stage: .detect) } catch { throw ConfigErrors([error]) }
        var count = 0
        do {
            try OrderedParallel.run(
                jobs: jobs,
                next: { () -> (line: [UInt8], number: Int)? in reader.next().map { ($0, reader.lineNumber) } },
                transform: { work -> Result<String, VigilError> in
                    do throws(VigilError) {
                        let item = try TextItem(line: work.line, file: input, lineNumber: work.number)
                        let r = detector.score(item.text, language: item.language)
                        let hits: [JSONValue] = zip(r.hits, r.spans).map { f, span in
                            .object([
                                ("term", .string(f.entry.term)), ("category", .string(f.entry.category)),
                                ("severity", .int(f.entry.severity)), ("text", .string(span)),
                                ("group", JSONValue(f.group)), ("negated", .bool(f.negated)),
                                ("reported", .bool(f.reported)), ("imminence", .array(f.imminence.map { .string($0) })),
                                ("lexicon", .string(f.entry.file)), ("lexicon_line", .int(f.entry.line)),
                            ])
                        }
                        let out: JSONValue = .object([
                            ("id", item.id), ("categories", .array(r.categories.map { .string($0) })),
                            ("score", .int(r.score)), ("hits", .array(hits)),
                        ])
                        return .success(out.serialized())
                    } catch {
                        return .failure(error)
                    }
                },
                consume: { result in
                    switch result {
                    case .success(let line):
                        output(line)
                        count += 1
                    case .failure(let e): throw e
                    }
                })
        } catch {
            throw ConfigErrors([error])
        }
        return count
    }

    /// Evaluates the configured lexicons on labelled JSONL files (or every `*.jsonl` in a folder).
    public static func evaluate(paths: [String], config: PipelineConfig) throws(ConfigErrors) -> Evaluator.Report {
        let detector = try DetectStage.detector(config)
        return Evaluator.evaluate(try examples(paths: paths), with: detector)
    }

    /// Trains a hallmark model on labelled files or folders and writes it (atomically) to
    /// `output`; the groups list is the config's, else the shipped one.
    public static func trainModel(paths: [String], config: PipelineConfig, settings: HallmarkTrainer.Settings, output: String) throws(ConfigErrors) -> HallmarkModel {
        let examples = try examples(paths: paths)
        let groups = try groupTerms(config.groups)
        let model = HallmarkTrainer.train(examples, groups: groups, folding: config.folding, settings: settings, file: FileSystem.basename(output))
        let labels = examples.reduce(0) { $0 + $1.labels.count }
        let comments = [
            "Vigil hallmark model, trained by `vigil model train` on \(examples.count) examples (\(labels) labels) from " + paths.map(FileSystem.basename).joined(separator: ", "),
            "settings: min_count \(settings.minCount), iterations (L-BFGS, at most) \(settings.iterations), l2 \(settings.l2), second \(settings.second.map { "\($0)" } ?? "off"), counter \(settings.counterStrongest ? "strongest" : "threshold"), overrule \(settings.overrule.map { "\($0.harmful) \($0.counter)" } ?? "off"), doubt \(settings.doubt.map { "\($0)" } ?? "off"), prune \(settings.prune); groups: " + (config.groups.map(FileSystem.basename) ?? "shipped groups-en.csv"),
        ]
        do { try AtomicFile.write(model.tsv(comments: comments), to: output) } catch { throw ConfigErrors([error]) }
        return model
    }

    /// The groups list at `path`, or the shipped one without a path.
    static func groupTerms(_ path: String?) throws(ConfigErrors) -> [GroupTerm] {
        guard let path else { return DefaultLexicons.groups }
        do {
            let r = LexiconLoader.groups(csv: try FileSystem.read(path), file: path)
            if !r.errors.isEmpty { throw ConfigErrors(r.errors) }
            return r.groups
        } catch let e as ConfigErrors {
            throw e
        } catch {
            throw ConfigErrors([(error as? VigilError) ?? VigilError(.config, "groups_unreadable", "\(error)", file: path)])
        }
    }

    /// The labelled examples of files or folders (every `*.jsonl` in a folder, sorted).
    static func examples(paths: [String]) throws(ConfigErrors) -> [Evaluator.Example] {
        var examples: [Evaluator.Example] = []
        var errors: [VigilError] = []
        var files: [String] = []
        for path in paths {
            if FileSystem.isDirectory(path) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".jsonl") }.sorted().map { FileSystem.join(path, $0) }
            } else {
                files.append(path)
            }
        }
        for file in files {
            do {
                let reader = try LineReader(path: file, stage: .detect)
                while let line = reader.next() {
                    do throws(VigilError) {
                        let item = try TextItem(line: line, file: file, lineNumber: reader.lineNumber)
                        examples.append(Evaluator.Example(id: item.idText, text: item.text, labels: Set(item.labels), kind: item.kind, language: item.language))
                    } catch {
                        errors.append(error)
                    }
                }
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        if examples.isEmpty { throw ConfigErrors([VigilError(.config, "no_examples", "no labelled examples found in \(paths.joined(separator: ", "))")]) }
        return examples
    }
}

/// One line of a texts or labelled-examples file.
struct TextItem {
    var id: JSONValue
    var idText: String
    var text: String
    var language: String?
    var labels: [String]
    var kind: String?

    init(line: [UInt8], file: String, lineNumber: Int) throws(VigilError) {
        func bad(_ message: String) -> VigilError { VigilError(.detect, "bad_text_line", message, file: file, line: lineNumber) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
            throw bad("not a JSON object")
        }
        guard let text = object["text"] as? String else { throw bad("missing \"text\" string") }
        switch object["id"] {
        case let s as String: id = .string(s); idText = s
        case let n as NSNumber where Double(n.intValue) == n.doubleValue: id = .int(n.intValue); idText = String(n.intValue)
        case nil: id = .int(lineNumber); idText = String(lineNumber)
        default: throw bad("\"id\" must be a string or an integer")
        }
        self.text = text
        language = object["language"] as? String
        labels = (object["labels"] as? [String]) ?? []
        kind = object["kind"] as? String
    }
}
