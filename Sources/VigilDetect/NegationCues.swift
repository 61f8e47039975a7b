import VigilCore

/// Phrases that, shortly before a hit, turn it into condemnation of that speech:
/// "never call them …", "it is wrong to say …", "stop calling …".
///
/// A hit is `negated` when a cue ends at most `window` tokens before the hit begins,
/// with no sentence end (`.`, `!`, `?`, `;`) between them; cue boundaries do not count.
/// The default English list is below; a pipeline can replace it (`negation_cues:`).
public struct NegationCues: Sendable {
    public static let englishDefaults: [String] = [
        "never call", "never say", "never again call", "do not call", "don t call", "dont call",
        "must not call", "should not call", "must never call", "stop calling", "stop saying",
        "quit calling", "wrong to say", "wrong to call", "shame on", "we reject", "i reject",
        "we condemn", "i condemn", "condemns", "condemned", "not acceptable to say",
        "no one should call", "nobody should call", "refuse to call", "it is hateful to say",
        "do not say", "don t say",
    ]

    let phrases: [[String]]
    public let window: Int

    public init(phrases: [String] = NegationCues.englishDefaults, window: Int = 6) {
        self.phrases = phrases.map { Tokenizer.words(in: $0) }.filter { !$0.isEmpty }
        self.window = window
    }

    /// For each token index, whether a cue ends there.
    func cueEnds(in tokens: [Substring]) -> [Bool] {
        var ends = [Bool](repeating: false, count: tokens.count)
        guard !phrases.isEmpty else { return ends }
        for i in tokens.indices {
            for p in phrases where i + p.count <= tokens.count {
                var ok = true
                for k in 0..<p.count where tokens[i + k] != p[k] { ok = false; break }
                if ok { ends[i + p.count - 1] = true }
            }
        }
        return ends
    }

    /// True when a cue ends within `window` tokens before `start`, in the same sentence.
    func negates(start: Int, cueEnds: [Bool], sentences: [Int32]) -> Bool {
        var e = start - 1
        while e >= 0 && e >= start - 1 - window && sentences[e] == sentences[start] {
            if cueEnds[e] { return true }
            e -= 1
        }
        return false
    }
}
