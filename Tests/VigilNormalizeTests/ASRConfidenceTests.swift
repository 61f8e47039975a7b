import Testing
import VigilCore
import VigilNormalize

struct ASRConfidenceTests {
    func episode(_ segments: [Segment]) -> Episode {
        Episode(episodeID: "s/1", stationID: "s", itemID: "1", title: "T", published: "2026-01-02T10:00:00Z",
                duration: nil, link: nil, enclosure: nil, language: "en", feed: "f.xml", feedLine: 1,
                transcript: TranscriptRef(url: "1.json"), transcriptFile: "1.json", transcriptFormat: .whisperJSON, segments: segments)
    }

    @Test func nonSpeechAndLoopsAreExcludedLowConfidenceIsMarked() {
        let segments = [
            Segment(start: 0, end: 5, text: "good morning listeners", confidence: ASRConfidence(avgLogprob: -0.2, noSpeechProb: 0.01, compressionRatio: 1.3)),
            Segment(start: 5, end: 9, text: "they are traitors", confidence: ASRConfidence(avgLogprob: -1.4, noSpeechProb: 0.1, compressionRatio: 1.2)),
            Segment(start: 9, end: 12, text: "music music", confidence: ASRConfidence(avgLogprob: -1.2, noSpeechProb: 0.85, compressionRatio: 1.1)),
            Segment(start: 12, end: 20, text: "thank you thank you thank you", confidence: ASRConfidence(avgLogprob: -0.3, noSpeechProb: 0.1, compressionRatio: 3.1)),
            Segment(start: 20, end: 30, text: "we will we will we will we will we will we will"),
            Segment(start: 30, end: 33, text: "the word traitors", confidence: ASRConfidence(minWordProbability: 0.12)),
            Segment(start: 33, end: 36, text: "no no no no"),
        ]
        let n = Normalizer.normalize(episode(segments))
        #expect(n.segments.map(\.excluded) == [nil, nil, "non_speech", "repetition", "repetition", nil, nil])
        #expect(n.segments.map(\.lowConfidence) == [nil, true, nil, nil, nil, true, nil])
        #expect(n.words == 3 + 3 + 3 + 4, "excluded segments count no words")
        #expect(n.segments[2].tokens.isEmpty && n.segments[3].tokens.isEmpty)
    }

    @Test func rulesAreConfigurable() {
        let lenient = ASRRule(noSpeech: 0.9, lowLogprob: -2, maxCompression: 5)
        let s = Segment(text: "thank you thank you", confidence: ASRConfidence(avgLogprob: -1.4, noSpeechProb: 0.85, compressionRatio: 3.1))
        let n = Normalizer.normalize(episode([s]), asr: lenient)
        #expect(n.segments[0].excluded == nil)
        #expect(n.segments[0].lowConfidence == nil)
    }

    /// The loop rule at its threshold (80% of positions equal to the one a pattern length
    /// before), on tokens compared as bytes: equal prefixes are not equal tokens.
    @Test func loopThreshold() {
        let rule = ASRRule()
        func excluded(_ text: String) -> String? { Normalizer.normalize(episode([Segment(text: text)]), asr: rule).segments[0].excluded }
        #expect(excluded("go go go go go go go go go stop") == "repetition", "8 of 9 equal")
        #expect(excluded("go go go go go go go go stop now") == nil, "7 of 9 equal")
        #expect(excluded("go gone go gone go gone go gone go gone") == "repetition", "a two-token pattern")
        #expect(excluded("go goes go goes gone goes go gone go goes") == nil)
        #expect(excluded("go go go go go go go go go") == nil, "fewer than 10 tokens")
    }
}
