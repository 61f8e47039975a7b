#if canImport(Glibc)
import Glibc
#endif
/// How speech-to-text confidence changes what Vigil counts (configurable: `asr:` in the
/// pipeline file).
///
/// 1. **Not speech**: a segment Whisper thinks is not speech — `no_speech_prob ≥
///    noSpeech` and `avg_logprob ≤ lowLogprob` (Whisper's own rule) — is excluded: no
///    words, no hits.
/// 2. **Hallucinated repetition**: a segment with `compression_ratio ≥ maxCompression`, or
///    whose tokens (at least 10) repeat a 1–4-token pattern over 80% of their length
///    ("thank you thank you thank you …"), is excluded too.
/// 3. **Low confidence**: in a segment with `avg_logprob ≤ lowLogprob` or a word probability
///    below `lowWordProbability`, hits are kept, marked `low_confidence`, listed apart in the
///    report, and weigh `lowConfidenceWeight` × their severity in the severity score.
public struct ASRRule: Sendable, Equatable {
    public var noSpeech: Double
    public var lowLogprob: Double
    public var maxCompression: Double
    public var lowWordProbability: Double
    public var lowConfidenceWeight: Double

    public init(noSpeech: Double = 0.6, lowLogprob: Double = -1.0, maxCompression: Double = 2.4,
                lowWordProbability: Double = 0.3, lowConfidenceWeight: Double = 0.5) {
        self.noSpeech = noSpeech
        self.lowLogprob = lowLogprob
        self.maxCompression = maxCompression
        self.lowWordProbability = lowWordProbability
        self.lowConfidenceWeight = lowConfidenceWeight
    }

    public enum Exclusion: String, Sendable { case nonSpeech = "non_speech", repetition }

    /// Why a segment is left out, if it is: non-speech or a repetition loop by the
    /// recognizer's own scores, or a loop in its tokens (byte ranges, pairs in `bounds`, of
    /// `joined`).
    public func exclusion(_ c: ASRConfidence?, joined: [UInt8], bounds: [Int32]) -> Exclusion? {
        if let c {
            if let p = c.noSpeechProb, let l = c.avgLogprob, p >= noSpeech, l <= lowLogprob { return .nonSpeech }
            if let r = c.compressionRatio, r >= maxCompression { return .repetition }
        }
        return Self.isLoop(joined, bounds) ? .repetition : nil
    }

    public func isLowConfidence(_ c: ASRConfidence?) -> Bool {
        guard let c else { return false }
        if let l = c.avgLogprob, l <= lowLogprob { return true }
        if let w = c.minWordProbability, w < lowWordProbability { return true }
        return false
    }

    /// At least 10 tokens repeating a 1–4-token pattern over 80% of their length.
    /// Tokens are folded (NFKC), so comparing their bytes is comparing them; a pattern length
    /// is given up as soon as more than a fifth of the positions differ (natural speech
    /// fails after a few tokens).
    static func isLoop(_ joined: [UInt8], _ bounds: [Int32]) -> Bool {
        let count = bounds.count / 2
        guard count >= 10 else { return false }
        return joined.withUnsafeBufferPointer { b in
            func same(_ i: Int, _ j: Int) -> Bool {
                let a0 = Int(bounds[2 * i]), a1 = Int(bounds[2 * i + 1])
                let b0 = Int(bounds[2 * j]), b1 = Int(bounds[2 * j + 1])
                guard a1 - a0 == b1 - b0 else { return false }
                return a1 == a0 || memcmp(b.baseAddress! + a0, b.baseAddress! + b0, a1 - a0) == 0
            }
            for n in 1...4 where count >= 5 * n {
                let m = count - n
                let need = 0.8 * Double(m)  // positions equal to the one n before
                var different = 0
                for i in n..<count where !same(i, i - n) {
                    different += 1
                    if Double(m - different) < need { break }
                }
                if Double(m - different) >= need { return true }
            }
            return false
        }
    }
}
