/// Readers for a known layout: the records Vigil writes itself (keys in sorted order, no
/// spaces) are read straight into their fields, without a tree of values. A reader accepts
/// only that layout, built from the same strict pieces as `FastJSON.parse`; any other
/// shape (keys in another order, duplicates, a `null` where a value was expected, an
/// escaped key) makes it give up, and the record is read by the general parser instead, so
/// both ways give the same value for every line the fast one accepts.
extension FastJSON {
    public struct GiveUp: Error {}

    public struct LayoutReader {
        var p: Parser

        init(_ b: UnsafeBufferPointer<UInt8>) { p = Parser(b: b) }

        /// Consumes `"key":` when it comes next.
        mutating func key(_ k: StaticString) -> Bool {
            p.skip()
            let b = p.b, i = p.i
            return k.withUTF8Buffer { kb -> Bool in
                let close = i + 1 + kb.count
                guard close < b.count, b[i] == 0x22, b[close] == 0x22 else { return false }
                for j in 0..<kb.count where b[i + 1 + j] != kb[j] { return false }
                var q = close + 1
                while q < b.count, b[q] == 0x20 || b[q] == 0x0A || b[q] == 0x0D || b[q] == 0x09 { q += 1 }
                guard q < b.count, b[q] == 0x3A else { return false }
                p.i = q + 1
                return true
            }
        }

        /// Consumes `c` when it comes next.
        mutating func take(_ c: UInt8) -> Bool {
            p.skip()
            guard p.i < p.b.count, p.b[p.i] == c else { return false }
            p.i += 1
            return true
        }

        mutating func expect(_ c: UInt8) throws(GiveUp) { if !take(c) { throw GiveUp() } }

        mutating func string() throws(GiveUp) -> String {
            p.skip()
            guard p.i < p.b.count, p.b[p.i] == 0x22 else { throw GiveUp() }
            do { return try p.string() } catch { throw GiveUp() }
        }

        /// A string or `null`.
        mutating func optionalString() throws(GiveUp) -> String? {
            if null() { return nil }
            return try string()
        }

        mutating func number() throws(GiveUp) -> Double {
            p.skip()
            guard p.i < p.b.count, p.b[p.i] == 0x2D || (p.b[p.i] >= 0x30 && p.b[p.i] <= 0x39) else { throw GiveUp() }
            do { return try p.number() } catch { throw GiveUp() }
        }

        /// A number or `null`.
        mutating func optionalNumber() throws(GiveUp) -> Double? {
            if null() { return nil }
            return try number()
        }

        mutating func int() throws(GiveUp) -> Int {
            guard let v = Int(exactly: try number()) else { throw GiveUp() }
            return v
        }

        mutating func bool() throws(GiveUp) -> Bool {
            p.skip()
            if p.i < p.b.count, p.b[p.i] == 0x74, (try? p.literal("true")) != nil { return true }
            if p.i < p.b.count, p.b[p.i] == 0x66, (try? p.literal("false")) != nil { return false }
            throw GiveUp()
        }

        /// `[int, …]`: plain integers (up to 15 digits, no fraction or exponent) read
        /// digit by digit; anything else gives up.
        mutating func ints() throws(GiveUp) -> [Int] {
            try expect(0x5B)
            var out: [Int] = []
            if take(0x5D) { return out }
            let b = p.b
            var i = p.i
            while true {
                while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
                var negative = false
                if i < b.count, b[i] == 0x2D { negative = true; i += 1 }
                let first = i
                var v = 0
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { v = v &* 10 &+ Int(b[i] &- 0x30); i += 1 }
                let digits = i - first
                guard digits > 0, digits < 16, digits == 1 || b[first] != 0x30 else { throw GiveUp() }
                while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
                guard i < b.count else { throw GiveUp() }
                out.append(negative ? -v : v)
                if b[i] == 0x2C { i += 1; continue }
                if b[i] == 0x5D { p.i = i + 1; return out }
                throw GiveUp()
            }
        }

        mutating func null() -> Bool {
            p.skip()
            guard p.i < p.b.count, p.b[p.i] == 0x6E, (try? p.literal("null")) != nil else { return false }
            return true
        }

        /// Only white space is left.
        mutating func end() throws(GiveUp) {
            p.skip()
            guard p.i == p.b.count else { throw GiveUp() }
        }
    }
}

/// Fields of a known layout, for the hand-written readers: `field` reads `"key": value` and
/// the `,` (or the closing `}` when `last`) after it; `optionalField` the same for a key the
/// writer leaves out when it has no value. The value readers below are passed to them.
extension FastJSON.LayoutReader {
    public typealias Read<V> = (inout Self) throws(FastJSON.GiveUp) -> V

    mutating func field<V>(_ k: StaticString, last: Bool = false, _ read: Read<V>) throws(FastJSON.GiveUp) -> V {
        guard key(k) else { throw FastJSON.GiveUp() }
        let v = try read(&self)
        try expect(last ? 0x7D : 0x2C)
        return v
    }

    mutating func optionalField<V>(_ k: StaticString, _ read: Read<V>) throws(FastJSON.GiveUp) -> V? {
        guard key(k) else { return nil }
        let v = try read(&self)
        try expect(0x2C)
        return v
    }

    /// `[item, …]`.
    mutating func array<V>(_ read: Read<V>) throws(FastJSON.GiveUp) -> [V] {
        try expect(0x5B)
        var out: [V] = []
        if take(0x5D) { return out }
        repeat { out.append(try read(&self)) } while take(0x2C)
        try expect(0x5D)
        return out
    }

    static func string(_ r: inout Self) throws(FastJSON.GiveUp) -> String { try r.string() }
    static func stringOrNull(_ r: inout Self) throws(FastJSON.GiveUp) -> String? { try r.optionalString() }
    static func number(_ r: inout Self) throws(FastJSON.GiveUp) -> Double { try r.number() }
    static func numberOrNull(_ r: inout Self) throws(FastJSON.GiveUp) -> Double? { try r.optionalNumber() }
    static func int(_ r: inout Self) throws(FastJSON.GiveUp) -> Int { try r.int() }
    static func intOrNull(_ r: inout Self) throws(FastJSON.GiveUp) -> Int? { r.null() ? nil : try r.int() }
    static func bool(_ r: inout Self) throws(FastJSON.GiveUp) -> Bool { try r.bool() }
    static func ints(_ r: inout Self) throws(FastJSON.GiveUp) -> [Int] { try r.ints() }
    static func strings(_ r: inout Self) throws(FastJSON.GiveUp) -> [String] { try r.array(string) }
}
