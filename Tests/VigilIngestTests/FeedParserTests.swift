import Foundation
import Testing
import VigilCore
@testable import VigilIngest

@Suite struct FeedParserTests {
    @Test func readsRSS() throws {
        let feed = try FeedParser.parse(Fixture.bytes("rss.xml"), file: "rss.xml")
        #expect(feed.problems.isEmpty)
        #expect(feed.title == "Radio Amani & Friends")
        #expect(feed.language == "sw")
        try #require(feed.items.count == 2)

        let first = feed.items[0]
        #expect(first.title == "Morning Show \u{2014} Caf\u{E9} talk")
        #expect(first.guid == "ep-1")
        #expect(first.link == "https://radio.example.org/ep1?a=1&b=2")
        #expect(first.enclosure == "https://media.example.org/ep1.mp3")
        #expect(first.publishedText == "Mon, 29 Dec 2025 18:00:00 +0300")
        #expect(first.published?.rfc3339 == "2025-12-29T15:00:00Z")
        #expect(first.duration == 3723)
        #expect(first.transcripts == [
            TranscriptRef(url: "https://media.example.org/ep1.vtt", type: "text/vtt", language: "sw", rel: "captions"),
            TranscriptRef(url: "https://media.example.org/ep1.json", type: "application/json"),
        ])
        #expect(first.language == nil)
        #expect(first.line == 6)

        let second = feed.items[1]
        #expect(second.title == "Evening news & views")
        #expect(second.guid == nil && second.link == nil && second.enclosure == nil)
        #expect(second.publishedText == "2025-12-30T20:00:00Z")
        #expect(second.published?.rfc3339 == "2025-12-30T20:00:00Z")
        #expect(second.duration == 3723)
        #expect(second.transcripts.isEmpty)
        #expect(second.language == "fr")
        #expect(second.line == 17)
    }

    @Test func readsAtom() throws {
        let feed = try FeedParser.parse(Fixture.bytes("atom.xml"), file: "atom.xml")
        #expect(feed.problems.isEmpty)
        #expect(feed.title == "Community Voice")
        #expect(feed.language == "en")
        try #require(feed.items.count == 2)

        let first = feed.items[0]
        #expect(first.title == "Town hall")
        #expect(first.guid == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")
        #expect(first.link == "https://cv.example.org/town-hall")
        #expect(first.enclosure == "https://cv.example.org/town-hall.mp3")
        #expect(first.publishedText == "2025-12-27T09:30:00+01:00")
        #expect(first.published?.rfc3339 == "2025-12-27T08:30:00Z")
        #expect(first.transcripts == [TranscriptRef(url: "https://cv.example.org/town-hall.srt", type: "application/x-subrip")])
        #expect(first.line == 4)

        let second = feed.items[1]
        #expect(second.title == "Le d\u{E9}bat")
        #expect(second.link == "https://cv.example.org/debat")
        #expect(second.publishedText == "2025-12-29T08:00:00Z")
        #expect(second.language == "fr")
        #expect(second.line == 13)
    }

    @Test func recoversAnIllFormedFeedWithOneProblem() throws {
        let feed = try FeedParser.parse(Fixture.bytes("malformed.xml"), file: "feeds/malformed.xml")
        try #require(feed.problems.count == 1)
        let problem = feed.problems[0]
        #expect(problem.code == "ingest.malformed_xml")
        #expect(problem.file == "feeds/malformed.xml")
        #expect(problem.line == 7)
        #expect(problem.message.contains("mismatch"))
        #expect(feed.title == "Broken FM")
        try #require(feed.items.count >= 2)
        #expect(feed.items[0].guid == "b-1" && feed.items[0].title == "One" && feed.items[0].line == 5)
        #expect(feed.items[0].published?.rfc3339 == "2025-12-29T18:00:00Z")
        #expect(feed.items[1].guid == "b-2" && feed.items[1].title == "Two" && feed.items[1].line == 6)
    }

    @Test func keepsTheItemsBeforeATruncation() throws {
        let xml = """
            <rss version="2.0"><channel><title>Cut</title>
            <item><title>Complete</title><guid>c-1</guid></item>
            <item><title>Half
            """
        let feed = try FeedParser.parse(Array(xml.utf8), file: "cut.xml")
        #expect(feed.problems.count == 1)
        #expect(feed.problems.first?.code == "ingest.malformed_xml")
        #expect(feed.items.first?.guid == "c-1")
        #expect(feed.items.first?.title == "Complete")
    }

    @Test func rejectsAnHTMLPage() throws {
        #expect {
            try FeedParser.parse(Fixture.bytes("page.html"), file: "page.html")
        } throws: { error in
            (error as? VigilError)?.code == "ingest.not_a_feed" && (error as? VigilError)?.file == "page.html"
        }
    }

    @Test(arguments: ["", "   ", "this is not xml at all", "\u{0}\u{1}\u{2}binary", "<?xml version=\"1.0\"?>"])
    func rejectsDocumentsWithoutAFeedRoot(_ text: String) {
        #expect(throws: VigilError.self) { try FeedParser.parse(Array(text.utf8), file: "x") }
        do {
            _ = try FeedParser.parse(Array(text.utf8), file: "x")
        } catch {
            #expect(error.code == "ingest.not_a_feed")
        }
    }

    @Test func readsRSS1() throws {
        let xml = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
              xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://r.example.org/"><title>RDF Radio</title><dc:language>ha</dc:language></channel>
            <item rdf:about="https://r.example.org/1"><title>First</title><dc:date>2025-12-29T06:00:00+01:00</dc:date></item>
            </rdf:RDF>
            """
        let feed = try FeedParser.parse(Array(xml.utf8), file: "rdf.xml")
        #expect(feed.problems.isEmpty)
        #expect(feed.title == "RDF Radio" && feed.language == "ha")
        #expect(feed.items.count == 1)
        #expect(feed.items.first?.link == "https://r.example.org/1")
        #expect(feed.items.first?.published?.rfc3339 == "2025-12-29T05:00:00Z")
    }

    @Test func acceptsUndeclaredPodcastAndItunesPrefixes() throws {
        let xml = """
            <rss version="2.0"><channel><item><title>T</title>
            <podcast:transcript url="t.srt" type="application/srt"/><itunes:duration>120</itunes:duration>
            </item></channel></rss>
            """
        let feed = try FeedParser.parse(Array(xml.utf8), file: "ns.xml")
        #expect(feed.items.first?.transcripts == [TranscriptRef(url: "t.srt", type: "application/srt")])
        #expect(feed.items.first?.duration == 120)
        #expect(feed.problems.first?.code == "ingest.malformed_xml")
    }

    @Test func doesNotMistakeOtherNamespacesForRSSElements() throws {
        let xml = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:x="urn:x"><channel><item>
            <media:title>Wrong</media:title><x:transcript url="no.vtt"/><title>Right</title>
            </item></channel></rss>
            """
        let feed = try FeedParser.parse(Array(xml.utf8), file: "ns.xml")
        #expect(feed.items.first?.title == "Right")
        #expect(feed.items.first?.transcripts.isEmpty == true)
    }

    @Test func decodesHTMLEntitiesAndKeepsThemInCDATA() throws {
        let xml = """
            <rss version="2.0"><channel><item>
            <title>&ldquo;Q&A&rdquo; &amp; &lt;more&gt; &#233;&#x00E8; caf&eacute;&hellip;</title>
            <guid><![CDATA[id&nbsp;1]]></guid>
            </item></channel></rss>
            """
        let feed = try FeedParser.parse(Array(xml.utf8), file: "e.xml")
        #expect(feed.problems.isEmpty)
        #expect(feed.items.first?.title == "\u{201C}Q&A\u{201D} & <more> \u{E9}\u{E8} caf\u{E9}\u{2026}")
        #expect(feed.items.first?.guid == "id&nbsp;1")
    }

    @Test func readsDeclaredEncodings() throws {
        let head = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><item><title>Caf".utf8)
        let bytes = head + [0xE9, 0x20, 0x93, 0x71, 0x94] + Array("</title></item></channel></rss>".utf8)
        let feed = try FeedParser.parse(bytes, file: "cp1252.xml")
        #expect(feed.items.first?.title == "Caf\u{E9} \u{201C}q\u{201D}")

        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>Sauti ya \u{E9}</title></item></channel></rss>".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let feed16 = try FeedParser.parse(utf16, file: "utf16.xml")
        #expect(feed16.items.first?.title == "Sauti ya \u{E9}")
    }

    /// Bytes the declared encoding leaves undefined no longer stop libxml2 (Vigil transcodes
    /// first): they become U+FFFD, the rest of the feed is kept, and one problem says so.
    @Test func repairsBytesTheEncodingDoesNotDefine() throws {
        let head = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><item><title>A".utf8)
        let bytes = head + [0x81, 0x8D] + Array("B</title></item><item><title>Second</title></item></channel></rss>".utf8)
        let feed = try FeedParser.parse(bytes, file: "cp.xml")
        #expect(feed.problems.map(\.code) == ["ingest.encoding_mismatch"])
        #expect(feed.problems.first?.message.contains("2 undecodable") == true)
        #expect(feed.items.map(\.title) == ["A\u{FFFD}\u{FFFD}B", "Second"])

        let unknown = Array("<?xml version=\"1.0\" encoding=\"no-such-enc\"?><rss><channel><title>T</title></channel></rss>".utf8)
        let parsed = try FeedParser.parse(unknown, file: "x.xml")
        #expect(parsed.title == "T")
        #expect(parsed.encoding == "UTF-8")
        #expect(parsed.problems.map(\.code) == ["ingest.encoding_mismatch"])
        #expect(parsed.problems.first?.message.contains("no-such-enc") == true)
    }

    @Test func rewritesHTMLEntitiesOutsideVerbatimSections() {
        let input = "<a b=\"?x=1&y=2\">&nbsp;&copy;&foo;&#38;&amp;</a><!-- &nbsp; --><![CDATA[&eacute;]]>"
        let output = String(decoding: HTMLEntities.rewrite(Array(input.utf8)), as: UTF8.self)
        #expect(output == "<a b=\"?x=1&amp;y=2\">&#160;&#169;&foo;&#38;&amp;</a><!-- &nbsp; --><![CDATA[&eacute;]]>")
        #expect(HTMLEntities.latin1.count == 96)
    }
}

