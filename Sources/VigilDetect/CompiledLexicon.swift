import VigilCore

/// All lexicon terms of a pipeline compiled once into one token automaton.
///
/// Terms are tokenized by the same `Tokenizer` as transcripts. A `*` right after a word
/// makes it a prefix (`cockroach*`); `{group}` expands to every term of the groups list
/// and `{ethnic}` (any kind) to the terms of that kind; `~N` allows up to N tokens in
/// between (`{group} ~2 taking our jobs`). An entry with a `language` applies only to
/// text in that language (`en` also covers `en-GB`); a blank language applies to all.
///
///     let lexicon = try CompiledLexicon(entries: entries, groups: groups)
/// A class: shared by every episode's detection without copying its automaton.
public final class CompiledLexicon: Sendable {
    /// A token sequence to match, and what it stands for.
    struct Pattern: Sendable {
        var entry: Int
        var group: String?
        var elements: [PatternElement]
    }

    public let entries: [LexiconEntry]
    /// Categories used by the lexicon, in first-seen order.
    public let categories: [String]
    let trie: TokenTrie
    let patterns: [Pattern]
    /// Entries that can never match because a slot they use has no group terms (e.g.
    /// `{lgbt}` with a groups list that has no `lgbt` kind), with the empty slot's name.
    public let inactive: [(entry: LexiconEntry, slot: String)]
    /// The kind of each group (first kind given in the groups list).
    public let groupKinds: [String: String]

    /// Compiles; throws every bad entry at once.
    /// The folding options of each language, used for entries, group terms and texts.
    public let folding: LanguageFolding

    public init(entries: [LexiconEntry], groups: [GroupTerm] = [], folding: LanguageFolding = LanguageFolding()) throws(CompileErrors) {
        self.entries = entries
        self.folding = folding
        var seen = Set<String>()
        categories = entries.map(\.category).filter { seen.insert($0).inserted }
        var errors: [VigilError] = []
        var trie = TokenTrie()
        var patterns: [Pattern] = []
        var inactive: [(entry: LexiconEntry, slot: String)] = []
        var groupKinds: [String: String] = [:]
        var slotsByOptions: [TokenizerOptions: [String: [(tokens: [String], group: String)]]] = [:]
        for g in groups where groupKinds[g.group] == nil { groupKinds[g.group] = Tokenizer.fold(g.kind) }
        for (index, entry) in entries.enumerated() {
            let options = folding.options(for: entry.language)
            if slotsByOptions[options] == nil { slotsByOptions[options] = Self.slotValues(groups, options: options) }
            do {
                for (elements, group) in try Self.variants(of: entry, slots: slotsByOptions[options]!, options: options) {
                    trie.insert(elements, payload: Int32(patterns.count))
                    patterns.append(Pattern(entry: index, group: group, elements: elements))
                }
            } catch {
                if error.code == Self.emptySlot, let slot = error.item {
                    inactive.append((entry, slot))
                } else {
                    errors.append(error)
                }
            }
        }
        if !errors.isEmpty { throw CompileErrors(errors: errors) }
        self.trie = trie
        self.patterns = patterns
        self.inactive = inactive
        self.groupKinds = groupKinds
    }

    /// Every error found while compiling.
    public struct CompileErrors: Error, Sendable {
        public var errors: [VigilError]
    }

    /// Slot name → (tokens, group) alternatives: `group` holds every term, each kind its own.
    static func slotValues(_ groups: [GroupTerm], options: TokenizerOptions = .standard) -> [String: [(tokens: [String], group: String)]] {
        var out: [String: [(tokens: [String], group: String)]] = [:]
        for g in groups {
            let tokens = Tokenizer.words(in: g.term, options: options)
            guard !tokens.isEmpty else { continue }
            out["group", default: []].append((tokens, g.group))
            let kind = Tokenizer.fold(g.kind)
            if kind != "group" { out[kind, default: []].append((tokens, g.group)) }
        }
        return out
    }

    static let emptySlot = "config.lexicon_empty_slot"

    /// The element sequences an entry stands for, one per combination of slot values.
    /// A slot without terms throws `config.lexicon_empty_slot` with the slot in `item`.
    static func variants(of entry: LexiconEntry, slots: [String: [(tokens: [String], group: String)]], options: TokenizerOptions = .standard) throws(VigilError) -> [([PatternElement], String?)] {
        let pieces: [TermParser.Piece]
        do { pieces = try TermParser.parse(entry.term, options: options) } catch {
            throw VigilError(.config, error.code, error.message, file: entry.file, line: entry.line, item: entry.term)
        }
        var results: [([PatternElement], String?)] = [([], nil)]
        for piece in pieces {
            switch piece {
            case .element(let e):
                results = results.map { ($0.0 + [e], $0.1) }
            case .slot(let name):
                guard let values = slots[name], !values.isEmpty else {
                    throw VigilError(.config, "lexicon_empty_slot", "slot {\(name)} has no terms in the groups list, so this entry never matches", file: entry.file, line: entry.line, item: name)
                }
                results = results.flatMap { r in values.map { v in (r.0 + v.tokens.map { PatternElement.word($0) }, r.1 ?? v.group) } }
            }
        }
        return results
    }

    /// True when an entry applies to text in `language` (nil: unknown, all apply).
    func applies(_ entry: LexiconEntry, to language: String?) -> Bool {
        LanguageTag.applies(entry.language, to: language)
    }

    /// Higher severity wins; then the entry that comes first.
    func isBetter(_ a: Int, than b: Int) -> Bool {
        let ea = entries[patterns[a].entry], eb = entries[patterns[b].entry]
        if ea.severity != eb.severity { return ea.severity > eb.severity }
        return patterns[a].entry < patterns[b].entry
    }
}
