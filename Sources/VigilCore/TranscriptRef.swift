/// A transcript an item points to (`<podcast:transcript url type language rel>`).
public struct TranscriptRef: Codable, Sendable, Equatable {
    /// The URL as written in the feed.
    public var url: String
    /// The declared MIME type, if any.
    public var type: String?
    /// The declared language, if any.
    public var language: String?
    /// The declared `rel` (e.g. `captions`), if any.
    public var rel: String?

    public init(url: String, type: String? = nil, language: String? = nil, rel: String? = nil) {
        self.url = url
        self.type = type
        self.language = language
        self.rel = rel
    }
}