@Suite struct FeedParserScaleTests {
    @Test func parsesInParallelWithIdenticalResults() throws {
        let bytes = try Fixture.bytes("malformed.xml")
        let expected = try FeedParser.parse(bytes, file: "m.xml")
        let results = Results(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            results.set(i, try? FeedParser.parse(bytes, file: "m.xml"))
        }
        #expect(results.all.allSatisfy { $0 == expected })
    }

    /// libxml2 stores element lines in 16 bits unless XML_PARSE_BIG_LINES is set: items
    /// past line 65535 must still report their real line.
    @Test func linesPast65535AreExact() throws {
        let xml = "<rss><channel>" + String(repeating: "\n", count: 70_000) + "<item><title>Far</title></item></channel></rss>"
        #expect(try FeedParser.parse(Array(xml.utf8), file: "far.xml").items.first?.line == 70_001)
    }

    @Test func readsManyItems() throws {
        let item = "<item><title>Item &amp; more&nbsp;text</title><guid>g</guid></item>\n"
        let xml = "<rss><channel>" + String(repeating: item, count: 20_000) + "</channel></rss>"
        let feed = try FeedParser.parse(Array(xml.utf8), file: "big.xml")
        #expect(feed.items.count == 20_000)
        #expect(feed.items.last?.title == "Item & more text")
        #expect(feed.items.last?.line == 20_000)
        #expect(feed.problems.isEmpty)
    }
}
