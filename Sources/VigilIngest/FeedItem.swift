import VigilCore

/// One RSS `<item>` or Atom `<entry>`, as written in the feed.
///
/// Why: the ingester needs the raw fields to choose the item id (guid → link → enclosure
/// → hash) and to find transcripts; nothing here is resolved or defaulted.
///
/// ```swift
/// let item = feed.items[0]
/// let id = item.guid ?? item.link ?? item.enclosure
/// ```
public struct FeedItem: Sendable, Equatable {
    /// RSS `<guid>` or Atom `<id>`, trimmed.
    public var guid: String?
    /// RSS `<link>` or the first Atom `<link>` whose `rel` is absent or `alternate`.
    public var link: String?
    /// `url` of the first RSS `<enclosure>`, or `href` of the first Atom `<link rel="enclosure">`.
    public var enclosure: String?
    /// Plain text, whitespace collapsed to single spaces; "" when the item has no title.
    public var title: String
    /// The date as written: RSS `pubDate`, Atom `published`, else `updated`, else `dc:date`.
    public var publishedText: String?
    /// `publishedText` parsed by `DateParser`, nil when absent or unreadable.
    public var published: Timestamp?
    /// `itunes:duration` in seconds (`3600`, `62:03`, `1:02:03`).
    public var duration: Double?
    /// Every `<podcast:transcript>` of the item, in document order.
    public var transcripts: [TranscriptRef]
    /// The item's own language (`dc:language` or `xml:lang`); nil means "use the feed's".
    public var language: String?
    /// 1-based line of the item's start tag (libxml2 saturates at 65535).
    public var line: Int

    public init(
        guid: String? = nil, link: String? = nil, enclosure: String? = nil, title: String = "",
        publishedText: String? = nil, published: Timestamp? = nil, duration: Double? = nil,
        transcripts: [TranscriptRef] = [], language: String? = nil, line: Int = 0
    ) {
        self.guid = guid
        self.link = link
        self.enclosure = enclosure
        self.title = title
        self.publishedText = publishedText
        self.published = published
        self.duration = duration
        self.transcripts = transcripts
        self.language = language
        self.line = line
    }
}
