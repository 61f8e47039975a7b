import Foundation
import VigilCore
import VigilIO
import VigilNormalize

/// Runs normalize: `ingest/episodes.jsonl` → `normalize/episodes.jsonl`, one episode at
/// a time, in parallel, in input order.
enum NormalizeStage {
    static func run(_ ctx: RunContext) throws(VigilError) -> StageOutcome {
        let started = Date()
        let input = ctx.workspace.ingestEpisodes
        let reader = try LineReader(path: input, stage: .normalize)
        let log = try ProblemLog(workspace: ctx.workspace, stage: .normalize)
        let lines = JSONLines()
        // A normalized record depends on the speech-to-text rule and the folding options.
        let key = ReuseKey(.normalize, [("settings", ctx.config.fingerprint(only: ["asr", "languages"]))])
        let previous = PreviousRecords(stage: .normalize, workspace: ctx.workspace, key: key, outputs: [ctx.workspace.normalizeEpisodes], enabled: ctx.config.reuse)
        let out = ReusedOutput(path: ctx.workspace.normalizeEpisodes, previous: previous, output: 0)
        let upstream = ctx.config.reuse ? UpstreamKeys(stage: .ingest, workspace: ctx.workspace, output: input) : UpstreamKeys()
        let index = ReuseIndex(stage: .normalize, workspace: ctx.workspace, key: key)
        var episodes = 0, words = 0, segments = 0, nonSpeech = 0, repetition = 0, lowConfidence = 0, reused = 0
        try OrderedParallel.run(
            jobs: ctx.jobs,
            next: { () -> (line: [UInt8], number: Int, offset: Int)? in
                reader.next().map { ($0, reader.lineNumber, reader.lineOffset) }
            },
            transform: { work -> Result<Made, VigilError> in
                // The ingest record's own key when ingest's index vouches for it (no hashing);
                // else a hash of the record without `feed_line` (items added above it in the
                // feed move it without changing the text).
                let recordKey = upstream[work.offset].map { key.record(Array($0.utf8), extra: "ingest-key") }
                    ?? key.record(FeedLineField.without(work.line))
                if let entry = previous.entry(recordKey), let counts = Counts(entry.extra) {
                    return .success(Made(key: recordKey, record: [], counts: counts, reused: true, slice: entry.slices[0]))
                }
                do throws(VigilError) {
                    let episode = try lines.decode(Episode.self, from: work.line, file: input, lineNumber: work.number, stage: .normalize)
                    let normalized = Normalizer.normalize(episode, asr: ctx.config.asr, folding: ctx.config.folding)
                    return .success(Made(key: recordKey, record: try lines.encode(normalized), counts: Counts(normalized), reused: false))
                } catch {
                    return .failure(error)
                }
            },
            consume: { result in
                switch result {
                case .failure(let e): try log.record([e])
                case .success(let made):
                    episodes += 1
                    if made.reused { reused += 1 }
                    Progress.update(.normalize, done: episodes, since: started)
                    let c = made.counts
                    words += c.words
                    segments += c.segments
                    nonSpeech += c.nonSpeech
                    repetition += c.repetition
                    lowConfidence += c.lowConfidence
                    let at = out.size
                    if let slice = made.slice { try out.writePrevious(slice) } else { try out.write(made.record) }
                    index.add(made.key, [(at, out.size - at)], extra: c.fields)
                }
            })
        try out.commit()
        try index.commit(outputs: [ctx.workspace.normalizeEpisodes])
        try log.commit()
        let counts = [
            ("episodes", episodes), ("segments", segments), ("words", words), ("segments_non_speech", nonSpeech),
            ("segments_repetition", repetition), ("segments_low_confidence", lowConfidence),
        ]
        try Manifest.writeStage(
            .normalize, workspace: ctx.workspace, config: ctx.config, jobs: ctx.jobs, started: started,
            inputs: [], counts: counts.map { ($0.0, .int($0.1)) }, problems: log,
            reuse: previous.manifest(reused: reused, computed: episodes - reused))
        return StageOutcome(stage: .normalize, counts: counts, problems: log.count, reused: reused)
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

        var fields: [String] { [words, segments, nonSpeech, repetition, lowConfidence].map(String.init) }
    }
}
