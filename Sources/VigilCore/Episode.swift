/// One feed item with its transcript: a record of `ingest/episodes.jsonl`.
public struct Episode: Codable, Sendable, Equatable {
    /// `station_id/item_id`: unique in a run, stable across runs.
    public var episodeID: String
    public var stationID: String
    /// The item's own id: guid, else link, else enclosure URL, else a hash of title and date.
    public var itemID: String
    public var title: String
    /// Publication time, RFC 3339 in UTC (`2025-12-29T18:00:00Z`).
    public var published: String
    /// Duration in seconds from the feed, if given.
    public var duration: Double?
    public var link: String?
    public var enclosure: String?
    public var language: String?
    /// Feed file, relative to the registry's folder.
    public var feed: String
    /// 1-based line of the item in the feed.
    public var feedLine: Int?
    /// The transcript reference that was used.
    public var transcript: TranscriptRef
    /// The transcript file read, relative to the registry's folder.
    public var transcriptFile: String
    public var transcriptFormat: TranscriptFormat
    public var segments: [Segment]

    public init(
        episodeID: String, stationID: String, itemID: String, title: String, published: String,
        duration: Double?, link: String?, enclosure: String?, language: String?, feed: String,
        feedLine: Int?, transcript: TranscriptRef, transcriptFile: String,
        transcriptFormat: TranscriptFormat, segments: [Segment]
    ) {
        self.episodeID = episodeID
        self.stationID = stationID
        self.itemID = itemID
        self.title = title
        self.published = published
        self.duration = duration
        self.link = link
        self.enclosure = enclosure
        self.language = language
        self.feed = feed
        self.feedLine = feedLine
        self.transcript = transcript
        self.transcriptFile = transcriptFile
        self.transcriptFormat = transcriptFormat
        self.segments = segments
    }

    enum CodingKeys: String, CodingKey {
        case episodeID = "episode_id", stationID = "station_id", itemID = "item_id"
        case title, published, duration, link, enclosure, language, feed
        case feedLine = "feed_line", transcript
        case transcriptFile = "transcript_file", transcriptFormat = "transcript_format", segments
    }

    /// Seconds of audio: the feed's duration, else the last segment end, else nil.
    public var airtimeSeconds: Double? {
        if let duration, duration > 0 { return duration }
        return segments.compactMap(\.end).max()
    }
}
