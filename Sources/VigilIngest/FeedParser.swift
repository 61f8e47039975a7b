internal import CLibXML2
import VigilCore

/// Reads an RSS 2.0, RSS 1.0 (RDF) or Atom 1.0 document into items, recovering what it can.
///
/// Why: feeds in the wild are ill-formed, use HTML entities, and are untrusted. The parser
/// uses libxml2's tree parser in recover mode with only the safe options (no network, no
/// entity expansion, no DTD loading), a deny-all external entity loader installed once per
/// process, and walks text nodes itself (see `FeedElement`). An ill-formed document yields
/// one `ingest.malformed_xml` problem (libxml2's first message and line, plus a count of the
/// rest) and every item libxml2 recovered. Before parsing, `HTMLEntities.rewrite` turns HTML
/// named entities into character references and bare `&` into `&amp;`.
///
/// Errors: throws only `VigilError`, code `ingest.not_a_feed` when the document has no
/// root element or its root is not `rss`, `rdf:RDF` or Atom `feed` (an HTML page, say),
/// and `ingest.too_large` past 2 GiB. Everything else is a problem in the result.
///
/// ```swift
/// let feed = try FeedParser.parse(bytes, file: "feeds/radio-a.xml")
/// for item in feed.items where item.transcripts.isEmpty { … }
/// ```
public enum FeedParser {
    /// The only options ever passed to libxml2 (see PLATFORM-NOTES: never NOENT, DTDLOAD,
    /// DTDVALID, DTDATTR, HUGE or XINCLUDE). BIG_LINES only widens line numbers past
    /// 65535 so that problem records point at the right item in large feeds.
    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_BIG_LINES.rawValue
    )

    /// Initializes libxml2 and installs the deny-all entity loader, once, thread-safely.
    private static let setUp: Void = {
        xmlInitParser()
        vigil_install_deny_loader()
    }()

    /// Parses one feed document. `file` is only used to label problems.
    public static func parse(_ data: [UInt8], file: String) throws(VigilError) -> ParsedFeed {
        _ = setUp
        let input = HTMLEntities.rewrite(data)
        guard input.count <= Int(Int32.max) else {
            throw VigilError(.ingest, "too_large", "feed is larger than 2 GiB", file: file)
        }
        guard !input.isEmpty else { throw notAFeed("the document is empty", file: file) }
        guard let ctxt = xmlNewParserCtxt() else {
            throw VigilError(.ingest, "parser_failed", "libxml2 could not create a parser", file: file)
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let diagnostics = XMLDiagnostics()
        diagnostics.attach(to: ctxt)
        diagnostics.captureThreadErrors()
        let doc = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(ctxt, chars.baseAddress, Int32(chars.count), nil, nil, options)
            }
        }
        diagnostics.releaseThreadErrors()
        diagnostics.detach(from: ctxt)
        defer { if let doc { xmlFreeDoc(doc) } }

        var problems: [VigilError] = []
        if let first = diagnostics.first {
            let more = diagnostics.count > 1 ? " (and \(diagnostics.count - 1) more XML errors)" : ""
            problems.append(VigilError(
                .ingest, "malformed_xml", "ill-formed XML, recovered what libxml2 could: \(first.message)\(more)",
                file: file, line: first.line))
        }
        guard let doc, let rootNode = xmlDocGetRootElement(doc) else {
            let reason = diagnostics.first.map { "no root element (\($0.message))" } ?? "no root element"
            throw notAFeed(reason, file: file)
        }
        let root = FeedElement(node: rootNode)
        var feed: ParsedFeed
        if root.isNamed("rss", .rss) || root.isNamed("RDF", .rdf) {
            feed = readRSS(root)
        } else if root.isNamed("feed", .atom) {
            feed = readAtom(root)
        } else {
            throw notAFeed("the root element is <\(root.name)>, not <rss>, <rdf:RDF> or Atom <feed>", file: file)
        }
        feed.problems = problems
        return feed
    }

    private static func notAFeed(_ reason: String, file: String) -> VigilError {
        VigilError(.ingest, "not_a_feed", "not an RSS or Atom feed: \(reason)", file: file)
    }

    /// `<podcast:transcript>` children of an item, in document order.
    static func transcripts(of item: FeedElement) -> [TranscriptRef] {
        item.children.compactMap { child in
            guard child.isNamed("transcript", .podcast), let url = child.attribute("url") else { return nil }
            return TranscriptRef(url: url, type: child.attribute("type"), language: child.attribute("language"),
                                 rel: child.attribute("rel"))
        }
    }

    /// `itunes:duration` of an item, in seconds.
    static func duration(of item: FeedElement) -> Double? {
        item.firstChild("duration", .itunes)?.trimmedText().flatMap(DurationParser.parse)
    }
}
