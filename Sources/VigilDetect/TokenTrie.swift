/// An automaton over token symbols: every pattern of a lexicon (or of a cue list) in one
/// trie, walked from each position of the text.
///
/// A text token is turned into symbols once: its word id (one hash lookup) and the ids of
/// the stems that begin it (a byte-trie walk). The walk from a position then follows
/// integer edges only, and never goes deeper than the longest pattern, so matching costs
/// the same per token for 100 patterns or 10,000.
struct TokenTrie: Sendable {
    struct Node: Sendable {
        var words: [Int32: Int32] = [:]
        var stems: [Int32: Int32] = [:]
        /// Gap edges: skip 0…max tokens, then continue at node.
        var gaps: [(max: Int32, node: Int32)] = []
        /// Payloads of the patterns ending here, in insertion order.
        var terminals: [Int32] = []
    }

    /// A text token as symbols: its word id (-1 when no pattern uses the word) and the
    /// ids of stems that begin it.
    struct Symbol: Sendable {
        var word: Int32
        var stems: [Int32]
    }

    private(set) var nodes: [Node] = [Node()]
    private var vocabulary = ByteVocabulary()
    private var stemTrie = StemTrie()

    /// Adds a pattern; `payload` is returned for its matches.
    mutating func insert(_ elements: [PatternElement], payload: Int32) {
        var node: Int32 = 0
        for element in elements {
            switch element {
            case .word(let w):
                let id = wordID(w)
                if let next = nodes[Int(node)].words[id] { node = next } else {
                    let next = newNode()
                    nodes[Int(node)].words[id] = next
                    node = next
                }
            case .stem(let s):
                let id = stemTrie.insert(s)
                if let next = nodes[Int(node)].stems[id] { node = next } else {
                    let next = newNode()
                    nodes[Int(node)].stems[id] = next
                    node = next
                }
            case .gap(let n):
                if let edge = nodes[Int(node)].gaps.first(where: { $0.max == Int32(n) }) { node = edge.node } else {
                    let next = newNode()
                    nodes[Int(node)].gaps.append((Int32(n), next))
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

    private mutating func wordID(_ w: String) -> Int32 { vocabulary.id(adding: w) }

    /// The symbols of each token.
    func symbols(_ tokens: [Substring]) -> [Symbol] {
        let noStems = stemTrie.isEmpty
        return tokens.map { t in
            Symbol(word: vocabulary.lookup(t) ?? -1, stems: noStems ? [] : stemTrie.matches(t))
        }
    }

    /// Every (end, payload) of patterns that start at `start`; `end` is exclusive.
    func walk(_ symbols: [Symbol], from start: Int, _ visit: (_ end: Int, _ payloads: [Int32]) -> Void) {
        // Most tokens start no pattern: answer those without a stack.
        if start < symbols.count, nodes[0].gaps.isEmpty {
            let s = symbols[start]
            if s.stems.isEmpty && (s.word < 0 || nodes[0].words[s.word] == nil) { return }
        }
        var stack: [(node: Int32, position: Int)] = [(0, start)]
        while let (node, position) = stack.popLast() {
            let n = nodes[Int(node)]
            if !n.terminals.isEmpty && position > start { visit(position, n.terminals) }
            for (maxGap, next) in n.gaps {
                for skip in 0...Int(maxGap) where position + skip < symbols.count { stack.append((next, position + skip)) }
            }
            guard position < symbols.count else { continue }
            let s = symbols[position]
            if s.word >= 0, let next = n.words[s.word] { stack.append((next, position + 1)) }
            for stem in s.stems { if let next = n.stems[stem] { stack.append((next, position + 1)) } }
        }
    }
}
