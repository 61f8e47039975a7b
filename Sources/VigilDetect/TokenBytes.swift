/// A token sequence as one byte buffer: token `k` is `bytes[bounds[2k]..<bounds[2k+1]]`.
///
/// The detector matches on this instead of an array of strings: building it copies each
/// episode's token bytes once, and looking a token up hashes its bytes in place, with no
/// `String`, `Substring` or reference count per token.
public struct TokenBytes: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var bounds: [Int32] = []
    /// Each token's vocabulary hash (`ByteVocabulary.hash`), computed once while splitting and
    /// used by every automaton that looks the token up.
    private(set) var hashes: [UInt32] = []

    public init() {}

    public init<S: StringProtocol>(_ tokens: [S]) {
        for t in tokens { append(t) }
    }

    /// Number of tokens.
    public var count: Int { bounds.count / 2 }

    public mutating func reserve(bytes: Int, tokens: Int) {
        self.bytes.reserveCapacity(bytes)
        bounds.reserveCapacity(tokens * 2)
        hashes.reserveCapacity(tokens)
    }

    /// Appends one token.
    public mutating func append<S: StringProtocol>(_ token: S) {
        let start = bytes.count
        bounds.append(Int32(start))
        bytes.append(contentsOf: token.utf8)
        bounds.append(Int32(bytes.count))
        hashes.append(bytes.withUnsafeBufferPointer { ByteVocabulary.hash(UnsafeBufferPointer(rebasing: $0[start...])) })
    }

    /// Appends the tokens of a space-separated run (a normalized segment's `tokens`);
    /// returns how many.
    @discardableResult
    public mutating func append(spaceSeparated run: UnsafeBufferPointer<UInt8>) -> Int {
        let base = Int32(bytes.count)
        bytes.append(contentsOf: run)
        var n = 0
        var start = 0
        var h = ByteVocabulary.seed
        for i in 0..<run.count {
            let b = run[i]
            if b != 0x20 {
                h = (h ^ UInt32(b)) &* ByteVocabulary.prime
                continue
            }
            if start != i {
                bounds.append(base + Int32(start))
                bounds.append(base + Int32(i))
                hashes.append(h)
                n += 1
            }
            start = i + 1
            h = ByteVocabulary.seed
        }
        if start != run.count {
            bounds.append(base + Int32(start))
            bounds.append(base + Int32(run.count))
            hashes.append(h)
            n += 1
        }
        return n
    }

    /// Token `k` as a string.
    public subscript(k: Int) -> String {
        String(decoding: bytes[Int(bounds[2 * k])..<Int(bounds[2 * k + 1])], as: UTF8.self)
    }

    /// Tokens `range` joined by single spaces.
    public func joined(_ range: Range<Int>) -> String {
        var out: [UInt8] = []
        for k in range {
            if k != range.lowerBound { out.append(0x20) }
            out.append(contentsOf: bytes[Int(bounds[2 * k])..<Int(bounds[2 * k + 1])])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
