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
    /// Categories reported by the lexicon, in first-seen order (not `list` or `exclude`).
    public let categories: [String]
    /// Categories matched (`categories` and `exclude`), in first-seen order.
    let matchCategories: [String]
    let trie: TokenTrie
    let patterns: [Pattern]
    /// Entries that can never match because a slot they use has no group terms (e.g.
    /// `{lgbt}` with a groups list that has no `lgbt` kind), with the empty slot's name.
    public let inactive: [(entry: LexiconEntry, slot: String)]
    /// The kind of each group (first kind given in the groups list).
    public let groupKinds: [String: String]
    /// The category (index into `matchCategories`) of each pattern.
    let patternCategory: [Int32]

    /// Compiles; throws every bad entry at once.
    /// The folding options of each language, used for entries, group terms and texts.
    public let folding: LanguageFolding

    public init(entries: [LexiconEntry], groups: [GroupTerm] = [], folding: LanguageFolding = LanguageFolding()) throws(CompileErrors) {
        self.entries = entries
        self.folding = folding
        var seen = Set<String>()
        matchCategories = entries.filter { !$0.isList }.map(\.category).filter { seen.insert($0).inserted }
        categories = matchCategories.filter { $0 != LexiconEntry.excludeCategory }
        var errors: [VigilError] = []
        var trie = TokenTrie()
        var patterns: [Pattern] = []
        var inactive: [(entry: LexiconEntry, slot: String)] = []
        var groupKinds: [String: String] = [:]
        for g in groups where groupKinds[g.group] == nil { groupKinds[g.group] = Tokenizer.fold(g.kind) }
        let lists: Lists
        (lists, errors) = Self.lists(in: entries, folding: folding)
        var expanders: [TokenizerOptions: Expander] = [:]
        for (index, entry) in entries.enumerated() where !entry.isList {
            let options = folding.options(for: entry.language)
            if expanders[options] == nil { expanders[options] = Expander(slots: Self.slotValues(groups, options: options), lists: lists) }
            do {
                for (elements, group) in try expanders[options]!.variants(of: entry, options: options) {
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
        let categoryIndex = Dictionary(uniqueKeysWithValues: matchCategories.enumerated().map { ($1, Int32($0)) })
        self.patternCategory = patterns.map { categoryIndex[entries[$0.entry].category]! }
        self.trie = trie
        self.patterns = patterns
        self.inactive = inactive
        self.groupKinds = groupKinds
    }

    /// Every error found while compiling.
    public struct CompileErrors: Error, Sendable {
        public var errors: [VigilError]
    }

    /// Named lists by name: their alternatives and the row that defines them.
    typealias Lists = [String: (alternatives: [[TermParser.Piece]], entry: LexiconEntry)]

    /// The lists defined by `list` rows (`{name} = a | b c | …`); a name defined twice is an error.
    static func lists(in entries: [LexiconEntry], folding: LanguageFolding) -> (Lists, [VigilError]) {
        var lists: Lists = [:]
        var errors: [VigilError] = []
        for entry in entries where entry.isList {
            do {
                let (name, alternatives) = try TermParser.definition(entry.term, options: folding.options(for: entry.language))
                if let first = lists[name] {
                    errors.append(VigilError(.config, "lexicon_duplicate_list", "list {\(name)} is already defined at line \(first.entry.line) (\(first.entry.file))", file: entry.file, line: entry.line, item: entry.term))
                } else {
                    lists[name] = (alternatives, entry)
                }
            } catch {
                errors.append(VigilError(.config, error.code, error.message, file: entry.file, line: entry.line, item: entry.term))
            }
        }
        return (lists, errors)
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

    /// The element sequences an entry stands for (one per combination of slot values and
    /// choices), with the groups and lists it may use. A slot without terms throws
    /// `config.lexicon_empty_slot` with the slot in `item`.
    static func variants(of entry: LexiconEntry, slots: [String: [(tokens: [String], group: String)]], lists: Lists = [:], options: TokenizerOptions = .standard) throws(VigilError) -> [([PatternElement], String?)] {
        try Expander(slots: slots, lists: lists).variants(of: entry, options: options)
    }

    /// Turns parsed terms into element sequences. A choice or list whose alternatives are
    /// all single words or prefixes becomes one `set` element (one edge in the automaton,
    /// however long the list); other alternatives are expanded into separate sequences.
    struct Expander {
        typealias Variant = (elements: [PatternElement], group: String?)
        let slots: [String: [(tokens: [String], group: String)]]
        let lists: Lists
        /// Largest number of sequences one entry may stand for.
        static let maxVariants = 200_000

        func variants(of entry: LexiconEntry, options: TokenizerOptions) throws(VigilError) -> [Variant] {
            let pieces: [TermParser.Piece]
            do { pieces = try TermParser.parse(entry.term, options: options) } catch {
                throw VigilError(.config, error.code, error.message, file: entry.file, line: entry.line, item: entry.term)
            }
            do {
                return try sequence(pieces, visiting: [])
            } catch {
                throw VigilError(.config, error.code, error.message, file: entry.file, line: entry.line, item: error.code == CompiledLexicon.emptySlot ? error.item : entry.term)
            }
        }

        func sequence(_ pieces: [TermParser.Piece], visiting: [String]) throws(VigilError) -> [Variant] {
            var results: [Variant] = [([], nil)]
            for piece in pieces {
                let options: [Variant]
                switch piece {
                case .element(let e):
                    results = results.map { ($0.elements + [e], $0.group) }
                    continue
                case .slot(let name):
                    if let list = lists[name] {
                        if visiting.contains(name) {
                            throw VigilError(.config, "lexicon_list_cycle", "list {\(name)} uses itself (\((visiting + [name]).map { "{\($0)}" }.joined(separator: " → ")))", item: name)
                        }
                        options = try choice(list.alternatives, visiting: visiting + [name])
                    } else if let values = slots[name], !values.isEmpty {
                        options = values.map { v in (v.tokens.map { PatternElement.word($0) }, v.group) }
                    } else {
                        throw VigilError(.config, "lexicon_empty_slot", "slot {\(name)} has no terms in the groups list and no list defines it, so this entry never matches", item: name)
                    }
                case .choice(let alternatives):
                    options = try choice(alternatives, visiting: visiting)
                case .restrictedGap(let n, let restriction):
                    let set = try words(of: restriction, visiting: visiting)
                    results = results.map { ($0.elements + [.gap(n, set)], $0.group) }
                    continue
                }
                guard results.count * options.count <= Self.maxVariants else {
                    throw VigilError(.config, "lexicon_too_many_variants", "the term stands for more than \(Self.maxVariants) word sequences; use fewer slots or choices")
                }
                results = results.flatMap { r in options.map { o in (r.elements + o.elements, r.group ?? o.group) } }
            }
            return results
        }

        /// The single words and prefixes of a gap's restriction (a list or a choice).
        func words(of restriction: TermParser.Piece, visiting: [String]) throws(VigilError) -> WordSet {
            let variants = try sequence([restriction], visiting: visiting)
            var words: [String] = [], stems: [String] = []
            for v in variants {
                switch (v.elements.count, v.elements.first, v.group) {
                case (1, .word(let w)?, nil): words.append(w)
                case (1, .stem(let s)?, nil): stems.append(s)
                case (1, .set(let set)?, nil):
                    words += set.words
                    stems += set.stems
                default:
                    throw VigilError(.config, "lexicon_bad_term", "a gap can be limited to single words only (no phrases, groups or empty choices)")
                }
            }
            return WordSet(words: words, stems: stems)
        }

        /// The variants of one of several alternatives; single-token alternatives (without
        /// a group) merge into one set element, an empty alternative stays empty.
        func choice(_ alternatives: [[TermParser.Piece]], visiting: [String]) throws(VigilError) -> [Variant] {
            // An alternative with an empty slot (a kind the groups list lacks) is left out;
            // the choice is empty only when all of them are.
            var expanded: [Variant] = []
            var empty: VigilError?
            for alt in alternatives {
                do { expanded += try sequence(alt, visiting: visiting) } catch {
                    guard error.code == CompiledLexicon.emptySlot else { throw error }
                    empty = empty ?? error
                }
            }
            if expanded.isEmpty, let empty { throw empty }
            var words: [String] = [], stems: [String] = []
            var optional = false
            var rest: [Variant] = []
            for v in expanded {
                switch (v.elements.count, v.elements.first, v.group) {
                case (0, _, _): optional = true
                case (1, .word(let w)?, nil): words.append(w)
                case (1, .stem(let s)?, nil): stems.append(s)
                case (1, .set(let set)?, nil):
                    words += set.words
                    stems += set.stems
                default: rest.append(v)
                }
            }
            var out: [Variant] = optional ? [([], nil)] : []
            if words.count + stems.count == 1 {
                out.append(([words.first.map { .word($0) } ?? .stem(stems[0])], nil))
            } else if !words.isEmpty || !stems.isEmpty {
                out.append(([.set(WordSet(words: words, stems: stems))], nil))
            }
            var seen = Set<[PatternElement]>()
            for v in rest where v.group != nil || seen.insert(v.elements).inserted { out.append(v) }
            return out
        }
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
