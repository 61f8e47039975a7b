import Testing
import VigilCore
@testable import VigilIngest

@Suite struct JSONTranscriptTests {
    @Test func readsWhisperJSON() throws {
        let parsed = try TranscriptParser.parse(Fixture.bytes("whisper.json"), format: .whisperJSON, file: "w.json")
        #expect(parsed.segments == [
            Segment(start: 0, end: 2.5, text: "Hello there."),
            Segment(start: 3, end: 5, speaker: "SPEAKER_01", text: "Ndiyo."),
        ])
        #expect(parsed.language == "sw")
        #expect(parsed.problems.map(\.code) == ["ingest.bad_segment", "ingest.bad_segment", "ingest.bad_segment"])
        #expect(parsed.problems[0].message.contains("segment 1 (id 1)"))
        #expect(parsed.problems[1].message.contains("id 3"))
        #expect(parsed.problems[2].message.contains("ends before it starts"))
        #expect(parsed.problems.allSatisfy { $0.file == "w.json" })
    }

    @Test func readsPodcastingJSON() throws {
        let parsed = try TranscriptParser.parse(Fixture.bytes("podcast.json"), format: .podcastJSON, file: "p.json")
        #expect(parsed.segments == [
            Segment(start: 0.5, end: 1.25, speaker: "Host", text: "Karibu"),
            Segment(start: 1.25, end: 2, speaker: "Guest", text: "sana"),
        ])
        #expect(parsed.problems.count == 2)
        #expect(parsed.problems[0].message.contains("startTime"))
        #expect(parsed.problems[1].message.contains("not an object"))
    }

    @Test(arguments: [
        ("missing segments", #"{"text": "hello", "language": "en"}"#),
        ("segments not an array", #"{"segments": "nope"}"#),
        ("not JSON", "WEBVTT"),
        ("top-level array", #"[{"start": 1, "end": 2, "text": "x"}]"#),
        ("truncated", #"{"segments": [{"start": 1"#),
        ("nested far too deep", #"{"segments": "# + String(repeating: "[", count: 200_000)),
        ("raw control character", "{\"segments\": [{\"start\": 1, \"end\": 2, \"text\": \"a\u{01}b\"}]}"),
    ])
    func rejectsUnreadableJSON(_ id: String, _ text: String) {
        for format in [TranscriptFormat.whisperJSON, .podcastJSON] {
            #expect {
                try TranscriptParser.parse(Array(text.utf8), format: format, file: "j.json")
            } throws: { ($0 as? VigilError)?.code == "ingest.bad_transcript" && ($0 as? VigilError)?.file == "j.json" }
        }
    }

    @Test func stripsABOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"segments":[{"start":1,"end":2,"text":" ok "}]}"#.utf8)
        let parsed = try TranscriptParser.parse(bytes, format: .whisperJSON, file: "j.json")
        #expect(parsed.segments == [Segment(start: 1, end: 2, text: "ok")])
        #expect(parsed.problems.isEmpty)
    }
}

/// Ingest reads a JSON transcript once: the document read to tell Whisper from Podcasting
/// 2.0 is reused for the segments when the decoded text is the very bytes it read. Every
/// encoding case must give what a fresh parse gives.
struct SniffedJSONReuseTests {
    static let whisper = #"{"language":"en","segments":[{"start":0,"end":2.5,"text":" they are \u00e9 here ","speaker":"Host"},{"start":3,"end":1,"text":"bad"}]}"#

    static var variants: [(String, [UInt8])] {
        let plain = Array(whisper.utf8)
        var utf16 = [UInt8]([0xFF, 0xFE])
        for u in whisper.utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        var invalid = plain
        invalid.insert(0xC3, at: plain.firstIndex(of: UInt8(ascii: "h"))!)
        let podcast = Array(#"{"segments":[{"startTime":1,"endTime":2,"body":"hello","speaker":"A"}]}"#.utf8)
        return [("plain", plain), ("UTF-8 BOM", [0xEF, 0xBB, 0xBF] + plain), ("UTF-16 BOM", utf16), ("invalid UTF-8", invalid), ("podcast", podcast)]
    }

    @Test func sniffedDocumentGivesTheSameTranscript() throws {
        for (name, data) in Self.variants {
            let detected = TranscriptParser.detect(mimeType: nil, path: "t.json", data: data)
            guard let format = detected.format else {
                #expect(TranscriptParser.detectFormat(mimeType: nil, path: "t.json", data: data) == nil, "\(name)")
                continue
            }
            let once = try TranscriptParser.parse(data, format: format, file: "t.json", maxBytes: TranscriptParser.maxBytes, sniffed: detected.document)
            let twice = try TranscriptParser.parse(data, format: format, file: "t.json")
            #expect(once == twice, "\(name)")
            #expect(!once.segments.isEmpty, "\(name)")
        }
    }
}
