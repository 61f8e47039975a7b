import VigilCore

/// A small, fast JSON reader for Vigil's artifacts and for JSON transcripts.
///
/// Why: Foundation's `JSONDecoder` spent half of the detect stage decoding
/// `normalize/episodes.jsonl` and a third of ingest decoding JSON transcripts (see
/// docs/benchmarks.md). This parses into a plain tree in one pass over the bytes. It is
/// strict (RFC 8259 numbers, no raw control characters in strings, valid surrogate pairs or
/// U+FFFD) and safe on hostile input: nesting deeper than `maxDepth` is an error, not a
/// stack overflow.
public enum FastJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([FastJSON])
    /// Members in document order (a lookup scans them: records have a dozen keys at most,
    /// and a dictionary per object cost more than the scan).
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: FastJSON
    }

    public struct Failure: Error { public var offset: Int; public var message: String }

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> FastJSON {
        try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(Failure) -> FastJSON in
            var p = Parser(b: b)
            let v = try p.value()
            p.skip()
            guard p.i == b.count else { throw Failure(offset: p.i, message: "trailing bytes") }
            return v
        }
    }

    public subscript(key: String) -> FastJSON? {
        guard case .object(let o) = self else { return nil }
        // The last of duplicate keys wins, as in a dictionary.
        for m in o.reversed() where m.key == key { return m.value }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var double: Double? { if case .number(let d) = self { return d }; return nil }
    public var int: Int? { if case .number(let d) = self, let i = Int(exactly: d) { return i }; return nil }
    public var bool: Bool? { if case .bool(let v) = self { return v }; return nil }
    public var array: [FastJSON]? { if case .array(let a) = self { return a }; return nil }
    public var isNull: Bool { self == .null }

    /// Deeper nesting is refused (JSONDecoder's limit is 512 too).
    public static let maxDepth = 512

    struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        var depth = 0

        mutating func skip() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }

        func fail(_ m: String) -> Failure { Failure(offset: i, message: m) }

        mutating func value() throws(Failure) -> FastJSON {
            skip()
            guard i < b.count else { throw fail("unexpected end") }
            switch b[i] {
            case 0x7B, 0x5B:
                depth += 1
                defer { depth -= 1 }
                guard depth <= FastJSON.maxDepth else { throw fail("nested deeper than \(FastJSON.maxDepth)") }
                return b[i] == 0x7B ? try object() : try array()
            case 0x22: return .string(try string())
            case 0x74: try literal("true"); return .bool(true)
            case 0x66: try literal("false"); return .bool(false)
            case 0x6E: try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let b = self.b, i = self.i
            let ok = word.withUTF8Buffer { w -> Bool in
                guard i + w.count <= b.count else { return false }
                for k in 0..<w.count where b[i + k] != w[k] { return false }
                return true
            }
            guard ok else { throw fail("bad literal") }
            self.i += word.utf8CodeUnitCount
        }

        mutating func object() throws(Failure) -> FastJSON {
            i += 1
            var o: [Member] = []
            skip()
            if i < b.count, b[i] == 0x7D { i += 1; return .object(o) }
            while true {
                skip()
                guard i < b.count, b[i] == 0x22 else { throw fail("expected a key") }
                let k = try string()
                skip()
                guard i < b.count, b[i] == 0x3A else { throw fail("expected ':'") }
                i += 1
                o.append(Member(key: k, value: try value()))
                skip()
                guard i < b.count else { throw fail("unexpected end") }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x7D { i += 1; return .object(o) }
                throw fail("expected ',' or '}'")
            }
        }

        mutating func array() throws(Failure) -> FastJSON {
            i += 1
            var a: [FastJSON] = []
            skip()
            if i < b.count, b[i] == 0x5D { i += 1; return .array(a) }
            while true {
                a.append(try value())
                skip()
                guard i < b.count else { throw fail("unexpected end") }
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x5D { i += 1; return .array(a) }
                throw fail("expected ',' or ']'")
            }
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() throws(Failure) -> Double {
            let start = i
            var negative = false
            if i < b.count, b[i] == 0x2D { negative = true; i += 1 }
            func digits() -> Int {
                let from = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                return i - from
            }
            let intStart = i
            let intDigits = digits()
            guard intDigits > 0 else { throw fail("unexpected character") }
            if intDigits > 1 && b[intStart] == 0x30 { throw fail("bad number (leading zero)") }
            var integer = true
            var fractionDigits = 0
            if i < b.count, b[i] == 0x2E {
                i += 1
                integer = false
                fractionDigits = digits()
                guard fractionDigits > 0 else { throw fail("bad number") }
            }
            if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
                i += 1
                integer = false
                if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
                guard digits() > 0 else { throw fail("bad number") }
            }
            if integer && intDigits < 16 {
                var value = 0
                for k in intStart..<i { value = value * 10 + Int(b[k] - 0x30) }
                return Double(negative ? -value : value)
            }
            if fractionDigits > 0 && i - intStart - 1 == intDigits + fractionDigits && intDigits + fractionDigits < 16 {
                // No exponent, at most 15 significant digits: the digits as an integer are
                // exact in a Double, and so is 10^k (k ≤ 15); one correctly rounded division
                // gives the same Double as strtod (Clinger's fast path).
                var value = 0
                for k in intStart..<i where b[k] != 0x2E { value = value * 10 + Int(b[k] - 0x30) }
                let d = Double(value) / Self.powersOfTen[fractionDigits]
                return negative ? -d : d
            }
            guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) else { throw fail("bad number") }
            return d
        }

        static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

        mutating func string() throws(Failure) -> String {
            i += 1
            let start = i
            // Fast path: no escapes (found eight bytes at a time).
            i = ByteScan.firstJSONSpecial(b, from: i)
            guard i < b.count else { throw fail("unterminated string") }
            if b[i] == 0x22 {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            var out = Array(b[start..<i])
            while i < b.count {
                let c = b[i]
                if c == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
                if c < 0x20 { throw fail("control character in a string") }
                if c != 0x5C { out.append(c); i += 1; continue }
                guard i + 1 < b.count else { throw fail("bad escape") }
                let e = b[i + 1]
                i += 2
                switch e {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var code = try hex4()
                    // A high surrogate followed by a low one is a pair; any other surrogate
                    // becomes U+FFFD (and what follows is read on its own).
                    if code >= 0xD800 && code < 0xDC00, i + 5 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 {
                        let mark = i
                        i += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = mark
                        }
                    }
                    out += Array(String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8)
                default: throw fail("bad escape")
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard i + 4 <= b.count else { throw fail("bad \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x37)
                case 0x61...0x66: d = UInt32(c - 0x57)
                default: throw fail("bad \\u escape")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
    }
}
