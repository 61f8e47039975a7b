import Testing
import VigilCore
@testable import VigilIngest

@Suite struct SRTTests {
    /// Sloppy SRT: CRLF, extra blank lines, `.` decimals, a missing blank line, a missing
    /// index, a bad timing line and dialogue dashes.
    static let sloppy = [
        "1", "00:00:01,000 --> 00:00:04,000", "HOST: Welcome to the show.", "", "",
        "2", "00:00:05.000 --> 00:00:08,500", "Caller 2: I want to say", "something important.",
        "3", "00:00:09,000 --> 00:00:10,000", "No speaker here.", "",
        "00:00:11,000 --> 00:00:1x,000", "Broken cue.", "",
        "5", "00:00:13,000 --> 00:00:15,000", "- HOST: Thanks.", "- Dr. Amina Yusuf: My pleasure.", "",
    ].joined(separator: "\r\n")

    @Test func readsSloppySRT() throws {
        let parsed = try TranscriptParser.parse(Array(Self.sloppy.utf8), format: .srt, file: "s.srt")
        #expect(parsed.segments == [
            Segment(start: 1, end: 4, speaker: "HOST", text: "Welcome to the show."),
            Segment(start: 5, end: 8.5, speaker: "Caller 2", text: "I want to say\nsomething important."),
            Segment(start: 9, end: 10, speaker: nil, text: "No speaker here."),
            Segment(start: 13, end: 15, speaker: "HOST", text: "Thanks."),
            Segment(start: 13, end: 15, speaker: "Dr. Amina Yusuf", text: "My pleasure."),
        ])
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems.first?.code == "ingest.bad_cue")
        #expect(parsed.problems.first?.line == 14)
        #expect(parsed.problems.first?.file == "s.srt")
    }

    @Test func skipsBackwardsCues() throws {
        let text = "1\n00:00:05,000 --> 00:00:04,000\nBackwards\n\n2\n00:00:06,000 --> 00:00:07,000\n<i>Fine</i>\n"
        let parsed = try TranscriptParser.parse(Array(text.utf8), format: .srt, file: "s.srt")
        #expect(parsed.segments == [Segment(start: 6, end: 7, text: "<i>Fine</i>")])
        #expect(parsed.problems.map(\.line) == [2])
    }

    @Test func rejectsAFileWithoutTimings() {
        #expect {
            try TranscriptParser.parse(Array("just some words\n".utf8), format: .srt, file: "s.srt")
        } throws: { ($0 as? VigilError)?.code == "ingest.bad_transcript" }
    }

    @Test func acceptsAnEmptyFile() throws {
        #expect(try TranscriptParser.parse(Array("\n\n".utf8), format: .srt, file: "s.srt").segments.isEmpty)
    }
}
