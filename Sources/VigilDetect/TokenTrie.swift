/// An automaton over token symbols: every pattern of a lexicon (or of a cue list) in one
/// trie, walked from each position of the text.
///
/// A text token is turned into symbols once: its word id (one hash lookup), the ids of
/// the stems that begin it (a byte-trie walk) and the ids of the word sets it belongs to.
/// The walk from a position then follows integer edges only, so matching costs the same
/// per token for 100 patterns or 10,000, and a set of 300 words is one edge. Slots, and
/// lists or choices with phrases, are sub-automata in the same node array: a `call` edge
/// runs one from the current position and continues, for each place it ends, at the next
/// node; a sub-automaton's end reports the group it matched, which travels with the walk.
struct TokenTrie: Sendable {
    struct Node: Sendable {
        var words: [Int32: Int32] = [:]
        var stems: [Int32: Int32] = [:]
        var sets: [Int32: Int32] = [:]
        /// Call edges: sub-automaton root → node to continue at.
        var calls: [Int32: Int32] = [:]
        /// Gap edges: skip 0…max tokens (each in `set`, unless it is -1), then continue at node.
        var gaps: [(max: Int32, set: Int32, node: Int32)] = []
        /// Payloads of the patterns ending here, in insertion order.
        var terminals: [Int32] = []
        /// In a sub-automaton: an alternative ends here; its group id + 1 (0: no group).
        var returns: [Int32] = []
        /// For the root and sub-automaton roots: index into `flatFilters` (-1: none yet).
        var filter: Int32 = -1
        /// Which edge kinds the node has (`Flag`), so the walk touches only those.
        var flags: UInt8 = 0
    }

    enum Flag {
        static let words: UInt8 = 1, stems: UInt8 = 2, sets: UInt8 = 4, calls: UInt8 = 8, gaps: UInt8 = 16
    }

    /// The tokens that can begin a walk from a node (calls followed), as bit sets over word
    /// and set ids: one lookup rejects most tokens before any walk starts.
    struct FirstFilter: Sendable {
        var words: [UInt64] = []
        var sets: [UInt64] = []
        var stems = false
        var always = false

        static func add(_ bits: inout [UInt64], _ id: Int32) {
            let i = Int(id) >> 6
            while bits.count <= i { bits.append(0) }
            bits[i] |= 1 << UInt64(id & 63)
        }

        mutating func merge(_ o: FirstFilter) {
            while words.count < o.words.count { words.append(0) }
            for (i, w) in o.words.enumerated() { words[i] |= w }
            while sets.count < o.sets.count { sets.append(0) }
            for (i, w) in o.sets.enumerated() { sets[i] |= w }
            stems = stems || o.stems
            always = always || o.always
        }
    }
    /// The first-token filters (`FirstFilter`) flattened for the walk: plain values, bits in
    /// one pool, so checking a token retains nothing.
    private struct FlatFilter: Sendable {
        var words: Int32, wordCount: Int32, sets: Int32, setCount: Int32
        var stems: Bool, always: Bool
    }
    private var flatFilters: [FlatFilter] = []
    private var filterBits: [UInt64] = []

    @inline(__always)
    private static func has(_ bits: UnsafeBufferPointer<UInt64>, _ start: Int32, _ count: Int32, _ id: Int32) -> Bool {
        let i = Int(id) >> 6
        return i < Int(count) && bits[Int(start) + i] & (1 << UInt64(id & 63)) != 0
    }

    /// Every word, stem and set edge of every node in one open-addressing table (built by
    /// `finalize`): the walk's lookups cost a multiply and usually one probe, no `Hasher`.
    struct EdgeTable: Sendable {
        enum Kind: UInt64 { case word = 0, stem = 1, set = 2 }
        private var keys: [UInt64] = [.max]
        private var values: [Int32] = [0]
        private var shift: UInt64 = 64

        @inline(__always)
        private static func key(_ node: Int32, _ kind: Kind, _ id: Int32) -> UInt64 {
            UInt64(UInt32(node)) << 34 | kind.rawValue << 32 | UInt64(UInt32(id))
        }

