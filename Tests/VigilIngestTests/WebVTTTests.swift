import Testing
import VigilCore
@testable import VigilIngest

@Suite struct WebVTTTests {
    @Test func readsCuesVoicesAndSkipsBadCues() throws {
        let parsed = try TranscriptParser.parse(Fixture.bytes("captions.vtt"), format: .vtt, file: "t/captions.vtt")
        #expect(parsed.segments == [
            Segment(start: 1, end: 4.5, speaker: "Host", text: "Good morning, <i>listeners</i>."),
            Segment(start: 5, end: 7.25, speaker: "Caller 2", text: "We are tired!"),
            Segment(start: 9, end: 12, speaker: "Ann", text: "Hello there"),
            Segment(start: 9, end: 12, speaker: "Bob", text: "Hi Ann <00:00:10.500>how are you"),
            Segment(start: 14, end: 15, speaker: nil, text: "Line one\nline two"),
        ])
        #expect(parsed.problems.map(\.code) == ["ingest.bad_cue", "ingest.bad_cue"])
        #expect(parsed.problems.map(\.line) == [18, 25])
        #expect(parsed.problems.allSatisfy { $0.file == "t/captions.vtt" })
    }

    @Test func requiresTheHeader() {
        for text in ["", "00:01.000 --> 00:02.000\nHi", "WEBVTTX\n\n00:01.000 --> 00:02.000\nHi"] {
            #expect {
                try TranscriptParser.parse(Array(text.utf8), format: .vtt, file: "a.vtt")
            } throws: { ($0 as? VigilError)?.code == "ingest.bad_transcript" }
        }
    }

    @Test func handlesCRLFBOMAndHeaderWithoutBlankLine() throws {
        let text = "\u{FEFF}WEBVTT\r\n00:00:01.000 --> 00:00:02.000\r\n<v Amina>Habari\r\n\r\nNOTE\r\nskip me\r\n"
        let parsed = try TranscriptParser.parse(Array(text.utf8), format: .vtt, file: "a.vtt")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.segments == [Segment(start: 1, end: 2, speaker: "Amina", text: "Habari")])
    }

    @Test func keepsTextOutsideVoiceSpansWithoutSpeaker() throws {
        let text = "WEBVTT\n\nid-1\n00:01.000 --> 00:03.000 line:0\nIntro <v A>one</v> middle <v>anonymous\n"
        let parsed = try TranscriptParser.parse(Array(text.utf8), format: .vtt, file: "a.vtt")
        #expect(parsed.segments.map(\.speaker) == [nil, "A", nil, nil])
        #expect(parsed.segments.map(\.text) == ["Intro", "one", "middle", "anonymous"])
    }

    @Test func recordsBlocksWithoutTiming() throws {
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\njust text\nmore\n"
        let parsed = try TranscriptParser.parse(Array(text.utf8), format: .vtt, file: "a.vtt")
        #expect(parsed.segments.count == 1)
        #expect(parsed.problems.map(\.line) == [6])
        #expect(parsed.problems.first?.code == "ingest.bad_cue")
    }

    @Test func repairsInvalidUTF8AndSaysWhere() throws {
        let bytes = Array("WEBVTT\n\n00:01.000 --> 00:02.000\nbad ".utf8) + [0xFF] + Array(" byte\n".utf8)
        let parsed = try TranscriptParser.parse(bytes, format: .vtt, file: "a.vtt")
        #expect(parsed.segments.first?.text == "bad \u{FFFD} byte")
        #expect(parsed.problems.map(\.code) == ["ingest.invalid_utf8"])
        #expect(parsed.problems.first?.line == 4)
    }
}
