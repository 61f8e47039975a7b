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
    /// Recoverable trouble, e.g. one `ingest.malformed_xml` for an ill-formed document or one
    /// `ingest.encoding_mismatch` for a feed whose bytes contradict its declared encoding.
    public var problems: [VigilError]
    /// The encoding the bytes were read as (`UTF-8`, `UTF-16LE`, `windows-1252`, `ISO-8859-15` …).
    public var encoding: String?
    /// Channel (RSS) or feed (Atom) location, read like `FeedItem.location`.
    public var location: String?
    /// Channel or feed latitude, like `FeedItem.latitude`.
    public var latitude: Double?
    /// Channel or feed longitude, like `FeedItem.longitude`.
    public var longitude: Double?

    public init(title: String? = nil, language: String? = nil, items: [FeedItem] = [], problems: [VigilError] = []) {
        self.title = title
        self.language = language
        self.items = items
        self.problems = problems
    }
}
