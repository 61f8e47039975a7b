import Foundation
import Testing
import VigilCore
@testable import VigilIngest

/// External entities must never be read, and entity expansion must never blow up.
@Suite struct FeedSecurityTests {
    @Test func doesNotReadEtcPasswdThroughXXE() throws {
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>T</title>
            <item><title>Hello &xxe; world</title><guid>x1</guid></item></channel></rss>
            """
        let feed = try FeedParser.parse(Array(xml.utf8), file: "xxe.xml")
        let title = try #require(feed.items.first?.title)
        #expect(title == "Hello world")
        #expect(!title.contains("root:"))
        if passwd.contains("root:") { #expect(!"\(feed)".contains("root:")) }
    }

    @Test func neverShowsTheContentOfALocalFile() throws {
        let marker = "VIGIL-MARKER-\(UUID().uuidString)"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-xxe-\(UUID().uuidString).txt").path
        try marker.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let payloads = [
            // general entity in text, attribute and guid
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(path)">]>
            <rss version="2.0"><channel><title>&xxe;</title><item><title>a &xxe; b</title><guid>&xxe;</guid>
            <enclosure url="&xxe;"/><link>&xxe;</link></item></channel></rss>
            """,
            // parameter entity pulled into the internal subset
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY % ext SYSTEM "file://\(path)"> %ext;]>
            <rss version="2.0"><channel><item><title>p</title></item></channel></rss>
            """,
            // external DTD
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "file://\(path)">
            <rss version="2.0"><channel><item><title>d</title></item></channel></rss>
            """,
            // XInclude is not processed
            """
            <rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude"><channel><item>
            <title><xi:include href="file://\(path)" parse="text"/></title></item></channel></rss>
            """,
        ]
        for xml in payloads {
            let feed = try FeedParser.parse(Array(xml.utf8), file: "xxe.xml")
            #expect(!"\(feed)".contains(marker))
            #expect(!feed.items.isEmpty)
        }
    }

    /// A FIFO blocks whoever opens it until the other side arrives: a writer thread that
    /// gets through `open` proves that the parser opened the file for reading.
    @Test func neverOpensTheFileAnEntityPointsTo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-fifo-\(UUID().uuidString)").path
        try #require(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let opened = Flag()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let fd = open(path, O_WRONLY)
            if fd >= 0 {
                opened.set()
                _ = "VIGIL-FIFO-MARKER".withCString { write(fd, $0, 17) }
                close(fd)
            }
            done.signal()
        }
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(path)"><!ENTITY % p SYSTEM "file://\(path)"> %p;]>
            <rss version="2.0"><channel><item><title>&xxe;</title><enclosure url="&xxe;"/></item></channel></rss>
            """
        let feed = try FeedParser.parse(Array(xml.utf8), file: "fifo.xml")
        Thread.sleep(forTimeInterval: 0.1)
        #expect(!opened.value)
        #expect(!"\(feed)".contains("VIGIL-FIFO-MARKER"))
        let reader = open(path, O_RDONLY | O_NONBLOCK)  // releases the writer thread
        done.wait()
        if reader >= 0 { close(reader) }
    }

    static func billionLaughs(body: String) -> String {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n"
        xml += "<!ENTITY lol1 \"" + String(repeating: "&lol;", count: 10) + "\">\n"
        for level in 2...9 {
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        return xml + "]>\n<rss version=\"2.0\"><channel><title>Laughs</title>\(body)</channel></rss>"
    }

    /// libxml2 detects the amplification at the first reference and stops there: the items
    /// before it are kept, one `malformed_xml` problem is recorded, and nothing is expanded.
    @Test func billionLaughsEndsQuicklyWithoutExpansion() throws {
        let xml = Self.billionLaughs(body: """
            <item><title>Before</title><guid>b</guid></item>
            <item><title>Laugh &lol9; end</title><enclosure url="&lol9;"/><guid>lol</guid></item>
            """)
        let clock = ContinuousClock()
        var feed: ParsedFeed?
        let elapsed = clock.measure { feed = try? FeedParser.parse(Array(xml.utf8), file: "lol.xml") }
        #expect(elapsed < .seconds(1))
        let parsed = try #require(feed)
        #expect(parsed.items.first?.guid == "b")
        #expect(parsed.items.first?.title == "Before")
        #expect(parsed.problems.map(\.code) == ["ingest.malformed_xml"])
        #expect(parsed.problems.first?.message.contains("entity") == true)
        #expect("\(parsed)".count < 2_000)
        #expect(!"\(parsed)".contains("lollol"))
    }

    @Test func anUnusedEntityBombIsHarmless() throws {
        let xml = Self.billionLaughs(body: "<item><title>Calm</title><guid>c</guid></item>")
        let clock = ContinuousClock()
        var feed: ParsedFeed?
        let elapsed = clock.measure { feed = try? FeedParser.parse(Array(xml.utf8), file: "lol.xml") }
        #expect(elapsed < .seconds(1))
        #expect(feed?.items.map(\.title) == ["Calm"])
        #expect(feed?.problems.isEmpty == true)
    }

    @Test func entityReferenceFloodStaysSmall() throws {
        let big = String(repeating: "x", count: 10_000)
        let xml = "<!DOCTYPE rss [<!ENTITY a \"\(big)\">]><rss><channel><item><title>"
            + String(repeating: "&a;", count: 20_000) + "</title></item></channel></rss>"
        let clock = ContinuousClock()
        var feed: ParsedFeed?
        let elapsed = clock.measure { feed = try? FeedParser.parse(Array(xml.utf8), file: "flood.xml") }
        #expect(elapsed < .seconds(2))
        #expect(feed?.items.first?.title == "")
    }
}
