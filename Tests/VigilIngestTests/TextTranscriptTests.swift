import Testing
import VigilCore
@testable import VigilIngest

@Suite struct TextTranscriptTests {
    @Test func splitsParagraphsAndSpeakers() throws {
        let text = "HOST: Good evening.\nWelcome.\n\nThis paragraph has no speaker.\n \n\nCaller 2: Thank you.\nHOST: You're welcome.\n"
        let parsed = try TranscriptParser.parse(Array(text.utf8), format: .text, file: "t.txt")
        #expect(parsed.problems.isEmpty)
        #expect(parsed.segments == [
            Segment(speaker: "HOST", text: "Good evening.\nWelcome."),
            Segment(speaker: nil, text: "This paragraph has no speaker."),
            Segment(speaker: "Caller 2", text: "Thank you."),
            Segment(speaker: "HOST", text: "You're welcome."),
        ])
    }

    @Test func speakerAloneOnItsLine() throws {
        let parsed = try TranscriptParser.parse(Array("MWENYEKITI:\nTutaanza sasa.\r\n".utf8), format: .text, file: "t.txt")
        #expect(parsed.segments == [Segment(speaker: "MWENYEKITI", text: "Tutaanza sasa.")])
    }
}

@Suite struct SpeakerPrefixTests {
    @Test(arguments: [
        ("HOST: hello", "HOST", "hello"),
        ("Caller 2: we are tired", "Caller 2", "we are tired"),
        ("Dr. Amina Yusuf: yes", "Dr. Amina Yusuf", "yes"),
        ("  - SPEAKER_00: ok", "SPEAKER_00", "ok"),
        ("\u{C9}LODIE: bonjour", "\u{C9}LODIE", "bonjour"),
        ("O'Brien:", "O'Brien", ""),
    ] as [(String, String, String)])
    func matches(_ line: String, _ speaker: String, _ rest: String) throws {
        let m = try #require(SpeakerPrefix.match(line[...]))
        #expect(m.speaker == speaker)
        #expect(m.rest == rest[...])
    }

    @Test(arguments: [
        "10:30 news", "http://example.org", "the host said: hi", "Four Long Word Name: hi", "HOST:no space",
        "HOST : spaced", "Caller  2: double space", "-HOST: dash without space", "", "NAMEWITHAVERYLONGNAMEGOINGONANDONANDONANDON: x",
    ])
    func doesNotMatch(_ line: String) {
        #expect(SpeakerPrefix.match(line[...]) == nil)
    }
}
