/// What speech-to-text said about its own certainty for a segment (Whisper's fields).
public struct ASRConfidence: Codable, Sendable, Equatable {
    /// Mean log-probability of the segment's tokens (Whisper `avg_logprob`; 0 is certain).
    public var avgLogprob: Double?
    /// Probability that the segment is not speech (`no_speech_prob`).
    public var noSpeechProb: Double?
    /// gzip compression ratio of the text (`compression_ratio`); high means repetition.
    public var compressionRatio: Double?
    /// Lowest word probability in the segment (`words[].probability`), if given.
    public var minWordProbability: Double?

    public init(avgLogprob: Double? = nil, noSpeechProb: Double? = nil, compressionRatio: Double? = nil, minWordProbability: Double? = nil) {
        self.avgLogprob = avgLogprob
        self.noSpeechProb = noSpeechProb
        self.compressionRatio = compressionRatio
        self.minWordProbability = minWordProbability
    }

    enum CodingKeys: String, CodingKey {
        case avgLogprob = "avg_logprob", noSpeechProb = "no_speech_prob", compressionRatio = "compression_ratio"
        case minWordProbability = "min_word_probability"
    }

    public var isEmpty: Bool { avgLogprob == nil && noSpeechProb == nil && compressionRatio == nil && minWordProbability == nil }
}
