import VigilCore

/// The detect stage: finds lexicon terms in a normalized episode.
///
/// Matching runs over the episode's whole token sequence, so a phrase may span cue
/// boundaries. Pure: values in, hits and per-episode counts out.
public struct Detector: Sendable {
    public let lexicon: CompiledLexicon
    public let cues: NegationCues

    public init(lexicon: CompiledLexicon, cues: NegationCues = NegationCues()) {
        self.lexicon = lexicon
        self.cues = cues
    }

    /// Hits in `episode` (in text order) and its summary row.
    public func detect(_ episode: NormalizedEpisode, station: Station) -> (hits: [Hit], summary: EpisodeSummary) {
        let week = Timestamp(rfc3339: episode.published).map { station.isoWeek(of: $0).description } ?? ""
        var tokens: [Substring] = []
        var place: [(segment: Int32, index: Int32)] = []
        for (s, segment) in episode.segments.enumerated() {
            for (k, t) in segment.tokenList.enumerated() {
                tokens.append(t)
                place.append((Int32(s), Int32(k)))
            }
        }
        var summary = EpisodeSummary(
            episodeID: episode.episodeID, stationID: episode.stationID, region: station.region,
            isoWeek: week, published: episode.published, airtimeSeconds: episode.airtimeSeconds,
            words: episode.words)
        let matches = lexicon.matches(in: tokens)
        guard !matches.isEmpty else { return ([], summary) }
        let cueEnds = cues.cueEnds(in: tokens)
        let sentences = Self.sentenceNumbers(episode)
        var hits: [Hit] = []
        hits.reserveCapacity(matches.count)
        for m in matches {
            let pattern = lexicon.patterns[m.pattern]
            let entry = lexicon.entries[pattern.entry]
            let first = place[m.start], last = place[m.start + m.length - 1]
            let a = Int(first.segment), b = Int(last.segment)
            let segA = episode.segments[a], segB = episode.segments[b]
            let negated = entry.category != Category.counterSpeech && cues.negates(start: m.start, cueEnds: cueEnds, sentences: sentences)
            let snippet = Snippet.make(
                episode.segments, first: a, from: segA.offsets[Int(first.index) * 2],
                last: b, to: segB.offsets[Int(last.index) * 2 + 1])
            let hit = Hit(
                hitID: "\(episode.episodeID)@\(a).\(first.index)", episodeID: episode.episodeID,
                stationID: episode.stationID, region: station.region, isoWeek: week,
                published: episode.published, category: entry.category, term: entry.term,
                matched: tokens[m.start..<(m.start + m.length)].joined(separator: " "),
                group: pattern.group, severity: entry.severity, start: segA.start, end: segB.end,
                speaker: segA.speaker, snippet: snippet, negated: negated, segment: a,
                token: Int(first.index), lexicon: entry.file, lexiconLine: entry.line)
            summary.count(hit)
            hits.append(hit)
        }
        return (hits, summary)
    }

    /// A sentence number per token: it grows at `.`, `!`, `?` or `;` in the raw text
    /// between two tokens (segment boundaries alone do not end a sentence).
    static func sentenceNumbers(_ episode: NormalizedEpisode) -> [Int32] {
        var out: [Int32] = []
        var sentence: Int32 = 0
        for segment in episode.segments {
            let bytes = Array(segment.text.utf8)
            var previousEnd = 0
            for k in 0..<(segment.offsets.count / 2) {
                let start = segment.offsets[2 * k]
                if Self.endsSentence(bytes[previousEnd..<start]) && !out.isEmpty { sentence += 1 }
                out.append(sentence)
                previousEnd = segment.offsets[2 * k + 1]
            }
            if Self.endsSentence(bytes[previousEnd...]) { sentence += 1 }
        }
        return out
    }

    private static func endsSentence(_ gap: ArraySlice<UInt8>) -> Bool {
        gap.contains { $0 == 0x2E || $0 == 0x21 || $0 == 0x3F || $0 == 0x3B }
    }
}
