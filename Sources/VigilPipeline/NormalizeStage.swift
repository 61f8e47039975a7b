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
        let out = try AtomicFile(path: ctx.workspace.normalizeEpisodes)
        let lines = JSONLines()
        var episodes = 0, words = 0, segments = 0, nonSpeech = 0, repetition = 0, lowConfidence = 0
        try OrderedParallel.run(
            jobs: ctx.jobs,
            next: { () -> (line: [UInt8], number: Int)? in
                reader.next().map { ($0, reader.lineNumber) }
            },
            transform: { work -> Result<(NormalizedEpisode, [UInt8]), VigilError> in
                do throws(VigilError) {
                    let episode = try lines.decode(Episode.self, from: work.line, file: input, lineNumber: work.number, stage: .normalize)
                    let normalized = Normalizer.normalize(episode, asr: ctx.config.asr, folding: ctx.config.folding)
                    return .success((normalized, try lines.encode(normalized)))
                } catch {
                    return .failure(error)
                }
            },
            consume: { result in
                switch result {
                case .failure(let e): try log.record([e])
                case .success(let (episode, line)):
                    episodes += 1
                    Progress.update(.normalize, done: episodes, since: started)
                    words += episode.words
                    segments += episode.segments.count
                    for s in episode.segments {
                        if s.excluded == "non_speech" { nonSpeech += 1 }
                        if s.excluded == "repetition" { repetition += 1 }
                        if s.lowConfidence == true { lowConfidence += 1 }
                    }
                    try out.write(line)
                }
            })
        try out.commit()
        try log.commit()
        let counts = [
            ("episodes", episodes), ("segments", segments), ("words", words), ("segments_non_speech", nonSpeech),
            ("segments_repetition", repetition), ("segments_low_confidence", lowConfidence),
        ]
        try Manifest.writeStage(
            .normalize, workspace: ctx.workspace, config: ctx.config, jobs: ctx.jobs, started: started,
            inputs: [], counts: counts.map { ($0.0, .int($0.1)) }, problems: log)
        return StageOutcome(stage: .normalize, counts: counts, problems: log.count)
    }
}
