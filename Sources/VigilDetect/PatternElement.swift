/// One step of a compiled term: a whole word, a word prefix (`cockroach*`), one token out
/// of a set of words and prefixes (`(rats|vermin|cockroach*)`, or a list of single words),
/// a call of a shared sub-automaton (a slot, or a list or choice with phrases), or a gap
/// of up to `n` tokens (`~2`: any tokens; `~3(a|the|of)`: only tokens of the set).
enum PatternElement: Hashable, Sendable {
    case word(String)
    case stem(String)
    case set(WordSet)
    case call(Int)
    case gap(Int, WordSet?)
}

/// Alternatives that are each one token: exact words and `*` prefixes, sorted and without
/// duplicates, so that equal sets compare equal and share one edge in the automaton.
struct WordSet: Hashable, Sendable {
    var words: [String]
    var stems: [String]

    init(words: some Sequence<String>, stems: some Sequence<String>) {
        self.words = Array(Set(words)).sorted()
        self.stems = Array(Set(stems)).sorted()
    }

    /// True when `token` is one of the words or starts with one of the stems.
    func contains(_ token: String) -> Bool {
        words.contains(token) || stems.contains { token.hasPrefix($0) }
    }

    /// True when every token `other` accepts is accepted here.
    func covers(_ other: WordSet) -> Bool {
        other.words.allSatisfy(contains) && other.stems.allSatisfy { t in stems.contains { t.hasPrefix($0) } }
    }
}
