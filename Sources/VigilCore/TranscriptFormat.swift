/// The transcript formats Vigil reads.
public enum TranscriptFormat: String, Codable, Sendable, CaseIterable {
    case vtt, srt, whisperJSON = "whisper_json", podcastJSON = "podcast_json", text

    /// Timed formats are preferred when an item offers several transcripts.
    public var isTimed: Bool { self != .text }
}
