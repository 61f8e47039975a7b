import VigilCore

extension Detector {
    /// One scored text, for `vigil detect --texts` and `vigil eval`.
    public struct TextResult: Sendable {
        /// Harmful categories found (never `counter_speech` or `offensive`), sorted.
        public var categories: [String]
        /// Sum of severities of the harmful hits.
        public var score: Int
        /// Every hit, harmful or not, in text order.
        public var hits: [Finding]
        /// The raw text of each hit, in the same order.
        public var spans: [String]
    }

    /// Scores a free-standing text (an utterance, a post): the same tokenizer, lexicon and
    /// context rules as a transcript.
    public func score(_ text: String, language: String? = nil) -> TextResult {
        let tokens = Tokenizer.tokens(in: text, options: lexicon.folding.options(for: language))
        let words = tokens.map { Substring($0.text) }
        let found = findings(words, language: language) { Self.sentenceNumbers(text: text, tokens: tokens) }
        let bytes = Array(text.utf8)
        let harmful = found.filter(\.isHarmful)
        return TextResult(
            categories: Set(harmful.map(\.entry.category)).sorted(),
            score: harmful.reduce(0) { $0 + $1.entry.severity },
            hits: found,
            spans: found.map { f in String(decoding: bytes[tokens[f.range.lowerBound].start..<tokens[f.range.upperBound - 1].end], as: UTF8.self) })
    }
}
