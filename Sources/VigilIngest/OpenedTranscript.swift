import VigilCore

/// A transcript's bytes as read for an item, with where they came from.
///
/// Why: transcripts come from local files, archive folders, URL maps or the network; the
/// ingester only needs the bytes, a name for problems and records, and the served media
/// type when the feed declares none.
///
/// ```swift
/// OpenedTranscript(file: "transcripts/a.vtt", bytes: bytes)
/// ```
public struct OpenedTranscript: Sendable {
    /// The file read (relative to the registry's folder) or the URL fetched.
    public var file: String
    public var bytes: [UInt8]
    /// The served media type (`text/vtt`), used when the reference declares no type.
    public var mediaType: String?
    /// Problems that did not stop the read (`ingest.fetch_stale`).
    public var problems: [VigilError]

    public init(file: String, bytes: [UInt8], mediaType: String? = nil, problems: [VigilError] = []) {
        self.file = file
        self.bytes = bytes
        self.mediaType = mediaType
        self.problems = problems
    }
}
