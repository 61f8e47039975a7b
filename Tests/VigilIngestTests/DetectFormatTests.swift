import Testing
import VigilCore
@testable import VigilIngest

@Suite struct DetectFormatTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let id: String
        let mime: String?
        let path: String
        let content: String
        let expected: TranscriptFormat?
        var testDescription: String { id }
    }

    static let whisper = #"{"text":"x","segments":[{"id":0,"start":0,"end":1,"text":"x"}]}"#
    static let podcast = #"{"version":"1.0.0","segments":[{"speaker":"A","startTime":0,"endTime":1,"body":"x"}]}"#

    static let rows: [Row] = [
        Row(id: "mime vtt with charset", mime: "text/vtt; charset=utf-8", path: "a.txt", content: "", expected: .vtt),
        Row(id: "mime subrip", mime: "application/x-subrip", path: "a", content: "", expected: .srt),
        Row(id: "mime srt", mime: "application/srt", path: "a", content: "", expected: .srt),
        Row(id: "mime text/srt", mime: "TEXT/SRT", path: "a", content: "", expected: .srt),
        Row(id: "mime json whisper", mime: "application/json", path: "a.json", content: whisper, expected: .whisperJSON),
        Row(id: "mime json podcast", mime: "application/json", path: "a", content: podcast, expected: .podcastJSON),
        Row(id: "mime json unknown shape", mime: "application/json", path: "a", content: #"{"a":1}"#, expected: nil),
        Row(id: "mime plain", mime: "text/plain", path: "a.vtt", content: "", expected: .text),
        Row(id: "mime html unsupported", mime: "text/html", path: "a.html", content: "<p>x</p>", expected: nil),
        Row(id: "unknown mime falls to extension", mime: "application/octet-stream", path: "a.SRT", content: "", expected: .srt),
        Row(id: "extension vtt in URL with query", mime: nil, path: "https://m.example.org/t/ep1.vtt?sig=1", content: "", expected: .vtt),
        Row(id: "extension json", mime: nil, path: "x/ep.json", content: podcast, expected: .podcastJSON),
        Row(id: "extension txt", mime: nil, path: "ep.txt", content: "", expected: .text),
        Row(id: "sniff vtt", mime: nil, path: "transcript", content: "\u{FEFF}WEBVTT\n\n", expected: .vtt),
        Row(id: "sniff srt", mime: nil, path: "transcript", content: "1\n00:00:01,000 --> 00:00:02,000\nx\n", expected: .srt),
        Row(id: "sniff whisper", mime: nil, path: "transcript", content: "  " + whisper, expected: .whisperJSON),
        Row(id: "sniff text", mime: nil, path: "transcript.dat", content: "Just words.\n", expected: .text),
        Row(id: "sniff markup", mime: nil, path: "transcript", content: "<html></html>", expected: nil),
        Row(id: "empty", mime: nil, path: "transcript", content: "", expected: nil),
        Row(id: "binary", mime: nil, path: "transcript", content: "ID3\u{0}\u{0}", expected: nil),
    ]

    @Test(arguments: rows)
    func detects(_ row: Row) {
        #expect(TranscriptParser.detectFormat(mimeType: row.mime, path: row.path, data: Array(row.content.utf8)) == row.expected)
    }
}
