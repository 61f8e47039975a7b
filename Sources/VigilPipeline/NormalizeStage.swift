import Foundation
import VigilCore
import VigilIO
import VigilNormalize

/// Runs normalize: `ingest/episodes.jsonl` → `normalize/episodes.jsonl`, one episode at
/// a time, in parallel, in input order.
enum NormalizeStage {
    static func run(_ ctx: RunContext) throws(VigilError) -> StageOutcome {
        let reader = try LineReader(path: ctx.workspace.ingestEpisodes, stage: .normalize)
        let pass = try Pass(ctx)
        try OrderedParallel.run(
            jobs: ctx.jobs,
            next: { reader.nextRecord() },
            transform: { pass.make($0).map(\.made) },
            consume: { result in
                try pass.consume(result)
                if case .success = result { Progress.update(.normalize, done: pass.episodes, since: pass.started) }
            })
        return try pass.commit()
    }

    /// One run of the stage over ingest's records: what it reuses, what it writes (records,
    /// index, problems) and what it counts. Shared by the stage and by the fused
    /// normalize-and-detect pass. `make` runs on many threads and only reads; `consume` and
    /// `commit` run on one thread at a time.
    final class Pass {
        let started = Date()
        let input: String
        /// The previous run's records (their bytes are read from its output when needed).
        let previous: PreviousRecords
        let out: ReusedOutput
        private let ctx: RunContext
        private let key: ReuseKey
        private let upstream: UpstreamKeys
        private let index: ReuseIndex
        private let log: ProblemLog
        private let lines = JSONLines()
        private(set) var episodes = 0
        private var reused = 0
        private var total = Counts()

        init(_ ctx: RunContext) throws(VigilError) {
            self.ctx = ctx
            input = ctx.workspace.ingestEpisodes
            log = try ProblemLog(workspace: ctx.workspace, stage: .normalize)
            // A normalized record depends on the speech-to-text rule and the folding options.
            key = ReuseKey(.normalize, [("settings", ctx.config.fingerprint(only: ["asr", "languages"]))])
            previous = PreviousRecords(stage: .normalize, workspace: ctx.workspace, key: key, outputs: [ctx.workspace.normalizeEpisodes], enabled: ctx.config.reuse)
            out = ReusedOutput(path: ctx.workspace.normalizeEpisodes, previous: previous, output: 0)
            upstream = ctx.config.reuse ? UpstreamKeys(stage: .ingest, workspace: ctx.workspace, output: input) : UpstreamKeys()
            index = ReuseIndex(stage: .normalize, workspace: ctx.workspace, key: key)
        }

        /// One ingest record's normalized record, or where it sits in the previous output;
        /// with the episode itself when it was computed (for detect, in the fused pass).
        func make(_ work: RecordLine) -> Result<(made: Made, episode: NormalizedEpisode?), VigilError> {
            // The ingest record's own key when ingest's index vouches for it (no hashing);
            // else a hash of the record without `feed_line` (items added above it in the
            // feed move it without changing the text).
            let recordKey = upstream[work.offset].map { key.record(Array($0.utf8), extra: "ingest-key") }
                ?? key.record(FeedLineField.without(work.line))
            if let entry = previous.entry(recordKey), let counts = Counts(entry.extra) {
                return .success((Made(key: recordKey, record: [], counts: counts, reused: true, slice: entry.slices[0]), nil))
            }
            do throws(VigilError) {
                let episode = try lines.decode(Episode.self, from: work.line, file: input, lineNumber: work.number, stage: .normalize)
                let normalized = Normalizer.normalize(episode, asr: ctx.config.asr, folding: ctx.config.folding)
                return .success((Made(key: recordKey, record: try lines.encode(normalized), counts: Counts(normalized), reused: false), normalized))
            } catch {
                return .failure(error)
            }
        }

        /// Writes one record (or logs why there is none), in input order.
        func consume(_ result: Result<Made, VigilError>) throws(VigilError) {
            switch result {
            case .failure(let e): try log.record([e])
            case .success(let made):
                episodes += 1
                if made.reused { reused += 1 }
                total.add(made.counts)
                let at = out.size
                if let slice = made.slice { try out.writePrevious(slice) } else { try out.write(made.record) }
                index.add(made.key, [(at, out.size - at)], extra: made.counts.fields)
            }
        }

        /// Puts the output, index, problems and manifest section in place.
        func commit() throws(VigilError) -> StageOutcome {
            try out.commit()
            try index.commit(outputs: [ctx.workspace.normalizeEpisodes])
            try log.commit()
            let counts = [
                ("episodes", episodes), ("segments", total.segments), ("words", total.words), ("segments_non_speech", total.nonSpeech),
                ("segments_repetition", total.repetition), ("segments_low_confidence", total.lowConfidence),
            ]
            try Manifest.writeStage(
                .normalize, workspace: ctx.workspace, config: ctx.config, jobs: ctx.jobs, started: started,
                inputs: [], counts: counts.map { ($0.0, .int($0.1)) }, problems: log,
                reuse: previous.manifest(reused: reused, computed: episodes - reused))
            return StageOutcome(stage: .normalize, counts: counts, problems: log.count, reused: reused)
        }
    }

    /// One episode's record and what the stage counts of it.
    struct Made {
        var key: String
        var record: [UInt8]
        var counts: Counts
        var reused: Bool
        /// Where a reused record sits in the previous output (its bytes are read only if needed).
        var slice: ReusedOutput.Slice?
    }

    /// The per-episode counts, kept in the index so a reused record needs no decoding.
    struct Counts {
        var words = 0, segments = 0, nonSpeech = 0, repetition = 0, lowConfidence = 0

        init() {}

        init(_ e: NormalizedEpisode) {
            words = e.words
            segments = e.segments.count
            for s in e.segments {
                if s.excluded == "non_speech" { nonSpeech += 1 }
                if s.excluded == "repetition" { repetition += 1 }
                if s.lowConfidence == true { lowConfidence += 1 }
            }
        }

        init?(_ extra: [Substring]) {
            let v = extra.compactMap { Int($0) }
            guard v.count == 5, extra.count == 5 else { return nil }
            (words, segments, nonSpeech, repetition, lowConfidence) = (v[0], v[1], v[2], v[3], v[4])
        }

        mutating func add(_ c: Counts) {
            words += c.words
            segments += c.segments
            nonSpeech += c.nonSpeech
            repetition += c.repetition
            lowConfidence += c.lowConfidence
        }

        var fields: [String] { [words, segments, nonSpeech, repetition, lowConfidence].map(String.init) }
    }
}
