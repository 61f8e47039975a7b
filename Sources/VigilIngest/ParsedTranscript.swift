import VigilCore

/// What `TranscriptParser` read from one transcript file: its segments and the problems met.
///
/// Why: bad cues and repaired bytes are data problems, not failures; the ingester records
/// them (adding file, item and station) and keeps the segments.
///
/// ```swift
/// let t = try TranscriptParser.parse(bytes, format: .vtt, file: "t/ep1.vtt")
/// print(t.segments.count, t.problems.count)
/// ```
public struct ParsedTranscript: Sendable, Equatable {
    /// Segments in file order; segments without text are left out.
    public var segments: [Segment]
    /// `ingest.invalid_utf8`, `ingest.bad_cue` and `ingest.bad_segment` records.
    public var problems: [VigilError]
    /// The language the transcript declares (Whisper JSON `language`), if any.
    public var language: String?

    public init(segments: [Segment] = [], problems: [VigilError] = [], language: String? = nil) {
        self.segments = segments
        self.problems = problems
        self.language = language
    }
}
