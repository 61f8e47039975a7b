import Foundation
import VigilCore
import VigilDetect
import VigilIO

/// Runs detect: lexicons + `normalize/episodes.jsonl` → `detect/hits.jsonl` and
/// `detect/episodes.csv`.
enum DetectStage {
    /// Loads and compiles every lexicon, groups list and cue list of the config, all errors
    /// at once. Without lexicons, groups or cues, the shipped English defaults are used.
    static func detector(_ config: PipelineConfig) throws(ConfigErrors) -> Detector {
        var errors: [VigilError] = []
        func load<T>(_ paths: [String], _ parse: ([UInt8], String) -> ([T], [VigilError])) -> [T] {
            var out: [T] = []
            for path in paths {
                do {
                    let r = parse(try FileSystem.read(path), path)
                    out += r.0
                    errors += r.1
                } catch {
                    errors.append(error)
                }
            }
            return out
        }
        let entries = config.lexicons.isEmpty ? DefaultLexicons.entries : load(config.lexicons) { LexiconLoader.entries(csv: $0, file: $1) }
        let groups = config.groups.map { load([$0]) { LexiconLoader.groups(csv: $0, file: $1) } } ?? DefaultLexicons.groups
        var cueList = config.cues.isEmpty ? DefaultLexicons.cues : load(config.cues) { LexiconLoader.cues(csv: $0, file: $1) }
        if let negation = config.negationCues {
            cueList = cueList.filter { $0.kind != .negation } + negation.map { ContextCues.Cue(phrase: $0, kind: .negation) }
        }
        var reviews = ReviewBook.empty
        if let path = config.reviews {
            do {
                reviews = try ReviewBook(csv: try FileSystem.read(path), file: path)
            } catch let e as CompiledLexicon.CompileErrors {
                errors += e.errors
            } catch {
                errors.append((error as? VigilError) ?? VigilError(.config, "reviews_unreadable", "\(error)", file: path))
            }
        }
        var names: [String] = []
        if let path = config.redactNames {
            do {
                names = String(decoding: try FileSystem.read(path), as: UTF8.self).split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        do {
            let lexicon = try CompiledLexicon(entries: entries, groups: groups, folding: config.folding)
            let cues = ContextCues(cues: cueList, negationWindow: config.negationWindow, reportingWindow: config.reportingWindow, imminenceWindow: config.imminenceWindow, folding: config.folding)
            return Detector(lexicon: lexicon, cues: cues, reviews: reviews,
                            redactor: config.unredacted ? .off : Redactor(names: names), redactSpeakers: config.redactSpeakers,
                            asr: config.asr)
        } catch {
            throw ConfigErrors(error.errors)
        }
    }

    static let leadingColumns = ["episode_id", "station_id", "region", "iso_week", "published", "airtime_seconds", "words", "hits_total"]
    static let trailingColumns = ["negated", "reported", "counter_speech", "severity_score", "reviewed", "false_positives", "low_confidence"]

    static func run(_ ctx: RunContext) throws(any Error) -> StageOutcome {
        let started = Date()
        let detector = try ctx.detector()
        let stations = try ctx.stationsByID()
        let input = ctx.workspace.normalizeEpisodes
        let reader = try LineReader(path: input, stage: .detect)
        let log = try ProblemLog(workspace: ctx.workspace, stage: .detect)
        let hitsOut = try AtomicFile(path: ctx.workspace.hits)
        let categories = Category.columns(adding: detector.lexicon.categories)
        let table = try AtomicFile(path: ctx.workspace.episodeCounts)
        try table.write(CSVWriter(header: leadingColumns + categories.map { "hits_\($0)" } + trailingColumns, byteOrderMark: ctx.config.excel).bytes)
        let lines = JSONLines()
        var episodes = 0, hits = 0, negated = 0, reported = 0
        var matchedReviews = Set<Int>()
        try OrderedParallel.run(
            jobs: ctx.jobs,
            next: { () -> (line: [UInt8], number: Int)? in
                reader.next().map { ($0, reader.lineNumber) }
            },
            transform: { work -> Result<(EpisodeSummary, [UInt8], Int, [Int]), VigilError> in
                do throws(VigilError) {
                    let episode = try lines.decode(NormalizedEpisode.self, from: work.line, file: input, lineNumber: work.number, stage: .detect)
                    guard let station = stations[episode.stationID] else {
                        throw VigilError(.detect, "unknown_station", "station '\(episode.stationID)' is not in the registry; episode skipped", file: input, line: work.number, item: episode.episodeID, stationID: episode.stationID)
                    }
                    let (found, summary) = detector.detect(episode, station: station)
                    var bytes: [UInt8] = []
                    for hit in found { bytes += try lines.encode(hit) }
                    let reviewLines = found.compactMap { detector.reviews.review(for: $0)?.line }
                    return .success((summary, bytes, found.count, reviewLines))
                } catch {
                    return .failure(error)
                }
            },
            consume: { result in
                switch result {
                case .failure(let e): try log.record([e])
                case .success(let (summary, bytes, count, reviewLines)):
                    matchedReviews.formUnion(reviewLines)
                    episodes += 1
                    Progress.update(.detect, done: episodes, since: started)
                    hits += count
                    negated += summary.negated
                    reported += summary.reported
                    try hitsOut.write(bytes)
                    try table.write(CSVWriter.line(row(summary, categories: categories)))
                }
            })
        try hitsOut.commit()
        try table.commit()
        let unmatched = detector.reviews.all.filter { !matchedReviews.contains($0.line) }
        try log.record(unmatched.map {
            VigilError(.detect, "review_unmatched", "review (\($0.verdict)) matches no hit of this run; it is not applied", file: detector.reviews.file, line: $0.line)
        })
        try log.commit()
        let counts = [
            ("episodes", episodes), ("hits", hits), ("negated", negated), ("reported", reported),
            ("lexicon_entries", detector.lexicon.entries.count), ("lexicon_entries_inactive", detector.lexicon.inactive.count),
            ("reviews", detector.reviews.all.count), ("reviews_applied", matchedReviews.count),
        ]
        try Manifest.writeStage(
            .detect, workspace: ctx.workspace, config: ctx.config, jobs: ctx.jobs, started: started,
            inputs: (ctx.config.lexicons + [ctx.config.groups, ctx.config.reviews, ctx.config.redactNames].compactMap { $0 } + ctx.config.cues).map(Manifest.input),
            counts: counts.map { ($0.0, .int($0.1)) }, problems: log)
        return StageOutcome(stage: .detect, counts: counts, problems: log.count)
    }

    static func row(_ s: EpisodeSummary, categories: [String]) -> [CSVCell] {
        var r: [CSVCell] = [
            .text(s.episodeID), .text(s.stationID), .text(s.region), .text(s.isoWeek), .text(s.published),
            s.airtimeSeconds.map { .number($0) } ?? .empty, .int(s.words), .int(s.hitsTotal),
        ]
        r += categories.map { .int(s.hits[$0] ?? 0) }
        r += [.int(s.negated), .int(s.reported), .int(s.counterSpeech), .number(s.severityScore), .int(s.reviewed), .int(s.falsePositives), .int(s.lowConfidence)]
        return r
    }
}
