/// A stretch of transcript: one cue, subtitle, JSON segment or paragraph.
public struct Segment: Codable, Sendable, Equatable {
    /// Start in seconds from the beginning of the audio, or nil when the format has no times.
    public var start: Double?
    /// End in seconds, or nil.
    public var end: Double?
    /// Speaker name from a voice tag or speaker field, or nil.
    public var speaker: String?
    /// The text as it stands in the transcript (markup and annotations included).
    public var text: String
    /// Speech-to-text confidence, when the transcript carries it (Whisper JSON).
    public var confidence: ASRConfidence?

    public init(start: Double? = nil, end: Double? = nil, speaker: String? = nil, text: String, confidence: ASRConfidence? = nil) {
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
        self.confidence = confidence
    }

    public func encode(to encoder: any Encoder) throws {
        // Keys always present (null when unknown) so that every record has the same shape.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(confidence, forKey: .confidence)
    }
}
