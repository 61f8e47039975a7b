import VigilCore

/// All lexicon terms of a pipeline compiled once into a token trie.
///
/// Terms are tokenized by the same `Tokenizer` as transcripts. A `*` right after a token
/// makes it a prefix (`cockroach*` matches `cockroaches`); `{group}` expands to every
/// term of the groups list, `{ethnic}` (any kind name) to the terms of that kind.
///
///     let lexicon = try CompiledLexicon(entries: entries, groups: groups)
public struct CompiledLexicon: Sendable {
    /// A token sequence to match, and what it stands for.
    struct Pattern: Sendable {
        var entry: Int
        var length: Int
        var group: String?
    }

    struct Node: Sendable {
        var exact: [Substring: Int32] = [:]
        var prefixes: [(prefix: String, node: Int32)] = []
        /// Best pattern ending here, or -1.
        var terminal: Int32 = -1
    }

    enum Element: Hashable {
        case exact(String)
        case prefix(String)
    }

    public let entries: [LexiconEntry]
    /// Categories used by the lexicon, in first-seen order.
    public let categories: [String]
    var nodes: [Node] = [Node()]
    var patterns: [Pattern] = []

    /// Compiles; throws every bad entry at once (as `errors`).
    public init(entries: [LexiconEntry], groups: [GroupTerm] = []) throws(CompileErrors) {
        self.entries = entries
        var seen = Set<String>()
        categories = entries.map(\.category).filter { seen.insert($0).inserted }
        var errors: [VigilError] = []
        let slotValues = Self.slotValues(groups)
        for (index, entry) in entries.enumerated() {
            do {
                for (elements, group) in try Self.variants(of: entry, slots: slotValues) {
                    insert(elements, pattern: Pattern(entry: index, length: elements.count, group: group))
                }
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw CompileErrors(errors: errors) }
    }

    /// Every error found while compiling.
    public struct CompileErrors: Error, Sendable {
        public var errors: [VigilError]
    }

    private mutating func insert(_ elements: [Element], pattern: Pattern) {
        var node: Int32 = 0
        for element in elements {
            switch element {
            case .exact(let word):
                if let next = nodes[Int(node)].exact[Substring(word)] {
                    node = next
                } else {
                    nodes.append(Node())
                    let next = Int32(nodes.count - 1)
                    nodes[Int(node)].exact[Substring(word)] = next
                    node = next
                }
            case .prefix(let stem):
                if let found = nodes[Int(node)].prefixes.first(where: { $0.prefix == stem }) {
                    node = found.node
                } else {
                    nodes.append(Node())
                    let next = Int32(nodes.count - 1)
                    nodes[Int(node)].prefixes.append((stem, next))
                    node = next
                }
            }
        }
        let index = Int32(patterns.count)
        patterns.append(pattern)
        let current = nodes[Int(node)].terminal
        if current < 0 || isBetter(index, than: current) { nodes[Int(node)].terminal = index }
    }

    /// Higher severity wins; then the entry that comes first.
    func isBetter(_ a: Int32, than b: Int32) -> Bool {
        let ea = entries[patterns[Int(a)].entry], eb = entries[patterns[Int(b)].entry]
        if ea.severity != eb.severity { return ea.severity > eb.severity }
        return patterns[Int(a)].entry < patterns[Int(b)].entry
    }

    private static func slotValues(_ groups: [GroupTerm]) -> [String: [(tokens: [String], group: String)]] {
        var out: [String: [(tokens: [String], group: String)]] = [:]
        for g in groups {
            let tokens = Tokenizer.words(in: g.term)
            guard !tokens.isEmpty else { continue }
            out["group", default: []].append((tokens, g.group))
            out[Tokenizer.fold(g.kind), default: []].append((tokens, g.group))
        }
        return out
    }

    /// The token sequences an entry stands for, one per combination of slot values.
    static func variants(of entry: LexiconEntry, slots: [String: [(tokens: [String], group: String)]]) throws(VigilError) -> [([Element], String?)] {
        var results: [([Element], String?)] = [([], nil)]
        var rest = Substring(entry.term)
        func fail(_ code: String, _ message: String) -> VigilError {
            VigilError(.config, code, message, file: entry.file, line: entry.line, item: entry.term)
        }
        while !rest.isEmpty {
            let literalEnd = rest.firstIndex(of: "{") ?? rest.endIndex
            let literal = String(rest[..<literalEnd])
            let elements = literalElements(literal)
            results = results.map { ($0.0 + elements, $0.1) }
            rest = rest[literalEnd...]
            guard !rest.isEmpty else { break }
            guard let close = rest.firstIndex(of: "}") else { throw fail("lexicon_bad_term", "unclosed '{' in term") }
            let name = Tokenizer.fold(String(rest[rest.index(after: rest.startIndex)..<close]).trimmingSpacesCore())
            guard let values = slots[name], !values.isEmpty else {
                throw fail("lexicon_unknown_slot", "slot {\(name)} has no terms: give a groups list (--groups) with terms of that kind")
            }
            results = results.flatMap { r in values.map { v in (r.0 + v.tokens.map { Element.exact($0) }, v.group) } }
            rest = rest[rest.index(after: close)...]
        }
        guard let first = results.first, !first.0.isEmpty else {
            throw fail("lexicon_empty_term", "term has no word tokens")
        }
        return results
    }

    /// Tokens of a literal piece; a token followed directly by `*` becomes a prefix.
    static func literalElements(_ text: String) -> [Element] {
        let bytes = Array(text.utf8)
        return Tokenizer.tokens(in: text).map { t in
            t.end < bytes.count && bytes[t.end] == 0x2A ? .prefix(t.text) : .exact(t.text)
        }
    }
}

extension String {
    func trimmingSpacesCore() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
