import VigilCore

/// Words around a hit that change what it means: negation or condemnation before it
/// ("never call them …": counter-speech) or after it ("…, that is a lie"), reporting or
/// quoting before it ("the leaflets called them …": reported, not endorsed) or after it
/// ("…, police say"), imminence near a call to violence ("tonight", "before the vote"),
/// barriers: words a lexicon gap never skips ("not", "never"), so that
/// `{group} ~2 rats` does not match "the Keshi are not rats", and endorsements: the
/// speaker's own voice again ("they say X, but I say …"), which ends the reach of the
/// negation and reporting cues before it.
///
/// Cue lists are data (`phrase, kind, language` CSV), one per language; Vigil ships
/// English defaults (`Pipelines/lexicons/cues-en.csv`). A cue before a hit applies when
/// the hit begins at most `window` tokens after the cue ends, in the same sentence; a cue
/// after a hit when it begins at most `window` tokens after the hit ends, in the same
/// sentence or as the first words of the next.
///
/// A class: shared by every episode's detection without copying its trie.
public final class ContextCues: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case negation, reporting, imminence, barrier, endorsement
        case negationAfter = "negation_after"
        case reportingAfter = "reporting_after"
    }

    public struct Cue: Sendable, Equatable {
        public var phrase: String
        public var kind: Kind
        public var language: String?
        /// Tokens allowed between this cue and the hit, instead of the kind's window
        /// (`do not` with window 0 negates only what directly follows it).
        public var window: Int?
        public init(phrase: String, kind: Kind, language: String? = nil, window: Int? = nil) {
            self.phrase = phrase
            self.kind = kind
            self.language = language
            self.window = window
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
        var expander = CompiledLexicon.Expander(slots: [:], lists: [:], subs: CompiledLexicon.SubTable())
        var sequences: [(elements: [PatternElement], cue: Int32)] = []
        for (i, cue) in cues.enumerated() {
            // A phrase that does not parse (checked when the list is loaded) is skipped.
            let entry = LexiconEntry(term: cue.phrase, category: "cue", severity: 1)
            for elements in (try? expander.variants(of: entry, options: folding.options(for: cue.language))) ?? [] {
                sequences.append((elements, Int32(i)))
            }
        }
        var trie = TokenTrie()
        trie.insertSubs(expander.subs)
        for s in sequences { trie.insert(s.elements, payload: s.cue) }
        trie.finalize()
        self.trie = trie
    }

    /// The token sequences a cue phrase stands for: words, `*` prefixes, `(a|b)` choices
    /// and `~N` gaps, as in lexicon terms (no `{slots}`).
    static func sequences(of phrase: String, options: TokenizerOptions = .standard) throws(VigilError) -> [[PatternElement]] {
        let entry = LexiconEntry(term: phrase, category: "cue", severity: 1)
        var expander = CompiledLexicon.Expander(slots: [:], lists: [:], subs: CompiledLexicon.SubTable())
        do {
            return try expander.variants(of: entry, options: options)
        } catch {
            if error.code == CompiledLexicon.emptySlot {
                throw VigilError(.config, "cues_bad_phrase", "a cue cannot use {slots}", item: phrase)
            }
            throw VigilError(.config, "cues_bad_phrase", error.message, item: phrase)
        }
    }

    /// The largest window a cue may have.
    static let maxWindow = 50

    /// Where cues occur in one text. Per token, the `*Ends` / `*Starts` arrays hold the
    /// window of a cue ending / starting there (-1: none).
    struct Scan {
        /// Per token: a negation / reporting cue ends here.
        var negationEnds: [Int32]
        var reportingEnds: [Int32]
        /// Per token: a negation / reporting cue that looks back starts here.
        var negationAfterStarts: [Int32]
        var reportingAfterStarts: [Int32]
        /// Per token: part of a barrier, never skipped by a gap.
        var stops: [Bool]
        /// Per token: an endorsement cue ("but I say") ends here; cues before it do not reach past it.
        var endorsementEnds: [Bool]
        /// Imminence cues: token range and phrase.
        var imminence: [(start: Int, end: Int, phrase: String)]

        init(count: Int) {
            negationEnds = .init(repeating: -1, count: count)
            reportingEnds = negationEnds
            negationAfterStarts = negationEnds
            reportingAfterStarts = negationEnds
            stops = .init(repeating: false, count: count)
            endorsementEnds = stops
            imminence = []
        }
    }

    func scan(_ tokens: TokenBytes, language: String?) -> Scan {
        var s = Scan(count: tokens.count)
        guard !cues.isEmpty else { return s }
        let symbols = trie.symbols(tokens)
        trie.walkAll(symbols, { i, end, payloads, _ in
            for p in payloads {
                let cue = cues[Int(p)]
                guard LanguageTag.applies(cue.language, to: language) else { continue }
                func mark(_ a: inout [Int32], _ k: Int, _ window: Int) { a[k] = max(a[k], Int32(min(cue.window ?? window, Self.maxWindow))) }
                switch cue.kind {
                case .negation: mark(&s.negationEnds, end - 1, negationWindow)
                case .reporting: mark(&s.reportingEnds, end - 1, reportingWindow)
                case .imminence: if !s.imminence.contains(where: { $0.start == i && $0.end == end && $0.phrase == cue.phrase }) { s.imminence.append((i, end, cue.phrase)) }
                case .negationAfter: mark(&s.negationAfterStarts, i, negationWindow)
                case .reportingAfter: mark(&s.reportingAfterStarts, i, reportingWindow)
                case .barrier: for k in i..<end { s.stops[k] = true }
                case .endorsement: s.endorsementEnds[end - 1] = true
                }
            }
        }, after: { _ in })
        return s
    }

    /// True when a cue (per `ends`: its window, or -1) ends within its window before
    /// `start`, in the same sentence, with no endorsement cue ("but I say") in between.
    static func precedes(_ start: Int, ends: [Int32], sentences: [Int32], endorsements: [Bool] = []) -> Bool {
        var e = start - 1
        while e >= 0 && start - 1 - e <= maxWindow && sentences[e] == sentences[start] {
            if !endorsements.isEmpty && endorsements[e] { return false }
            if ends[e] >= 0 && start - 1 - e <= Int(ends[e]) { return true }
            e -= 1
        }
        return false
    }

    /// True when a cue that looks back (per `starts`: its window, or -1) begins within its
    /// window after `end` (the first token after the hit), in the same sentence as the
    /// hit's last token, or as the first words of the next sentence ("… are rats. That is
    /// a lie.").
    static func follows(_ end: Int, starts: [Int32], sentences: [Int32]) -> Bool {
        guard end > 0 else { return false }
        let last = sentences[end - 1]
        var s = end
        while s < starts.count && s - end <= maxWindow && sentences[s] <= last + 1 {
            let opensNext = sentences[s] == last + 1 && sentences[s - 1] == last
            if starts[s] >= 0 && s - end <= Int(starts[s]) && (sentences[s] == last || opensNext) { return true }
            s += 1
        }
        return false
    }

    /// The shipped English cues (`Pipelines/lexicons/cues-en.csv`), with the default windows.
    public static var englishDefaults: ContextCues {
        ContextCues(cues: LexiconLoader.cues(csv: Array(DefaultLexicons.cuesCSV.utf8), file: "cues-en.csv").cues)
    }
}
