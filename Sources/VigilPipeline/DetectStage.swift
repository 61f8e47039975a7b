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
        var model: HallmarkModel?
        if let path = config.model {
            do {
                model = try HallmarkModel(tsv: try FileSystem.read(path), file: FileSystem.basename(path)).reading(groups: groups)
            } catch let e as HallmarkModel.FormatError {
                errors.append(VigilError(.config, "bad_model", e.message, file: path, line: e.line))
            } catch {
                errors.append((error as? VigilError) ?? VigilError(.config, "model_unreadable", "\(error)", file: path))
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        do {
            let lexicon = try CompiledLexicon(entries: entries, groups: groups, folding: config.folding)
            let cues = ContextCues(cues: cueList, negationWindow: config.negationWindow, reportingWindow: config.reportingWindow, imminenceWindow: config.imminenceWindow, folding: config.folding)
            return Detector(lexicon: lexicon, cues: cues, reviews: reviews,
                            redactor: config.unredacted ? .off : Redactor(names: names), redactSpeakers: config.redactSpeakers,
                            asr: config.asr, model: model)
        } catch {
            throw ConfigErrors(error.errors)
        }
    }

    static let leadingColumns = ["episode_id", "station_id", "region", "iso_week", "published", "airtime_seconds", "words", "hits_total"]
    static let trailingColumns = ["negated", "reported", "counter_speech", "severity_score", "reviewed", "false_positives", "low_confidence"]

    static func run(_ ctx: RunContext) throws(any Error) -> StageOutcome {
        let reader = try LineReader(path: ctx.workspace.normalizeEpisodes, stage: .detect)
        let pass = try Pass(ctx)
        // Normalize's record keys, when its index vouches for the file as it is now.
        let upstream = ctx.config.reuse ? UpstreamKeys(stage: .normalize, workspace: ctx.workspace, output: pass.input) : UpstreamKeys()
        try OrderedParallel.run(
            jobs: ctx.jobs,
            next: { reader.nextRecord() },
            transform: { work in pass.make(work.line, number: work.number, normalizeKey: upstream[work.offset]) },
            consume: { result in
                try pass.consume(result)
                if case .success = result { Progress.update(.detect, done: pass.episodes, since: pass.started) }
            })
        return try pass.commit()
    }

    /// One run of the stage over normalized records: the detector and stations, what it
    /// reuses, what it writes (hits, table, index, problems) and what it counts. Shared by the
    /// stage and by the fused normalize-and-detect pass. `make` runs on many threads and only
    /// reads; `consume` and `commit` run on one thread at a time.
    final class Pass {
        let started = Date()
        let input: String
        private let ctx: RunContext
        private let detector: Detector
        private let stations: [String: Station]
        /// Each station's registry row as text: a record depends on it (region, time zone,
        /// audience, roles).
        private let stationDigests: [String: String]
        private let categories: [String]
        private let key: ReuseKey
        private let outputs: [String]
        private let previous: PreviousRecords
        private let hitsOut: ReusedOutput
        private let table: ReusedOutput
        private let index: ReuseIndex
        private let log: ProblemLog
        private let lines = JSONLines()
        private(set) var episodes = 0
        private var hits = 0, negated = 0, reported = 0, reused = 0
        private var matchedReviews = Set<Int>()

        init(_ ctx: RunContext) throws(any Error) {
            self.ctx = ctx
            detector = try ctx.detector()
            stations = try ctx.stationsByID()
            input = ctx.workspace.normalizeEpisodes
            log = try ProblemLog(workspace: ctx.workspace, stage: .detect)
            categories = Category.columns(adding: detector.lexicon.categories)
            key = ReuseKey(.detect, reuseParts(ctx.config))
            outputs = [ctx.workspace.hits, ctx.workspace.episodeCounts]
            previous = PreviousRecords(stage: .detect, workspace: ctx.workspace, key: key, outputs: outputs, enabled: ctx.config.reuse)
            hitsOut = ReusedOutput(path: ctx.workspace.hits, previous: previous, output: 0)
            table = ReusedOutput(path: ctx.workspace.episodeCounts, previous: previous, output: 1)
            index = ReuseIndex(stage: .detect, workspace: ctx.workspace, key: key)
            stationDigests = stations.mapValues { s -> String in
                var row = s
                row.line = 0
                return String(reflecting: row)
            }
            try table.write(CSVWriter(header: leadingColumns + categories.map { "hits_\($0)" } + trailingColumns, byteOrderMark: ctx.config.excel).bytes)
        }

        /// A normalized record's key: on normalize's key for it when normalize's index vouches
        /// for the record, else on its bytes (without the newline); and on its station's
        /// registry row. Nil when the station is not in the registry or its id is escaped.
        func recordKey(_ record: [UInt8], normalizeKey: Substring?) -> String? {
            guard let station = stationID(in: record).flatMap({ stationDigests[$0] }) else { return nil }
            if let normalizeKey { return key.record(Array(normalizeKey.utf8), extra: "normalize-key\n" + station) }
            return key.record(record.last == 0x0A ? record.dropLast() : record[...], extra: station)
        }

        /// One normalized record's hits and row, or where they sit in the previous outputs.
        /// `record` is the record as read (or as encoded, with its newline, when `episode` is
        /// given: then it is not decoded); `number` is its line in normalize's output.
        func make(_ record: [UInt8], number: Int, normalizeKey: Substring?, episode known: NormalizedEpisode? = nil) -> Result<Made, VigilError> {
            let recordKey = recordKey(record, normalizeKey: normalizeKey)
            if let recordKey, let entry = previous.entry(recordKey), var made = Made(entry.extra) {
                made.key = recordKey
                made.slices = entry.slices
                made.reused = true
                return .success(made)
            }
            do throws(VigilError) {
                let episode: NormalizedEpisode
                if let known { episode = known } else { episode = try lines.decode(NormalizedEpisode.self, from: record, file: input, lineNumber: number, stage: .detect) }
                guard let station = stations[episode.stationID] else {
                    throw VigilError(.detect, "unknown_station", "station '\(episode.stationID)' is not in the registry; episode skipped", file: input, line: number, item: episode.episodeID, stationID: episode.stationID)
                }
                let (found, summary) = detector.detect(episode, station: station)
                var made = Made(key: recordKey, count: found.count, negated: summary.negated, reported: summary.reported)
                for hit in found { made.hits += try lines.encode(hit) }
                made.row = CSVWriter.line(row(summary, categories: categories))
                made.reviewLines = found.compactMap { detector.reviews.review(for: $0)?.line }
                return .success(made)
            } catch {
                return .failure(error)
            }
        }

        /// Writes one episode's hits and row (or logs why there are none), in input order.
        func consume(_ result: Result<Made, VigilError>) throws(VigilError) {
            switch result {
            case .failure(let e): try log.record([e])
            case .success(let made):
                matchedReviews.formUnion(made.reviewLines)
                episodes += 1
                if made.reused { reused += 1 }
                hits += made.count
                negated += made.negated
                reported += made.reported
                let at = (hitsOut.size, table.size)
                if made.slices.count == 2 {
                    try hitsOut.writePrevious(made.slices[0])
                    try table.writePrevious(made.slices[1])
                } else {
                    try hitsOut.write(made.hits, sameAs: nil)
                    try table.write(made.row, sameAs: nil)
                }
                if let k = made.key { index.add(k, [(at.0, hitsOut.size - at.0), (at.1, table.size - at.1)], extra: made.fields) }
            }
        }

        /// Puts the outputs, index, problems (with reviews that matched nothing) and manifest
        /// section in place.
        func commit() throws(VigilError) -> StageOutcome {
            try hitsOut.commit()
            try table.commit()
            try index.commit(outputs: outputs)
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
            let c = ctx.config
            try Manifest.writeStage(
                .detect, workspace: ctx.workspace, config: c, jobs: ctx.jobs, started: started,
                inputs: (c.lexicons + [c.groups, c.reviews, c.redactNames].compactMap { $0 } + c.cues + [c.model].compactMap { $0 }).map(Manifest.input),
                counts: counts.map { ($0.0, .int($0.1)) }, problems: log,
                reuse: previous.manifest(reused: reused, computed: episodes - reused))
            return StageOutcome(stage: .detect, counts: counts, problems: log.count, reused: reused)
        }
    }

    /// One episode's hits and table row, and what the stage counts of them.
    struct Made {
        var key: String?
        var hits: [UInt8] = []
        var row: [UInt8] = []
        var count = 0, negated = 0, reported = 0
        var reviewLines: [Int] = []
        var reused = false
        /// Where a reused episode's hits and row sit in the previous outputs.
        var slices: [ReusedOutput.Slice] = []

        init(key: String?, count: Int, negated: Int, reported: Int) {
            (self.key, self.count, self.negated, self.reported) = (key, count, negated, reported)
        }

        /// From the index's extra fields: hits, negated, reported, review lines (`-` if none).
        init?(_ extra: [Substring]) {
            guard extra.count == 4, let c = Int(extra[0]), let n = Int(extra[1]), let r = Int(extra[2]) else { return nil }
            (count, negated, reported) = (c, n, r)
            if extra[3] != "-" {
                let lines = extra[3].split(separator: ",").compactMap { Int($0) }
                guard lines.count == extra[3].split(separator: ",").count else { return nil }
                reviewLines = lines
            }
        }

        var fields: [String] {
            [String(count), String(negated), String(reported), reviewLines.isEmpty ? "-" : reviewLines.map(String.init).joined(separator: ",")]
        }
    }

    /// The parts of detect's reuse key: its settings and the contents of every file it reads
    /// (or of the shipped defaults it falls back to).
    static func reuseParts(_ c: PipelineConfig) -> [(String, String)] {
        let settings = c.fingerprint(only: ["negation_cues", "negation_window", "reporting_window", "imminence_window", "redaction", "redact_speakers", "languages", "asr"])
        func contents(_ paths: [String]) -> String {
            paths.map { p in (try? FileSystem.read(p)).map { SHA256.hex($0) } ?? "missing:\(p)" }.joined(separator: " ")
        }
        return [
            ("settings", settings),
            ("lexicons", c.lexicons.isEmpty ? DefaultLexicons.lexiconCSV : contents(c.lexicons)),
            ("groups", c.groups.map { contents([$0]) } ?? DefaultLexicons.groupsCSV),
            ("cues", c.cues.isEmpty ? DefaultLexicons.cuesCSV : contents(c.cues)),
            ("reviews", c.reviews.map { contents([$0]) } ?? "-"),
            ("names", c.redactNames.map { contents([$0]) } ?? "-"),
        ] + (c.model.map { [("model", contents([$0]))] } ?? [])
    }

    /// The `station_id` of a normalized record, found without decoding it: the last
    /// `,"station_id":"` (keys are sorted, and a `"` inside text is always escaped); nil when
    /// absent or escaped.
    static func stationID(in record: [UInt8]) -> String? {
        let marker = Array(",\"station_id\":\"".utf8)
        var i = record.count - marker.count
        while i >= 0 {
            if record[i] == 0x2C && record[i ..< i + marker.count].elementsEqual(marker) {
                let start = i + marker.count
                var end = start
                while end < record.count, record[end] != 0x22 {
                    if record[end] == 0x5C { return nil }
                    end += 1
                }
                return end < record.count ? String(decoding: record[start..<end], as: UTF8.self) : nil
            }
            i -= 1
        }
        return nil
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
