extension Tokenizer {
    /// Byte-level scanner: ASCII takes a fast path; other text is folded in chunks that
    /// start at normalization boundaries, so chunk-wise folding equals whole-text folding
    /// and every output byte maps back to a raw byte range.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let options: TokenizerOptions
        /// The output: the folded tokens separated by single spaces (appended to whatever
        /// the buffer held), each token's raw range as a pair in `offsets`, and its range in
        /// `joined` as a pair in `bounds`.
        var joined: [UInt8] = []
        var offsets: [Int] = []
        var bounds: [Int32] = []
        private var start = -1
        private var end = -1
        private var tokenStart = 0

        init(bytes: UnsafeBufferPointer<UInt8>, options: TokenizerOptions = .standard) {
            self.bytes = bytes
            self.options = options
        }

        /// The tokens found, as values.
        var tokens: [Token] {
            (0..<(offsets.count / 2)).map { k in
                Token(text: String(decoding: joined[Int(bounds[2 * k])..<Int(bounds[2 * k + 1])], as: UTF8.self), start: offsets[2 * k], end: offsets[2 * k + 1])
            }
        }

        mutating func run() {
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if b == 0x3C, let j = Markup.tagEnd(bytes, i) { flush(); i = j; continue }
                    if b == 0x5B, let j = Markup.bracketEnd(bytes, i) { flush(); i = j; continue }
                    if b == 0x28, let j = Markup.annotationEnd(bytes, i) { flush(); i = j; continue }
                    if b == 0x26, let (scalar, j) = Markup.entity(bytes, i) {
                        emit(Tokenizer.foldScalars([scalar]), from: i, to: j)
                        i = j
                        continue
                    }
                    if options.turkishCasing && b == 0x49 {
                        emit(Array("ı".utf8), from: i, to: i + 1)  // Turkish: I folds to dotless ı
                        i += 1
                        continue
                    }
                    if i + 1 >= n || bytes[i + 1] < 0x80 {
                        if Self.isASCIIWord(b) {
                            // A run of ASCII letters and digits, each followed by ASCII:
                            // copied in one go, upper case folded.
                            var j = i + 1
                            while j < n, Self.isASCIIWord(bytes[j]), j + 1 >= n || bytes[j + 1] < 0x80, !(options.turkishCasing && bytes[j] == 0x49) { j += 1 }
                            if start < 0 { begin(at: i) }
                            let at = joined.count
                            joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                            joined.withUnsafeMutableBufferPointer { out in
                                for k in at..<out.count where out[k] >= 0x41 && out[k] <= 0x5A { out[k] |= 0x20 }
                            }
                            end = j
                            i = j
                            continue
                        }
                        flush()
                        i += 1
                        continue
                    }
                }
                i = chunk(from: i)
            }
            flush()
        }

        @inline(__always)
        static func isASCIIWord(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A)
        }

        @inline(__always)
        private mutating func begin(at i: Int) {
            start = i
            if !joined.isEmpty { joined.append(0x20) }
            tokenStart = joined.count
        }

        @inline(__always)
        private mutating func append(_ b: UInt8, at i: Int) {
            if start < 0 { begin(at: i) }
            joined.append(b)
            end = i + 1
        }

        private mutating func flush() {
            guard start >= 0 else { return }
            offsets.append(start)
            offsets.append(end)
            bounds.append(Int32(tokenStart))
            bounds.append(Int32(joined.count))
            start = -1
        }

        /// Folds the chunk that starts at `i`; returns the index after it.
        private mutating func chunk(from i: Int) -> Int {
            var scalars: [Unicode.Scalar] = []
            var j = i
            repeat {
                let (s, len) = decode(at: j)
                scalars.append(s)
                j += len
            } while j < bytes.count && bytes[j] >= 0x80 && Tokenizer.boundaryBefore(decode(at: j).0) == false
            if scalars.count == 1, scalars[0].isASCII {
                // An ASCII byte followed by a boundary: plain fast path.
                let b = UInt8(scalars[0].value)
                if Tokenizer.isWordScalar(scalars[0]) { append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b, at: i) } else { flush() }
                return j
            }
            if options.turkishCasing {
                scalars = scalars.map { $0 == "I" ? "ı" : $0 == "\u{130}" ? "i" : $0 }
            }
            var folded = Tokenizer.foldScalars(scalars)
            if options.foldDiacritics { folded = Tokenizer.stripMarks(folded) }
            emit(folded, from: i, to: j)
            return j
        }

        /// Adds folded output of raw range `from..<to`: word scalars extend the token,
        /// others end it. An empty output (a removed ignorable) is transparent.
        private mutating func emit(_ folded: [UInt8], from: Int, to: Int) {
            for s in String(decoding: folded, as: UTF8.self).unicodeScalars {
                if Tokenizer.isWordScalar(s) {
                    if start < 0 { begin(at: from) }
                    joined.append(contentsOf: UTF8.encode(s)!)
                    end = to
                } else {
                    flush()
                }
            }
        }

        /// Decodes the scalar at `i`; invalid UTF-8 yields U+FFFD over one byte.
        private func decode(at i: Int) -> (Unicode.Scalar, Int) {
            let b0 = bytes[i]
            if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
            let len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1
            guard len > 1, i + len <= bytes.count else { return ("\u{FFFD}", 1) }
            var it = UnsafeBufferPointer(rebasing: bytes[i..<(i + len)]).makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let s) = decoder.decode(&it) { return (s, len) }
            return ("\u{FFFD}", 1)
        }
    }
}