        init(_ nodes: [Node]) {
            let count = nodes.reduce(0) { $0 + $1.words.count + $1.stems.count + $1.sets.count }
            var size = 8
            while size < count * 2 { size *= 2 }
            keys = Array(repeating: .max, count: size)
            values = Array(repeating: 0, count: size)
            shift = UInt64(64 - size.trailingZeroBitCount)
            for (n, node) in nodes.enumerated() {
                for (id, next) in node.words { place(Self.key(Int32(n), .word, id), next) }
                for (id, next) in node.stems { place(Self.key(Int32(n), .stem, id), next) }
                for (id, next) in node.sets { place(Self.key(Int32(n), .set, id), next) }
            }
        }

        private mutating func place(_ k: UInt64, _ v: Int32) {
            let mask = keys.count - 1
            var i = Int((k &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[i] != .max { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }

        @inline(__always)
        func next(_ node: Int32, _ kind: Kind, _ id: Int32) -> Int32? {
            let k = Self.key(node, kind, id)
            let mask = keys.count - 1
            var i = Int((k &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
            while true {
                let found = keys[i]
                if found == k { return values[i] }
                if found == .max { return nil }
                i = (i + 1) & mask
            }
        }
    }
    private var edges = EdgeTable([])

    /// A text token as symbols: its word id (-1 when no pattern uses the word), the ids of
    /// stems that begin it and the ids of the sets it belongs to.
    /// Flat, so an array of them holds no references: the stem and set ids live in
    /// `Symbols.pool`.
    struct Symbol: Sendable {
        var word: Int32
        var stemStart: Int32, stemEnd: Int32
        var setStart: Int32, setEnd: Int32
        var hasStems: Bool { stemEnd > stemStart }
    }

    /// The symbols of a token sequence: one `Symbol` per token, ids in `pool`.
    struct Symbols: Sendable {
        var symbols: [Symbol] = []
        var pool: [Int32] = []
        var count: Int { symbols.count }

        @inline(__always)
        func inSet(_ position: Int, _ set: Int32) -> Bool {
            let s = symbols[position]
            var i = Int(s.setStart)
            while i < Int(s.setEnd) {
                if pool[i] == set { return true }
                i += 1
            }
            return false
        }
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
    /// Root node of each sub-automaton, by sub id.
    private var subRoots: [Int32] = []
    /// Group names reported by sub-automata, by group id.
    private(set) var groupNames: [String] = []
    private var groupIDs: [String: Int32] = [:]

    /// Adds the sub-automata that `call` elements refer to (before the patterns that call them).
    mutating func insertSubs(_ table: CompiledLexicon.SubTable) {
        subRoots = table.alternatives.map { _ in newNode() }
        for (id, alternatives) in table.alternatives.enumerated() {
            for alt in alternatives {
                let end = path(alt.elements, from: subRoots[id])
                let group: Int32
                if let name = alt.group {
                    if let g = groupIDs[name] { group = g } else {
                        group = Int32(groupNames.count)
                        groupNames.append(name)
                        groupIDs[name] = group
                    }
                } else {
                    group = -1
                }
                if !nodes[Int(end)].returns.contains(group + 1) { nodes[Int(end)].returns.append(group + 1) }
            }
        }
    }

    /// Computes the first-token filters of the root and of every sub-automaton; call once
    /// after the last `insert`.
    mutating func finalize() {
        var memo: [Int32: FirstFilter] = [:]
        func compute(_ node: Int32, _ visiting: Set<Int32>) -> FirstFilter {
            if let f = memo[node] { return f }
            let n = nodes[Int(node)]
            var f = FirstFilter()
            for w in n.words.keys { FirstFilter.add(&f.words, w) }
            for s in n.sets.keys { FirstFilter.add(&f.sets, s) }
            f.stems = !n.stems.isEmpty
            f.always = !n.returns.isEmpty || !n.gaps.isEmpty
            for root in n.calls.keys {
                if visiting.contains(root) { f.always = true; continue }
                f.merge(compute(root, visiting.union([node])))
            }
            memo[node] = f
            return f
        }
        for i in nodes.indices {
            let n = nodes[i]
            nodes[i].flags = (n.words.isEmpty ? 0 : Flag.words) | (n.stems.isEmpty ? 0 : Flag.stems)
                | (n.sets.isEmpty ? 0 : Flag.sets) | (n.calls.isEmpty ? 0 : Flag.calls) | (n.gaps.isEmpty ? 0 : Flag.gaps)
        }
        edges = EdgeTable(nodes)
        flatFilters = []
        filterBits = []
        for root in [Int32(0)] + subRoots {
            nodes[Int(root)].filter = Int32(flatFilters.count)
            let f = compute(root, [])
            let w = Int32(filterBits.count)
            filterBits += f.words
            let st = Int32(filterBits.count)
            filterBits += f.sets
            flatFilters.append(FlatFilter(words: w, wordCount: Int32(f.words.count), sets: st, setCount: Int32(f.sets.count), stems: f.stems, always: f.always))
        }
    }

    /// Adds a pattern; `payload` is returned for its matches.
    mutating func insert(_ elements: [PatternElement], payload: Int32) {
        let end = path(elements, from: 0)
        nodes[Int(end)].terminals.append(payload)
    }

    /// The node reached by `elements` from `start`, adding nodes as needed.
    private mutating func path(_ elements: [PatternElement], from start: Int32) -> Int32 {
        var node = start
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
            case .call(let sub): follow(\.calls, subRoots[sub])
            case .gap(let n, let set):
                let only: Int32 = set.map { setID($0) } ?? -1
                if let edge = nodes[Int(node)].gaps.first(where: { $0.max == Int32(n) && $0.set == only }) { node = edge.node } else {
                    let next = newNode()
                    nodes[Int(node)].gaps.append((Int32(n), only, next))
                    node = next
                }
            }
        }
        return node
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
    func symbols(_ tokens: TokenBytes) -> Symbols {
        let noStems = stemTrie.isEmpty
        var out = Symbols()
        out.symbols.reserveCapacity(tokens.count)
        tokens.bytes.withUnsafeBufferPointer { b in
            tokens.bounds.withUnsafeBufferPointer { bounds in
                for k in 0..<(bounds.count / 2) {
                    let t = UnsafeBufferPointer(rebasing: b[Int(bounds[2 * k])..<Int(bounds[2 * k + 1])])
                    let word = vocabulary.lookup(t, hash: tokens.hashes[k]) ?? -1
                    let stemStart = Int32(out.pool.count)
                    if !noStems { stemTrie.matches(t, into: &out.pool) }
                    let stemEnd = Int32(out.pool.count)
                    if word >= 0 { out.pool.append(contentsOf: setsOfWord[Int(word)]) }
                    var i = Int(stemStart)
                    while i < Int(stemEnd) {
                        for id in setsOfStem[Int(out.pool[i])] where !out.pool[Int(stemEnd)...].contains(id) { out.pool.append(id) }
                        i += 1
                    }
                    out.symbols.append(Symbol(word: word, stemStart: stemStart, stemEnd: stemEnd, setStart: stemEnd, setEnd: Int32(out.pool.count)))
                }
            }
        }
        return out
    }

    /// True when a walk from `node` (the root or a sub-automaton root) can consume `s`.
    @inline(__always)
    private func canStart(_ node: Int32, with s: Symbol, _ pool: [Int32]) -> Bool {
        let index = nodes[Int(node)].filter
        guard index >= 0 else { return true }
        let f = flatFilters[Int(index)]
        if f.always || (f.stems && s.hasStems) { return true }
        return filterBits.withUnsafeBufferPointer { bits in
            if s.word >= 0 && Self.has(bits, f.words, f.wordCount, s.word) { return true }
            var i = Int(s.setStart)
            while i < Int(s.setEnd) {
                if Self.has(bits, f.sets, f.setCount, pool[i]) { return true }
                i += 1
            }
            return false
        }
    }

    /// Every (end, payloads, group) of patterns that start at `start`; `end` is exclusive,
    /// `group` the id (into `groupNames`) of the first group a slot matched, or -1.
    /// `walk` from every position in turn, `after(start)` once each position is done: one
    /// call per text, so the closures are made once, not once per token.
    func walkAll(_ symbols: Symbols, limits: GapLimits = .none, _ visit: (_ start: Int, _ end: Int, _ payloads: [Int32], _ group: Int32) -> Void, after: (_ start: Int) -> Void) {
        for start in 0..<symbols.count {
            walk(symbols, from: start, limits: limits) { end, payloads, group in visit(start, end, payloads, group) }
            after(start)
        }
    }

    func walk(_ symbols: Symbols, from start: Int, limits: GapLimits = .none, _ visit: (_ end: Int, _ payloads: [Int32], _ group: Int32) -> Void) {
        // Most tokens start no pattern: answer those without a stack.
        if start < symbols.count, !canStart(0, with: symbols.symbols[start], symbols.pool) { return }
        nodes.withUnsafeBufferPointer { nb in
            var stack: [(node: Int32, position: Int, group: Int32)] = [(0, start, -1)]
            while let (node, position, group) = stack.popLast() {
                if position > start && !nb[Int(node)].terminals.isEmpty { visit(position, nb[Int(node)].terminals, group) }
                step(nb, node, position, group, symbols, limits) { stack.append($0) }
            }
        }
    }

    /// Pushes every state reachable from `node` at `position` by one edge (a token, a gap,
    /// or a whole sub-automaton). Reads the node's fields in place (no copy of the node).
    private func step(_ nb: UnsafeBufferPointer<Node>, _ node: Int32, _ position: Int, _ group: Int32, _ symbols: Symbols, _ limits: GapLimits, _ push: ((node: Int32, position: Int, group: Int32)) -> Void) {
        let flags = nb[Int(node)].flags
        if flags & Flag.gaps != 0 {
            // A gap follows a matched token (terms never start with one). A gap limited
            // to a set skips only its words (barriers do not apply: the words are chosen).
            let before = limits.sentence.isEmpty || position == 0 ? 0 : limits.sentence[position - 1]
            for (maxGap, set, next) in nb[Int(node)].gaps {
                for skip in 0...Int(maxGap) where position + skip < symbols.count {
                    if skip > 0 {
                        let skipped = position + skip - 1
                        if set >= 0 {
                            if !symbols.inSet(skipped, set) { break }
                        } else if !limits.stop.isEmpty && limits.stop[skipped] { break }
                    }
                    if !limits.sentence.isEmpty && position > 0 && limits.sentence[position + skip] != before { break }
                    push((next, position + skip, group))
                }
            }
        }
        guard position < symbols.count else { return }
        let s = symbols.symbols[position]
        let pool = symbols.pool
        if flags & Flag.calls != 0 {
            // Sub-automata never match nothing: try one only if this token can begin it.
            for (root, next) in nb[Int(node)].calls where canStart(root, with: s, pool) {
                subEnds(nb, root, from: position, symbols) { end, g in push((next, end, group >= 0 ? group : g)) }
            }
        }
        if flags & Flag.words != 0, s.word >= 0, let next = edges.next(node, .word, s.word) { push((next, position + 1, group)) }
        if flags & Flag.stems != 0 { for i in Int(s.stemStart)..<Int(s.stemEnd) { if let next = edges.next(node, .stem, pool[i]) { push((next, position + 1, group)) } } }
        if flags & Flag.sets != 0 { for i in Int(s.setStart)..<Int(s.setEnd) { if let next = edges.next(node, .set, pool[i]) { push((next, position + 1, group)) } } }
    }

    /// Every place a sub-automaton matched from `start` ends, with the group it reports.
    private func subEnds(_ nb: UnsafeBufferPointer<Node>, _ root: Int32, from start: Int, _ symbols: Symbols, _ out: (Int, Int32) -> Void) {
        var stack: [(node: Int32, position: Int, group: Int32)] = [(root, start, -1)]
        while let (node, position, group) = stack.popLast() {
            if !nb[Int(node)].returns.isEmpty { for r in nb[Int(node)].returns { out(position, group >= 0 ? group : r - 1) } }
            step(nb, node, position, group, symbols, .none) { stack.append($0) }
        }
    }
}
