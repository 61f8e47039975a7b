import VigilCore

/// One RSS `<item>` or Atom `<entry>`, as written in the feed.
///
/// Why: the ingester needs the raw fields to choose the item id (guid → link → enclosure
/// → hash) and to find transcripts. Nothing here is defaulted, except that an item without
/// any location of its own carries the channel's. URLs are resolved only against an
/// `xml:base` the feed declares; without one they stay as written (the caller resolves
/// relative ones against the feed's own location).
///
/// ```swift
/// let item = feed.items[0]
/// let id = item.guid ?? item.link ?? item.enclosure
/// ```
public struct FeedItem: Sendable, Equatable {
    /// RSS `<guid>` or Atom `<id>`, trimmed.
    public var guid: String?
    /// RSS `<link>` (else RDF `rdf:about`) or the first Atom `<link>` whose `rel` is absent or
    /// `alternate`; resolved against `xml:base`.
    public var link: String?
    /// `url` of the first RSS `<enclosure>`, or `href` of the first Atom `<link rel="enclosure">`;
    /// resolved against `xml:base`.
    public var enclosure: String?
    /// Plain text (HTML tags removed, entities decoded once, whitespace collapsed; see
    /// `HTMLText`); "" when the item has no title.
    public var title: String
    /// Plain text like `title`, at most 2,000 characters: RSS `description`, else
    /// `content:encoded`, else `itunes:summary`; Atom `summary`, else `content`, else
    /// `itunes:summary`. Nil when there is none.
    public var description: String?
    /// The date as written: RSS `pubDate`, else `dc:date`; Atom `published`, else (Atom 0.3)
    /// `issued`, else `updated`, else `modified`, else `created`, else `dc:date`.
    public var publishedText: String?
    /// `publishedText` parsed by `DateParser`, nil when absent or unreadable.
    public var published: Timestamp?
    /// `itunes:duration` in seconds (`3600`, `62:03`, `1:02:03`, `1h 2m 3s`; see `DurationParser`).
    public var duration: Double?
    /// Every `<podcast:transcript>` of the item, in document order, `url` resolved against
    /// `xml:base` (as written when there is none).
    public var transcripts: [TranscriptRef]
    /// Place name: `podcast:location` text, else `georss:featurename`.
    public var location: String?
    /// WGS84 latitude in degrees: `podcast:location geo="geo:lat,lon"`, else `georss:point`,
    /// else `geo:lat`; nil when absent or out of range.
    public var latitude: Double?
    /// WGS84 longitude in degrees, from the same element as `latitude`.
    public var longitude: Double?
    /// The item's own language (`dc:language` or `xml:lang`); nil means "use the feed's".
    public var language: String?
    /// 1-based line of the item's start tag (libxml2 saturates at 65535).
    public var line: Int

    public init(
        guid: String? = nil, link: String? = nil, enclosure: String? = nil, title: String = "",
        publishedText: String? = nil, published: Timestamp? = nil, duration: Double? = nil,
        transcripts: [TranscriptRef] = [], language: String? = nil, line: Int = 0,
        description: String? = nil, location: String? = nil, latitude: Double? = nil, longitude: Double? = nil
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
        self.description = description
        self.location = location
        self.latitude = latitude
        self.longitude = longitude
    }
}
