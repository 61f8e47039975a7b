import VigilCore
import VigilIO

/// The normalize stage: turns an ingested episode into tokens with offsets.
///
/// Pure: an `Episode` in, a `NormalizedEpisode` out. The tokenizing rule itself lives
/// in `VigilCore.Tokenizer`, shared with the lexicon compiler.
public enum Normalizer {
    public static func normalize(_ episode: Episode, asr: ASRRule = ASRRule(), folding: LanguageFolding = LanguageFolding()) -> NormalizedEpisode {
        let options = folding.options(for: episode.language)
        var hasher = SHA256()
        var words = 0
        var segments: [NormalizedSegment] = []
        segments.reserveCapacity(episode.segments.count)
        for segment in episode.segments {
            var t = Tokenizer.scanned(segment.text, options: options)
            let exclusion = asr.exclusion(segment.confidence, joined: t.joined, bounds: t.bounds)
            if exclusion != nil { t = Tokenizer.Scanned() }
            if t.count > 0 {
                hasher.update(t.joined)
                hasher.update([0x20])
            }
            words += t.count
            segments.append(NormalizedSegment(
                start: segment.start, end: segment.end, speaker: segment.speaker,
                text: segment.text, tokens: String(decoding: t.joined, as: UTF8.self), offsets: t.offsets, excluded: exclusion?.rawValue,
                lowConfidence: exclusion == nil && asr.isLowConfidence(segment.confidence) ? true : nil))
        }
        return NormalizedEpisode(
            episodeID: episode.episodeID, stationID: episode.stationID, title: episode.title,
            published: episode.published, language: episode.language, enclosure: episode.enclosure,
            airtimeSeconds: episode.airtimeSeconds, words: words, contentHash: hasher.finalize(),
            segments: segments)
    }
}
