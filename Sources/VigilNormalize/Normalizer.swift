import VigilCore
import VigilIO

/// The normalize stage: turns an ingested episode into tokens with offsets.
///
/// Pure: an `Episode` in, a `NormalizedEpisode` out. The tokenizing rule itself lives
/// in `VigilCore.Tokenizer`, shared with the lexicon compiler.
public enum Normalizer {
    public static func normalize(_ episode: Episode) -> NormalizedEpisode {
        var hasher = SHA256()
        var words = 0
        var segments: [NormalizedSegment] = []
        segments.reserveCapacity(episode.segments.count)
        for segment in episode.segments {
            let tokens = Tokenizer.tokens(in: segment.text)
            var joined = ""
            var offsets: [Int] = []
            offsets.reserveCapacity(tokens.count * 2)
            for (i, token) in tokens.enumerated() {
                if i > 0 { joined += " " }
                joined += token.text
                offsets.append(token.start)
                offsets.append(token.end)
            }
            if !tokens.isEmpty {
                hasher.update(joined.utf8)
                hasher.update([0x20])
            }
            words += tokens.count
            segments.append(NormalizedSegment(
                start: segment.start, end: segment.end, speaker: segment.speaker,
                text: segment.text, tokens: joined, offsets: offsets))
        }
        return NormalizedEpisode(
            episodeID: episode.episodeID, stationID: episode.stationID, title: episode.title,
            published: episode.published, language: episode.language, enclosure: episode.enclosure,
            airtimeSeconds: episode.airtimeSeconds, words: words, contentHash: hasher.finalize(),
            segments: segments)
    }
}
