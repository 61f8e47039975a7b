/// A byte trie of word prefixes (`cockroach` from `cockroach*`): walking a token's bytes
/// yields every stem that begins it, in time bounded by the token's length, however many
/// stems there are.
struct StemTrie: Sendable {
    private var children: [[UInt8: Int32]] = [[:]]
    private var stemAt: [Int32] = [-1]
    private(set) var stems: [String] = []
    private var index: [String: Int32] = [:]
    /// Bytes that begin some stem: most tokens are rejected on their first byte.
    private var firstBytes = [Bool](repeating: false, count: 256)

    /// Adds a stem; returns its id (the same id for the same stem).
    mutating func insert(_ stem: String) -> Int32 {
        if let id = index[stem] { return id }
        if let b = stem.utf8.first { firstBytes[Int(b)] = true }
        var node = 0
        for b in stem.utf8 {
            if let next = children[node][b] {
                node = Int(next)
            } else {
                children.append([:])
                stemAt.append(-1)
                children[node][b] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        let id = Int32(stems.count)
        stems.append(stem)
        index[stem] = id
        stemAt[node] = id
        return id
    }

    var isEmpty: Bool { stems.isEmpty }

    /// Ids of the stems that are prefixes of `token` (shortest first).
    func matches(_ token: UnsafeBufferPointer<UInt8>, into out: inout [Int32]) {
        guard let first = token.first, firstBytes[Int(first)] else { return }
        var node = 0
        for b in token {
            guard let next = children[node][b] else { break }
            node = Int(next)
            if stemAt[node] >= 0 { out.append(stemAt[node]) }
        }
    }
}
