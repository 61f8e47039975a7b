import VigilCore

/// What `FeedParser` read from one feed document: channel metadata, items and problems.
///
/// Why: stage APIs are pure, so the parser returns plain values and leaves paths, station
/// context and the choice of item id to the ingester.
///
/// ```swift
/// let feed = try FeedParser.parse(bytes, file: "feeds/radio-a.xml")
/// for problem in feed.problems { print(problem) }
/// print(feed.items.count)
/// ```
public struct ParsedFeed: Sendable, Equatable {
    /// Channel (RSS) or feed (Atom) title, whitespace collapsed.
    public var title: String?
    /// Channel `<language>` / `<dc:language>` (RSS) or the feed's `xml:lang` (Atom).
    public var language: String?
    /// Items (RSS) or entries (Atom) in document order.
    public var items: [FeedItem]
    /// Recoverable trouble, e.g. one `ingest.malformed_xml` for an ill-formed document.
    public var problems: [VigilError]

    public init(title: String? = nil, language: String? = nil, items: [FeedItem] = [], problems: [VigilError] = []) {
        self.title = title
        self.language = language
        self.items = items
        self.problems = problems
    }
}
