import Testing
import VigilCore
import VigilNormalize

struct NormalizerTests {
    func make(_ segments: [Segment]) -> Episode {
        Episode(
            episodeID: "s/1", stationID: "s", itemID: "1", title: "T", published: "2026-01-02T10:00:00Z",
            duration: nil, link: nil, enclosure: "https://media.example.org/1.mp3", language: "en", feed: "f.xml",
            feedLine: 3, transcript: TranscriptRef(url: "1.vtt", type: "text/vtt"), transcriptFile: "1.vtt",
            transcriptFormat: .vtt, segments: segments)
    }

    @Test func tokensOffsetsAndCounts() {
        let n = Normalizer.normalize(make([
            Segment(start: 0, end: 4.5, speaker: "Host", text: "[music] <i>Good</i> MORNING, listeners!"),
            Segment(start: 4.5, end: 9, speaker: nil, text: "(laughs) Don't worry."),
        ]))
        #expect(n.words == 6)
        #expect(n.segments[0].tokens == "good morning listeners")
        #expect(n.segments[1].tokens == "don t worry")
        let raw = Array(n.segments[0].text.utf8)
        let o = n.segments[0].offsets
        #expect(String(decoding: raw[o[2]..<o[3]], as: UTF8.self) == "MORNING")
        #expect(n.airtimeSeconds == 9)
        #expect(n.segments[0].start == 0 && n.segments[0].speaker == "Host")
    }

    @Test func contentHashIgnoresCaseAndMarkup() {
        let a = Normalizer.normalize(make([Segment(text: "Hello <b>World</b>")]))
        let b = Normalizer.normalize(make([Segment(text: "hello, world! [applause]")]))
        let c = Normalizer.normalize(make([Segment(text: "hello there")]))
        #expect(a.contentHash == b.contentHash)
        #expect(a.contentHash != c.contentHash)
    }

    @Test func durationWinsOverCueEnds() {
        var e = make([Segment(start: 0, end: 30, text: "x")])
        e.duration = 1800
        #expect(Normalizer.normalize(e).airtimeSeconds == 1800)
    }
}
