extension Tokenizer {
    /// A segment's tokens as fresh buffers: the folded tokens joined by single spaces, each
    /// token's raw byte range (pairs in `offsets`) and its range in `joined` (pairs in
    /// `bounds`).
    public struct Scanned: Sendable {
        public var joined: [UInt8]
        public var offsets: [Int]
        public var bounds: [Int32]
        public var count: Int { offsets.count / 2 }

        public init(joined: [UInt8] = [], offsets: [Int] = [], bounds: [Int32] = []) {
            self.joined = joined
            self.offsets = offsets
            self.bounds = bounds
        }
    }

    /// The tokens of `text`, exactly as `scan` finds them. Plain-ASCII text (most
    /// transcripts) takes a path that writes straight into buffers sized from the text, with
    /// no capacity check per byte; anything that path cannot answer alone (a byte ≥ 0x80, an
    /// HTML entity, Turkish casing) goes through the general scanner.
    public static func scanned(_ text: String, options: TokenizerOptions = .standard) -> Scanned {
        var text = text
        if !options.turkishCasing, let fast = text.withUTF8({ scanASCII($0) }) { return fast }
        var out = Scanned(joined: [], offsets: [], bounds: [])
        scan(text, options: options, joined: &out.joined, offsets: &out.offsets, bounds: &out.bounds)
        return out
    }

    /// True when some byte is ≥ 0x80 (eight bytes at a time).
    static func hasNonASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= b.count {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
                i += 8
            }
        }
        while i < b.count {
            if b[i] >= 0x80 { return true }
            i += 1
        }
        return false
    }

    /// nil when the text is not plain ASCII or holds an entity. A token is a run of ASCII
    /// letters and digits (upper case folded); markup and annotations are skipped as the
    /// general scanner skips them. Between two tokens lies at least one raw byte, so the
    /// joined text fits in `n` bytes and the offsets in `n + 1`.
    static func scanASCII(_ b: UnsafeBufferPointer<UInt8>) -> Scanned? {
        let n = b.count
        if hasNonASCII(b) { return nil }
        var failed = false
        var tokens = 0
        var joined: [UInt8] = []
        var bounds: [Int32] = []
        let offsets = [Int](unsafeUninitializedCapacity: n + 1) { off, offCount in
            bounds = [Int32](unsafeUninitializedCapacity: n + 1) { bnd, bndCount in
                joined = [UInt8](unsafeUninitializedCapacity: n) { out, outCount in
                    var i = 0, w = 0
                    while i < n {
                        let c = b[i]
                        if Scanner.isASCIIWord(c) {
                            if tokens > 0 { out[w] = 0x20; w += 1 }
                            let start = i, from = w
                            repeat {
                                let x = b[i]
                                out[w] = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
                                w += 1
                                i += 1
                            } while i < n && Scanner.isASCIIWord(b[i])
                            off[2 * tokens] = start
                            off[2 * tokens + 1] = i
                            bnd[2 * tokens] = Int32(from)
                            bnd[2 * tokens + 1] = Int32(w)
                            tokens += 1
                            continue
                        }
                        switch c {
                        case 0x3C: if let j = Markup.tagEnd(b, i) { i = j; continue }
                        case 0x5B: if let j = Markup.bracketEnd(b, i) { i = j; continue }
                        case 0x28: if let j = Markup.annotationEnd(b, i) { i = j; continue }
                        case 0x26:
                            if Markup.entity(b, i) != nil {
                                failed = true
                                outCount = 0
                                return
                            }
                        default: break
                        }
                        i += 1
                    }
                    outCount = w
                }
                bndCount = failed ? 0 : 2 * tokens
            }
            offCount = failed ? 0 : 2 * tokens
        }
        return failed ? nil : Scanned(joined: joined, offsets: offsets, bounds: bounds)
    }
}
