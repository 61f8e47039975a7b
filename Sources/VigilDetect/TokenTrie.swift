/// An automaton over token symbols: every pattern of a lexicon (or of a cue list) in one
/// trie, walked from each position of the text.
///
/// A text token is turned into symbols once: its word id (one hash lookup), the ids of
/// the stems that begin it (a byte-trie walk) and the ids of the word sets it belongs to.
/// The walk from a position then follows integer edges only, and never goes deeper than
/// the longest pattern, so matching costs the same per token for 100 patterns or 10,000,
/// and a set of 300 words is one edge.
struct TokenTrie: Sendable {
    struct Node: Sendable {
        var words: [Int32: Int32] = [:]
        var stems: [Int32: Int32] = [:]
        var sets: [Int32: Int32] = [:]
        /// Gap edges: skip 0…max tokens (each in `set`, unless it is -1), then continue at node.
        var gaps: [(max: Int32, set: Int32, node: Int32)] = []
        /// Payloads of the patterns ending here, in insertion order.
        var terminals: [Int32] = []
    }

    /// A text token as symbols: its word id (-1 when no pattern uses the word), the ids of
    /// stems that begin it and the ids of the sets it belongs to.
    struct Symbol: Sendable {
        var word: Int32
        var stems: [Int32]
        var sets: [Int32]
    }

    /// Where gaps may not go: a gap never skips a `stop` token (a negation such as "not")
    /// and never crosses from one sentence into another. Empty arrays: no limits.
    struct GapLimits {
        var stop: [Bool] = []
        var sentence: [Int32] = []
        static let none = GapLimits()
    }

    private(set) var nodes: [Node] = [Node()]
    private var vocabulary = ByteVocabulary()
    private var stemTrie = StemTrie()
    private var setIDs: [WordSet: Int32] = [:]
    /// Per word id / stem id: the sets that hold it.
    private var setsOfWord: [[Int32]] = []
    private var setsOfStem: [[Int32]] = []

    /// Adds a pattern; `payload` is returned for its matches.
    mutating func insert(_ elements: [PatternElement], payload: Int32) {
        var node: Int32 = 0
        func follow(_ edge: WritableKeyPath<Node, [Int32: Int32]>, _ id: Int32) {
            if let next = nodes[Int(node)][keyPath: edge][id] { node = next } else {
                let next = newNode()
                nodes[Int(node)][keyPath: edge][id] = next
                node = next
            }
        }
        for element in elements {
            switch element {
            case .word(let w): follow(\.words, wordID(w))
            case .stem(let s): follow(\.stems, stemID(s))
            case .set(let set): follow(\.sets, setID(set))
            case .gap(let n, let set):
                let only: Int32 = set.map { setID($0) } ?? -1
                if let edge = nodes[Int(node)].gaps.first(where: { $0.max == Int32(n) && $0.set == only }) { node = edge.node } else {
                    let next = newNode()
                    nodes[Int(node)].gaps.append((Int32(n), only, next))
                    node = next
                }
            }
        }
        nodes[Int(node)].terminals.append(payload)
    }

    private mutating func newNode() -> Int32 {
        nodes.append(Node())
        return Int32(nodes.count - 1)
    }

    private mutating func wordID(_ w: String) -> Int32 {
        let id = vocabulary.id(adding: w)
        while setsOfWord.count <= Int(id) { setsOfWord.append([]) }
        return id
    }

    private mutating func stemID(_ s: String) -> Int32 {
        let id = stemTrie.insert(s)
        while setsOfStem.count <= Int(id) { setsOfStem.append([]) }
        return id
    }

    private mutating func setID(_ set: WordSet) -> Int32 {
        if let id = setIDs[set] { return id }
        let id = Int32(setIDs.count)
        setIDs[set] = id
        for w in set.words {
            let word = wordID(w)
            setsOfWord[Int(word)].append(id)
        }
        for s in set.stems {
            let stem = stemID(s)
            setsOfStem[Int(stem)].append(id)
        }
        return id
    }

    /// The symbols of each token.
    func symbols(_ tokens: [Substring]) -> [Symbol] {
        let noStems = stemTrie.isEmpty
        return tokens.map { t in
            let word = vocabulary.lookup(t) ?? -1
            let stems = noStems ? [] : stemTrie.matches(t)
            // The word's own list is shared, not copied; only stems add to it.
            var sets = word >= 0 ? setsOfWord[Int(word)] : []
            for s in stems where !setsOfStem[Int(s)].isEmpty {
                for id in setsOfStem[Int(s)] where !sets.contains(id) { sets.append(id) }
            }
            return Symbol(word: word, stems: stems, sets: sets)
        }
    }

    /// Every (end, payload) of patterns that start at `start`; `end` is exclusive.
    func walk(_ symbols: [Symbol], from start: Int, limits: GapLimits = .none, _ visit: (_ end: Int, _ payloads: [Int32]) -> Void) {
        // Most tokens start no pattern: answer those without a stack.
        if start < symbols.count, nodes[0].gaps.isEmpty {
            let s = symbols[start]
            if s.stems.isEmpty && (s.word < 0 || nodes[0].words[s.word] == nil) && s.sets.allSatisfy({ nodes[0].sets[$0] == nil }) { return }
        }
        var stack: [(node: Int32, position: Int)] = [(0, start)]
        while let (node, position) = stack.popLast() {
            let n = nodes[Int(node)]
            if !n.terminals.isEmpty && position > start { visit(position, n.terminals) }
            for (maxGap, set, next) in n.gaps {
                // A gap follows a matched token (terms never start with one). A gap limited
                // to a set skips only its words (barriers do not apply: the words are chosen).
                let before = limits.sentence.isEmpty || position == 0 ? 0 : limits.sentence[position - 1]
                for skip in 0...Int(maxGap) where position + skip < symbols.count {
                    if skip > 0 {
                        let skipped = position + skip - 1
                        if set >= 0 {
                            if !symbols[skipped].sets.contains(set) { break }
                        } else if !limits.stop.isEmpty && limits.stop[skipped] { break }
                    }
                    if !limits.sentence.isEmpty && position > 0 && limits.sentence[position + skip] != before { break }
                    stack.append((next, position + skip))
                }
            }
            guard position < symbols.count else { continue }
            let s = symbols[position]
            if s.word >= 0, let next = n.words[s.word] { stack.append((next, position + 1)) }
            for stem in s.stems { if let next = n.stems[stem] { stack.append((next, position + 1)) } }
            for set in s.sets { if let next = n.sets[set] { stack.append((next, position + 1)) } }
        }
    }
}
