import VigilCore

/// All lexicon terms of a pipeline compiled once into one token automaton.
///
/// Terms are tokenized by the same `Tokenizer` as transcripts. A `*` right after a word
/// makes it a prefix (`cockroach*`); `{group}` stands for every term of the groups list
/// and `{ethnic}` (any kind) for the terms of that kind; `{name}` for a named list;
/// `(a|b)` for one of the alternatives; `~N` allows up to N tokens in between
/// (`{group} ~2 taking our jobs`). Slots, lists and choices are compiled once each into a
/// shared sub-automaton (or, when they hold single words only, into one set edge), so a
/// term that uses `{ref}` and `{killv}` costs a few edges, not one path per combination.
/// An entry with a `language` applies only to text in that language (`en` also covers
/// `en-GB`); a blank language applies to all.
///
///     let lexicon = try CompiledLexicon(entries: entries, groups: groups)
/// A class: shared by every episode's detection without copying its automaton.
public final class CompiledLexicon: Sendable {
    /// A token sequence to match, and what it stands for.
    struct Pattern: Sendable {
        var entry: Int
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
        var patterns: [Pattern] = []
        var inactive: [(entry: LexiconEntry, slot: String)] = []
        var groupKinds: [String: String] = [:]
        for g in groups where groupKinds[g.group] == nil { groupKinds[g.group] = Tokenizer.fold(g.kind) }
        let lists: Lists
        (lists, errors) = Self.lists(in: entries, folding: folding)
        // One expander per folding, all writing into one table of sub-automata.
        var subs = SubTable()
        var slotsByOptions: [TokenizerOptions: [String: [(tokens: [String], group: String)]]] = [:]
        for (index, entry) in entries.enumerated() where !entry.isList {
            let options = folding.options(for: entry.language)
            if slotsByOptions[options] == nil { slotsByOptions[options] = Self.slotValues(groups, options: options) }
            var expander = Expander(slots: slotsByOptions[options]!, lists: lists, subs: subs)
            do {
                for elements in try expander.variants(of: entry, options: options) {
                    patterns.append(Pattern(entry: index, elements: elements))
                }
            } catch {
                if error.code == Self.emptySlot, let slot = error.item {
                    inactive.append((entry, slot))
                } else {
                    errors.append(error)
                }
            }
            subs = expander.subs
        }
        if !errors.isEmpty { throw CompileErrors(errors: errors) }
        var trie = TokenTrie()
        trie.insertSubs(subs)
        for (i, p) in patterns.enumerated() { trie.insert(p.elements, payload: Int32(i)) }
        trie.finalize()
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

    /// The element sequences an entry stands for (one per combination of optional parts),
    /// with the groups and lists it may use, and the sub-automata they call. A slot without
    /// terms throws `config.lexicon_empty_slot` with the slot in `item`.
    static func variants(of entry: LexiconEntry, slots: [String: [(tokens: [String], group: String)]], lists: Lists = [:], options: TokenizerOptions = .standard) throws(VigilError) -> [[PatternElement]] {
        var expander = Expander(slots: slots, lists: lists, subs: SubTable())
        return try expander.variants(of: entry, options: options)
    }

    /// The alternatives of every slot, list and choice that is compiled as a sub-automaton,
    /// each distinct set of alternatives once.
    struct SubTable: Sendable {
        struct Alternative: Hashable, Sendable {
            var elements: [PatternElement]
            var group: String?
        }
        private(set) var alternatives: [[Alternative]] = []
        private var index: [[Alternative]: Int] = [:]

        /// The id of the sub-automaton for these alternatives (the same id for the same ones).
        mutating func id(for alts: [Alternative]) -> Int {
            if let id = index[alts] { return id }
            alternatives.append(alts)
            index[alts] = alternatives.count - 1
            return alternatives.count - 1
        }
    }

    /// Turns parsed terms into element sequences. A choice or list whose alternatives are
    /// all single words or prefixes becomes one `set` element; one with phrases, slots or
    /// groups becomes one `call` of a shared sub-automaton (which reports the group it
    /// matched); an optional part doubles the sequences (with and without it).
    struct Expander {
        typealias Variant = [PatternElement]
        let slots: [String: [(tokens: [String], group: String)]]
        let lists: Lists
        var subs: SubTable
        /// Largest number of sequences one entry may stand for.
        static let maxVariants = 4096

