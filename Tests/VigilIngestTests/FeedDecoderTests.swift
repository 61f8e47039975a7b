import Foundation
import Testing
import VigilCore
@testable import VigilIngest

/// Encoding decisions: BOM, then transport charset, then declaration, then UTF-8; lies are
/// recovered from with one `ingest.encoding_mismatch`.
@Suite struct FeedDecoderTests {
    static func feed(_ title: String, declaration: String? = nil) -> String {
        let decl = declaration.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? ""
        return decl + "<rss version=\"2.0\"><channel><item><title>\(title)</title><guid>g</guid></item></channel></rss>"
    }

    static func utf16(_ s: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in s.utf16 {
            out += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return out
    }

    static func utf32(_ s: String, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = bigEndian ? [0, 0, 0xFE, 0xFF] : [0xFF, 0xFE, 0, 0]
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let bytes = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            out += bigEndian ? bytes : bytes.reversed()
        }
        return out
    }

    @Test func readsEveryUnicodeForm() throws {
        let text = Self.feed("K\u{E9}ll\u{E9} \u{1F4FB}", declaration: "UTF-16")
        let forms: [(String, [UInt8])] = [
            ("UTF-16BE", Self.utf16(text, bigEndian: true, bom: true)),
            ("UTF-16LE", Self.utf16(text, bigEndian: false, bom: false)),
            ("UTF-32BE", Self.utf32(text, bigEndian: true)),
            ("UTF-32LE", Self.utf32(text, bigEndian: false)),
            ("UTF-8", [0xEF, 0xBB, 0xBF] + Array(Self.feed("K\u{E9}ll\u{E9} \u{1F4FB}").utf8)),
        ]
        for (name, bytes) in forms {
            let feed = try FeedParser.parse(bytes, file: name)
            #expect(feed.encoding == name)
            #expect(feed.items.first?.title == "K\u{E9}ll\u{E9} \u{1F4FB}", "\(name)")
            #expect(feed.problems.isEmpty, "\(name): \(feed.problems)")
        }
    }

    @Test func transportCharsetBeatsTheDeclaration() throws {
        let bytes = Array(Self.feed("Caf", declaration: "UTF-8").utf8).replacing(Array("Caf".utf8), with: [0x43, 0x61, 0x66, 0xE9])
        let feed = try FeedParser.parse(bytes, file: "t.xml", charset: "\"ISO-8859-1\"")
        #expect(feed.encoding == "windows-1252")
        #expect(feed.items.first?.title == "Caf\u{E9}")
        #expect(feed.problems.isEmpty)
    }

    @Test func aUTF16LabelOnAnASCIIDocumentIsALie() throws {
        let feed = try FeedParser.parse(Array(Self.feed("Plain", declaration: "UTF-16").utf8), file: "u.xml")
        #expect(feed.encoding == "UTF-8")
        #expect(feed.items.first?.title == "Plain")
        #expect(feed.problems.map(\.code) == ["ingest.encoding_mismatch"])
    }

    @Test func anUnknownCharsetIsIgnored() throws {
        let feed = try FeedParser.parse(Array(Self.feed("Caf\u{E9}").utf8), file: "c.xml", charset: "x weird")
        #expect(feed.encoding == "UTF-8")
        #expect(feed.problems.isEmpty)
    }

    @Test func controlCharactersAreRemovedNotFatal() throws {
        let bytes = Array(Self.feed("A").utf8).replacing(Array("A".utf8), with: [0x41, 0x00, 0x0B, 0x1A, 0x42])
        let feed = try FeedParser.parse(bytes + Array("\n".utf8), file: "ctl.xml")
        #expect(feed.items.first?.title == "AB")
        #expect(feed.problems.map(\.code) == ["ingest.invalid_characters"])
        #expect(feed.problems.first?.message.hasPrefix("3 control") == true)
    }

    @Test(arguments: [
        ("ISO-8859-1", FeedEncoding.windows1252), ("latin1", .windows1252), ("US-ASCII", .windows1252),
        ("iso_8859-15:1998", .iso8859(15)), ("latin9", .iso8859(15)), ("ISO8859-2", .iso8859(2)),
        ("iso-8859-8-i", .iso8859(8)), ("utf8", .utf8), ("UTF-16", .utf16BE), ("utf-16le", .utf16LE),
        ("Shift_JIS", .other("shift_jis")), ("'cp1252'", .windows1252),
    ] as [(String, FeedEncoding)])
    func recognisesLabels(_ label: String, _ expected: FeedEncoding) {
        #expect(FeedEncoding(label: label) == expected)
    }

    @Test func repairsAndCountsInvalidUTF8LikeSwiftDoes() {
        let bad: [UInt8] = [0x61, 0xFF, 0xE2, 0x82, 0x62, 0xF0, 0x9F, 0x98, 0x80, 0xC0, 0xAF, 0xED, 0xA0, 0x80]
        let repaired = Transcoder.repairUTF8(bad[...])
        let swift = String(decoding: bad, as: UTF8.self)
        #expect(repaired.bytes == Array(swift.utf8))
        #expect(repaired.replaced == swift.unicodeScalars.filter { $0 == "\u{FFFD}" }.count)
        #expect(Transcoder.scanUTF8(bad[...]).invalid == repaired.replaced)
    }

    @Test func blanksTheDeclaredEncodingKeepingOffsets() {
        var bytes = Array("<?xml version='1.0' encoding = 'latin1' standalone='yes'?><rss/>".utf8)
        let count = bytes.count
        #expect(XMLDeclaration.encoding(in: bytes)?.label == "latin1")
        XMLDeclaration.blankEncoding(&bytes)
        #expect(bytes.count == count)
        #expect(XMLDeclaration.encoding(in: bytes) == nil)
        #expect(String(decoding: bytes, as: UTF8.self).contains("standalone='yes'?><rss/>"))
    }
}

/// Regressions found by the feed fuzzer (scripts/fuzz): feeds decoded through iconv used to
/// trap on iconv's -1 result (an undefined byte, a character cut at the end, or more than
/// 64 KiB of output from a valid feed).
struct IconvRegressionTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/scripts/fuzz/regressions/feed/"
    }()

    @Test(arguments: ["iconv-fuzzer-found-windows-1253.xml", "min-iconv-eilseq.xml", "min-iconv-einval.xml", "min-iconv-e2big.xml"])
    func iconvFeedsParseWithoutTrapping(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.root + name)))
        _ = try? FeedParser.parse(bytes, file: name)
    }

    @Test func largeValidWindows1251FeedKeepsItsText() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.root + "min-iconv-e2big.xml")))
        let feed = try FeedParser.parse(bytes, file: "e2big.xml")
        #expect(feed.title == String(repeating: "При", count: 12_000))
    }
}
