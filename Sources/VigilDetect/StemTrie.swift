/// A byte trie of word prefixes (`cockroach` from `cockroach*`): walking a token's bytes
/// yields every stem that begins it, in time bounded by the token's length, however many
/// stems there are.
///
/// Edges live in one open-addressing table keyed by (node, byte), so a step is a multiply,
/// a shift and usually one probe.
struct StemTrie: Sendable {
    /// Per edge slot: `node << 8 | byte` + 1 (0: empty), and the child node.
    private var keys: [UInt32] = Array(repeating: 0, count: 64)
    private var values: [Int32] = Array(repeating: 0, count: 64)
    private var edges = 0
    private var nodeCount = 1
    private var stemAt: [Int32] = [-1]
    private(set) var stems: [String] = []
    private var index: [String: Int32] = [:]
    /// Bytes that begin some stem: most tokens are rejected on their first byte.
    private var firstBytes = [Bool](repeating: false, count: 256)

    /// Adds a stem; returns its id (the same id for the same stem).
    mutating func insert(_ stem: String) -> Int32 {
        if let id = index[stem] { return id }
        if let b = stem.utf8.first { firstBytes[Int(b)] = true }
        var node: Int32 = 0
        for b in stem.utf8 {
            if let next = child(node, b) {
                node = next
            } else {
                let next = Int32(nodeCount)
                nodeCount += 1
                stemAt.append(-1)
                addEdge(node, b, next)
                node = next
            }
        }
        let id = Int32(stems.count)
        stems.append(stem)
        index[stem] = id
        stemAt[Int(node)] = id
        return id
    }

    var isEmpty: Bool { stems.isEmpty }

    /// Appends to `out` the ids of the stems that are prefixes of `token` (shortest first).
    func matches(_ token: UnsafeBufferPointer<UInt8>, into out: inout [Int32]) {
        guard let first = token.first, firstBytes[Int(first)] else { return }
        var node: Int32 = 0
        for b in token {
            guard let next = child(node, b) else { break }
            node = next
            if stemAt[Int(node)] >= 0 { out.append(stemAt[Int(node)]) }
        }
    }

    @inline(__always)
    private static func key(_ node: Int32, _ b: UInt8) -> UInt32 { (UInt32(node) << 8 | UInt32(b)) &+ 1 }

    @inline(__always)
    private static func slot(_ key: UInt32, mask: Int) -> Int { Int((key &* 0x9E37_79B1) >> 7) & mask }

    @inline(__always)
    private func child(_ node: Int32, _ b: UInt8) -> Int32? {
        let k = Self.key(node, b)
        let mask = keys.count - 1
        var i = Self.slot(k, mask: mask)
        while true {
            let found = keys[i]
            if found == k { return values[i] }
            if found == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    private mutating func addEdge(_ node: Int32, _ b: UInt8, _ next: Int32) {
        if (edges + 1) * 2 > keys.count { grow() }
        place(Self.key(node, b), next)
        edges += 1
    }

    private mutating func place(_ k: UInt32, _ v: Int32) {
        let mask = keys.count - 1
        var i = Self.slot(k, mask: mask)
        while keys[i] != 0 { i = (i + 1) & mask }
        keys[i] = k
        values[i] = v
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        for i in oldKeys.indices where oldKeys[i] != 0 { place(oldKeys[i], oldValues[i]) }
    }
}