        mutating func variants(of entry: LexiconEntry, options: TokenizerOptions) throws(VigilError) -> [Variant] {
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

        mutating func sequence(_ pieces: [TermParser.Piece], visiting: [String]) throws(VigilError) -> [Variant] {
            var results: [Variant] = [[]]
            for piece in pieces {
                let options: [Variant]
                switch piece {
                case .element(let e):
                    results = results.map { $0 + [e] }
                    continue
                case .slot(let name):
                    options = try slot(name, visiting: visiting)
                case .choice(let alternatives):
                    options = try choice(alternatives, visiting: visiting)
                case .restrictedGap(let n, let restriction):
                    let set = try words(of: restriction, visiting: visiting)
                    results = results.map { $0 + [.gap(n, set)] }
                    continue
                }
                guard results.count * options.count <= Self.maxVariants else {
                    throw VigilError(.config, "lexicon_too_many_variants", "the term stands for more than \(Self.maxVariants) word sequences; use fewer optional parts")
                }
                results = results.flatMap { r in options.map { r + $0 } }
            }
            return results
        }

        /// A slot: a named list, or the groups of a kind (a sub-automaton reporting the group).
        mutating func slot(_ name: String, visiting: [String]) throws(VigilError) -> [Variant] {
            if let list = lists[name] {
                if visiting.contains(name) {
                    throw VigilError(.config, "lexicon_list_cycle", "list {\(name)} uses itself (\((visiting + [name]).map { "{\($0)}" }.joined(separator: " → ")))", item: name)
                }
                return try choice(list.alternatives, visiting: visiting + [name])
            }
            guard let values = slots[name], !values.isEmpty else {
                throw VigilError(.config, "lexicon_empty_slot", "slot {\(name)} has no terms in the groups list and no list defines it, so this entry never matches", item: name)
            }
            let alts = values.map { SubTable.Alternative(elements: $0.tokens.map { PatternElement.word($0) }, group: $0.group) }
            return [[.call(subs.id(for: alts))]]
        }

        /// The single words and prefixes of a gap's restriction (a list or a choice).
        mutating func words(of restriction: TermParser.Piece, visiting: [String]) throws(VigilError) -> WordSet {
            guard let single = Self.singles(try sequence([restriction], visiting: visiting)) else {
                throw VigilError(.config, "lexicon_bad_term", "a gap can be limited to single words only (no phrases, groups or empty choices)")
            }
            return WordSet(words: single.words, stems: single.stems)
        }

        /// The words and prefixes of variants that are each one word, prefix or word set;
        /// nil as soon as one is anything else.
        static func singles(_ variants: [Variant]) -> (words: [String], stems: [String])? {
            var words: [String] = [], stems: [String] = []
            for v in variants {
                switch (v.count, v.first) {
                case (1, .word(let w)?): words.append(w)
                case (1, .stem(let s)?): stems.append(s)
                case (1, .set(let set)?):
                    words += set.words
                    stems += set.stems
                default: return nil
                }
            }
            return (words, stems)
        }

        /// One of several alternatives: single words and prefixes merge into one set
        /// element; as soon as one alternative is longer or names a group, all of them go
        /// into one sub-automaton. An empty alternative adds the empty sequence.
        mutating func choice(_ alternatives: [[TermParser.Piece]], visiting: [String]) throws(VigilError) -> [Variant] {
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
            let optional = expanded.contains { $0.isEmpty }
            let present = expanded.filter { !$0.isEmpty }
            var out: [Variant] = optional ? [[]] : []
            guard !present.isEmpty else { return out }
            if let (words, stems) = Self.singles(present) {
                out.append(words.count + stems.count == 1 ? [words.first.map { .word($0) } ?? .stem(stems[0])] : [.set(WordSet(words: words, stems: stems))])
            } else {
                var seen = Set<[PatternElement]>()
                let alts = present.filter { seen.insert($0).inserted }.map { SubTable.Alternative(elements: $0, group: nil) }
                out.append([.call(subs.id(for: alts))])
            }
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
