internal import CLibXML2
import VigilCore

/// Reads an RSS (0.9x, 1.0/RDF, 2.0) or Atom (1.0, 0.3) document into items, recovering what
/// it can.
///
/// Why: feeds in the wild are ill-formed, mislabel their encoding, use HTML entities, and are
/// untrusted. The parser first decides the encoding and transcodes to UTF-8 itself
/// (`FeedDecoder`: BOM, then the transport `charset`, then the XML declaration; a lying
/// label is recovered from and reported as `ingest.encoding_mismatch`), turns HTML named
/// entities into character references (`HTMLEntities.rewrite`), then uses libxml2's tree
/// parser in recover mode with only the safe options (no network, no entity expansion, no DTD
/// loading, the internal encoding hint ignored), a deny-all external entity loader installed
/// once per process, and walks text nodes itself (see `FeedElement`). An ill-formed document
/// yields one `ingest.malformed_xml` problem (libxml2's first message and line, plus a count
/// of the rest) and every item libxml2 recovered.
///
/// Truncation: an `item`/`entry` that the document ends inside (no end tag, so its fields
/// may be cut short) is dropped, and the `malformed_xml` problem says so with its line;
/// every item closed before the cut is kept. An entity-expansion bomb makes libxml2 halt at
/// the first amplified reference: the items before it are kept, the one holding it is
/// dropped the same way, all in well under a second.
///
/// Errors: throws only `VigilError`: `ingest.too_large` above `maxBytes` (nothing is
/// parsed), and `ingest.not_a_feed` when the document has no root element or its root is not
/// `rss`, `rdf:RDF` or Atom `feed` (an HTML page, say). Everything else is a problem in the
/// result.
///
/// ```swift
/// let feed = try FeedParser.parse(bytes, file: "feeds/radio-a.xml", charset: "windows-1252")
/// for item in feed.items where item.transcripts.isEmpty { … }
/// ```
public enum FeedParser {
    /// The largest feed accepted, in bytes: 50 MiB. The biggest podcast feeds in the wild
    /// (thousands of episodes with full show notes) stay under 20 MB; anything larger is
    /// more likely a mistake or an attack than a feed, and libxml2 holds it all in memory.
    public static let maxBytes = 50 * 1_048_576

    /// The only options ever passed to libxml2 (see PLATFORM-NOTES: never NOENT, DTDLOAD,
    /// DTDVALID, DTDATTR, HUGE or XINCLUDE). BIG_LINES only widens line numbers past
    /// 65535 so that problem records point at the right item in large feeds; IGNORE_ENC
    /// makes libxml2 keep the UTF-8 it is given whatever the declaration says.
    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_IGNORE_ENC.rawValue
    )

    /// Initializes libxml2 and installs the deny-all entity loader, once, thread-safely.
    private static let setUp: Void = {
        xmlInitParser()
        vigil_install_deny_loader()
    }()

    /// Parses one feed document.
    ///
    /// - Parameters:
    ///   - file: only used to label problems.
    ///   - charset: the `charset` parameter of the HTTP `Content-Type` the feed was served
    ///     with, when there was one; nil for local files (and for a Content-Type without
    ///     `charset`: the RFC 3023 `text/xml` → US-ASCII default is ignored, as every feed
    ///     reader does).
    ///   - maxBytes: the size cap, `FeedParser.maxBytes` unless a caller needs another.
    public static func parse(
        _ data: [UInt8], file: String, charset: String? = nil, maxBytes: Int = FeedParser.maxBytes
    ) throws(VigilError) -> ParsedFeed {
        _ = setUp
        guard data.count <= maxBytes else { throw tooLarge(data.count, limit: maxBytes, file: file) }
        let decoded = FeedDecoder.decode(data, charset: charset, file: file)
        let input = HTMLEntities.rewrite(decoded.bytes)
        guard input.count <= Int(Int32.max) else { throw tooLarge(input.count, limit: Int(Int32.max), file: file) }
        guard input.contains(where: { $0 > 0x20 }) else { throw notAFeed("the document is empty", file: file) }
        guard let ctxt = xmlNewParserCtxt() else {
            throw VigilError(.ingest, "parser_failed", "libxml2 could not create a parser", file: file)
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let diagnostics = XMLDiagnostics()
        diagnostics.attach(to: ctxt)
        diagnostics.captureThreadErrors()
        let doc = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(ctxt, chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        diagnostics.releaseThreadErrors()
        diagnostics.detach(from: ctxt)
        defer { if let doc { xmlFreeDoc(doc) } }

        guard let doc, let rootNode = xmlDocGetRootElement(doc) else {
            let reason = diagnostics.first.map { "no root element (\($0.message))" } ?? "no root element"
            throw notAFeed(reason, file: file)
        }
        let root = FeedElement(node: rootNode)
        var read: (feed: ParsedFeed, dropped: [Int])
        if root.isNamed("rss", .rss) || root.isNamed("RDF", .rdf) {
            read = readRSS(root, diagnostics: diagnostics)
        } else if root.isNamed("feed", .atom) {
            read = readAtom(root, diagnostics: diagnostics)
        } else {
            throw notAFeed("the root element is <\(root.name)>, not <rss>, <rdf:RDF> or Atom <feed>", file: file)
        }
        var problems = decoded.problems
        if diagnostics.first != nil || !read.dropped.isEmpty {
            let first = diagnostics.first ?? (message: "an element is not closed", line: read.dropped.first)
            let more = diagnostics.count > 1 ? " (and \(diagnostics.count - 1) more XML errors)" : ""
            let dropped = read.dropped.isEmpty ? "" : "; the document ends inside the item at line "
                + read.dropped.map(String.init).joined(separator: ", ") + ", which was dropped"
            problems.append(VigilError(
                .ingest, "malformed_xml",
                "ill-formed XML, recovered what libxml2 could: \(first.message)\(more)\(dropped)",
                file: file, line: first.line))
        }
        read.feed.problems = problems
        read.feed.encoding = decoded.encoding
        return read.feed
    }

    static func tooLarge(_ size: Int, limit: Int, file: String) -> VigilError {
        VigilError(.ingest, "too_large", "input is \(size) bytes, more than the \(limit)-byte limit; not read", file: file)
    }

    private static func notAFeed(_ reason: String, file: String) -> VigilError {
        VigilError(.ingest, "not_a_feed", "not an RSS or Atom feed: \(reason)", file: file)
    }
}
