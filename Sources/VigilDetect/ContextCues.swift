import VigilCore

/// Words around a hit that change what it means: negation or condemnation before it
/// ("never call them …": counter-speech), reporting or quoting before it ("the leaflets
/// called them …": reported, not endorsed), and imminence near a call to violence
/// ("tonight", "before the vote").
///
/// Cue lists are data (`phrase, kind, language` CSV), one per language; Vigil ships
/// English defaults (`Pipelines/lexicons/cues-en.csv`). A cue applies to a hit that
/// begins at most `window` tokens after the cue ends, in the same sentence.
///
/// A class: shared by every episode's detection without copying its trie.
public final class ContextCues: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case negation, reporting, imminence
    }

    public struct Cue: Sendable, Equatable {
        public var phrase: String
        public var kind: Kind
        public var language: String?
        public init(phrase: String, kind: Kind, language: String? = nil) {
            self.phrase = phrase
            self.kind = kind
            self.language = language
        }
    }

    public let cues: [Cue]
    /// Tokens allowed between a negation cue and the hit.
    public let negationWindow: Int
    /// Tokens allowed between a reporting cue and the hit.
    public let reportingWindow: Int
    /// Tokens either side of a violence call searched for imminence cues.
    public let imminenceWindow: Int
    private let trie: TokenTrie

    public init(cues: [Cue], negationWindow: Int = 6, reportingWindow: Int = 8, imminenceWindow: Int = 12, folding: LanguageFolding = LanguageFolding()) {
        self.cues = cues
        self.negationWindow = negationWindow
        self.reportingWindow = reportingWindow
        self.imminenceWindow = imminenceWindow
        var trie = TokenTrie()
        for (i, cue) in cues.enumerated() {
            let elements = TermParser.literalElements(cue.phrase, options: folding.options(for: cue.language))
            if !elements.isEmpty { trie.insert(elements, payload: Int32(i)) }
        }
        self.trie = trie
    }

    /// Where cues occur in one text.
    struct Scan {
        /// Per token: a negation / reporting cue ends here.
        var negationEnds: [Bool]
        var reportingEnds: [Bool]
        /// Imminence cues: token range and phrase.
        var imminence: [(start: Int, end: Int, phrase: String)]
    }

    func scan(_ tokens: [Substring], language: String?) -> Scan {
        var s = Scan(negationEnds: .init(repeating: false, count: tokens.count), reportingEnds: .init(repeating: false, count: tokens.count), imminence: [])
        guard !cues.isEmpty else { return s }
        let symbols = trie.symbols(tokens)
        for i in tokens.indices {
            trie.walk(symbols, from: i) { end, payloads in
                for p in payloads {
                    let cue = cues[Int(p)]
                    guard LanguageTag.applies(cue.language, to: language) else { continue }
                    switch cue.kind {
                    case .negation: s.negationEnds[end - 1] = true
                    case .reporting: s.reportingEnds[end - 1] = true
                    case .imminence: s.imminence.append((i, end, cue.phrase))
                    }
                }
            }
        }
        return s
    }

    /// True when a cue (per `ends`) ends within `window` tokens before `start`, in the
    /// same sentence.
    static func precedes(_ start: Int, ends: [Bool], window: Int, sentences: [Int32]) -> Bool {
        var e = start - 1
        while e >= 0 && e >= start - 1 - window && sentences[e] == sentences[start] {
            if ends[e] { return true }
            e -= 1
        }
        return false
    }

    /// The shipped English cues (`Pipelines/lexicons/cues-en.csv`), with the default windows.
    public static var englishDefaults: ContextCues {
        ContextCues(cues: LexiconLoader.cues(csv: Array(DefaultLexicons.cuesCSV.utf8), file: "cues-en.csv").cues)
    }
}

extension TermParser {
    /// Words and `*` prefixes of a plain phrase (no slots, no gaps).
    static func literalElements(_ text: String, options: TokenizerOptions = .standard) -> [PatternElement] {
        let bytes = Array(text.utf8)
        return Tokenizer.tokens(in: text, options: options).map { t in
            t.end < bytes.count && bytes[t.end] == 0x2A ? .stem(t.text) : .word(t.text)
        }
    }
}
