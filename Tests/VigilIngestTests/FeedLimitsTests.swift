import Testing
import VigilCore
@testable import VigilIngest

/// Size caps, truncation at every awkward point, and transcripts' UTF-8 repair.
@Suite struct FeedLimitsTests {
    @Test func refusesAFeedAboveTheCap() {
        #expect(FeedParser.maxBytes == 50 * 1_048_576)
        let bytes = Array("<rss><channel><title>Big</title></channel></rss>".utf8)
        #expect {
            try FeedParser.parse(bytes, file: "big.xml", maxBytes: 10)
        } throws: { error in
            (error as? VigilError)?.code == "ingest.too_large" && (error as? VigilError)?.file == "big.xml"
        }
        #expect((try? FeedParser.parse(bytes, file: "ok.xml", maxBytes: bytes.count))?.title == "Big")
    }

    @Test func refusesATranscriptAboveTheCap() {
        #expect(TranscriptParser.maxBytes == 50 * 1_048_576)
        #expect {
            try TranscriptParser.parse(Array("hello".utf8), format: .text, file: "t.txt", maxBytes: 4)
        } throws: { error in
            (error as? VigilError)?.code == "ingest.too_large"
        }
    }

    static let head = "<rss version=\"2.0\"><channel><title>Cut</title>\n<item><title>Whole</title><guid>w</guid></item>\n"

    /// Wherever the document stops, the closed item is kept and the cut one is not.
    @Test(arguments: [
        "<item><title>Half", "<item><title>Half</title><guid>h</guid>", "<item><enclosure url=\"x",
        "<item", "<item><title><![CDATA[half", "<item><!-- note",
    ])
    func dropsTheItemTheDocumentEndsIn(_ tail: String) throws {
        let feed = try FeedParser.parse(Array((Self.head + tail).utf8), file: "cut.xml")
        #expect(feed.items.map(\.guid) == ["w"])
        #expect(feed.problems.map(\.code) == ["ingest.malformed_xml"])
    }

    @Test func keepsAnItemClosedJustBeforeTheCut() throws {
        let feed = try FeedParser.parse(Array((Self.head + "<item><title>Last</title><guid>l</guid></item></chan").utf8),
                                        file: "cut.xml")
        #expect(feed.items.map(\.guid) == ["w", "l"])
        #expect(feed.problems.count == 1)
        #expect(feed.problems.first?.message.contains("dropped") == false)
    }

    /// A cut inside the item's own end tag: libxml2's recovery closes the item, and all its
    /// content was read, so it is kept.
    @Test func keepsAnItemCutInsideItsEndTag() throws {
        let feed = try FeedParser.parse(Array((Self.head + "<item><title>Half</title></it").utf8), file: "cut.xml")
        #expect(feed.items.map(\.title) == ["Whole", "Half"])
        #expect(feed.problems.map(\.code) == ["ingest.malformed_xml"])
    }

    @Test func dropsATruncatedAtomEntry() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
            <entry><id>e1</id><title>One</title></entry>
            <entry><id>e2</id><title>Tw
            """
        let feed = try FeedParser.parse(Array(xml.utf8), file: "a.xml")
        #expect(feed.items.map(\.guid) == ["e1"])
        #expect(feed.problems.first?.message.contains("line 3, which was dropped") == true)
    }

    @Test func countsInvalidUTF8InTranscripts() throws {
        let bytes = Array("one\ntwo ".utf8) + [0xFF, 0xFE, 0x41, 0xC3] + Array("\nthree".utf8)
        let parsed = try TranscriptParser.parse(bytes, format: .text, file: "t.txt")
        #expect(parsed.problems.map(\.code) == ["ingest.invalid_utf8"])
        #expect(parsed.problems.first?.line == 2)
        #expect(parsed.problems.first?.message.contains("3 bad byte sequence") == true)
        #expect(parsed.segments.map(\.text).joined().contains("\u{FFFD}"))
    }

    @Test func readsAUTF16Transcript() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Habari \u{E9}".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let parsed = try TranscriptParser.parse(bytes, format: .text, file: "t.txt")
        #expect(parsed.segments.map(\.text) == ["Habari \u{E9}"])
        #expect(parsed.problems.isEmpty)
    }
}
