import VigilCore
import VigilIO

/// Normalize and detect in one pass, for a run that has the two in a row (`vigil run`): each
/// worker decodes an ingest record, normalizes it (or finds it in normalize's previous
/// output), encodes it, and runs detect on the episode in memory (or finds its hits in
/// detect's previous outputs). `normalize/episodes.jsonl` is still written, but it is not
/// read back or parsed again.
///
/// Both stages' outputs, indexes, problem logs, manifest sections (but for their timings) and
/// outcomes are the bytes the two stages write one after the other, whatever the job count:
/// the per-episode work and bookkeeping are the stages' own (`NormalizeStage.Pass`,
/// `DetectStage.Pass`); detect keys a record on what it would read from normalize's index
/// (normalize's record key, or with reuse off the record's bytes); and a detect problem names
/// the record's line in normalize's output, as when detect reads that file.
enum NormalizeDetect {
    /// An episode through both stages: normalize's record, then detect's result on it (nil
    /// when a reused normalized record could not be read back).
    typealias Made = (normalized: NormalizeStage.Made, detected: Result<DetectStage.Made, VigilError>?)

    /// Runs the pass; `finished` gets each stage's outcome once its outputs are in place,
    /// normalize's first.
    static func run(_ ctx: RunContext, finished: (StageOutcome) throws -> Void) throws(any Error) {
        let reader = try LineReader(path: ctx.workspace.ingestEpisodes, stage: .normalize)
        let normalize = try NormalizeStage.Pass(ctx)
        let detect = try DetectStage.Pass(ctx)

        func detected(_ made: NormalizeStage.Made, _ episode: NormalizedEpisode?) -> Result<DetectStage.Made, VigilError>? {
            // Normalize's index (committed before a separate detect runs) vouches for every record.
            let normalizeKey = ctx.config.reuse ? Substring(made.key) : nil
            // The line is known only when consumed (0 until then).
            if let episode { return detect.make(made.record, number: 0, normalizeKey: normalizeKey, episode: episode) }
            // A reused normalized record: its bytes give the station, and the episode if
            // detect's previous outputs do not have it.
            guard let slice = made.slice, var record = normalize.previous.read(file: 0, slice) else { return nil }
            if record.last == 0x0A { record.removeLast() }
            return detect.make(record, number: 0, normalizeKey: normalizeKey)
        }

        try OrderedParallel.run(
            jobs: ctx.jobs,
            next: { reader.nextRecord() },
            transform: { work -> Result<Made, VigilError> in
                normalize.make(work).map { r in (r.made, detected(r.made, r.episode)) }
            },
            consume: { result in
                switch result {
                case .failure(let e): try normalize.consume(.failure(e))
                case .success(let made):
                    try normalize.consume(.success(made.normalized))
                    guard let detected = made.detected else {
                        throw VigilError(.config, "reuse_read_failed", "cannot read a reused record of the previous output", file: ctx.workspace.normalizeEpisodes)
                    }
                    // The record's line in normalize's output: the episodes written so far.
                    try detect.consume(detected.mapError { e in
                        var e = e
                        if e.line != nil { e.line = normalize.episodes }
                        return e
                    })
                    Progress.update("normalize+detect", done: normalize.episodes, since: normalize.started)
                }
            })
        try finished(try normalize.commit())
        try finished(try detect.commit())
    }
}
