/// An episode with its transcript tokenized: a record of `normalize/episodes.jsonl`.
///
/// It carries what the later stages need (metadata, raw text for evidence, tokens with
/// offsets back into that text) so that detect reads one artifact.
public struct NormalizedEpisode: Codable, Sendable, Equatable {
    public var episodeID: String
    public var stationID: String
    public var title: String
    public var published: String
    public var language: String?
    public var enclosure: String?
    /// Seconds of audio (feed duration, else last cue end), nil when unknown.
    public var airtimeSeconds: Double?
    /// Word tokens over all segments.
    public var words: Int
    /// SHA-256 of the token sequence: equal for rebroadcasts of the same content.
    public var contentHash: String
    public var segments: [NormalizedSegment]

    public init(
        episodeID: String, stationID: String, title: String, published: String, language: String?,
        enclosure: String?, airtimeSeconds: Double?, words: Int, contentHash: String, segments: [NormalizedSegment]
    ) {
        self.episodeID = episodeID
        self.stationID = stationID
        self.title = title
        self.published = published
        self.language = language
        self.enclosure = enclosure
        self.airtimeSeconds = airtimeSeconds
        self.words = words
        self.contentHash = contentHash
        self.segments = segments
    }

    enum CodingKeys: String, CodingKey {
        case episodeID = "episode_id", stationID = "station_id", title, published, language, enclosure
        case airtimeSeconds = "airtime_seconds", words, contentHash = "content_hash", segments
    }
}

/// A segment's raw text with its tokens.
public struct NormalizedSegment: Codable, Sendable, Equatable {
    public var start: Double?
    public var end: Double?
    public var speaker: String?
    /// Raw text, as ingested.
    public var text: String
    /// Normalized tokens joined by single spaces (tokens never contain spaces).
    public var tokens: String
    /// Flat pairs of UTF-8 byte offsets into `text`: start0, end0, start1, end1, …
    public var offsets: [Int]
    /// Why the segment is left out (`non_speech`, `repetition`), if it is: no tokens then.
    public var excluded: String?
    /// Speech-to-text was unsure of this segment.
    public var lowConfidence: Bool?

    public init(start: Double?, end: Double?, speaker: String?, text: String, tokens: String, offsets: [Int], excluded: String? = nil, lowConfidence: Bool? = nil) {
        self.excluded = excluded
        self.lowConfidence = lowConfidence
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
        self.tokens = tokens
        self.offsets = offsets
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(text, forKey: .text)
        try c.encode(tokens, forKey: .tokens)
        try c.encode(offsets, forKey: .offsets)
        try c.encodeIfPresent(excluded, forKey: .excluded)
        try c.encodeIfPresent(lowConfidence, forKey: .lowConfidence)
    }

    enum CodingKeys: String, CodingKey {
        case start, end, speaker, text, tokens, offsets, excluded, lowConfidence = "low_confidence"
    }
}
