/// Byte-level conversions to UTF-8 that never fail: what cannot be read becomes U+FFFD and
/// is counted.
///
/// Why: libxml2 stops parsing at the first byte its converter rejects, losing every item
/// after it, and Swift's `String(decoding:)` repairs silently. These functions repair *and*
/// count, so that `FeedDecoder` and `TranscriptParser` can report how much was lost. Invalid
/// UTF-8 is replaced per maximal subpart (the Unicode-recommended practice, the same as
/// `String(decoding:as:)`), so a count here equals the number of U+FFFD Swift would insert.
///
/// ```swift
/// let (utf8, replaced) = Transcoder.repairUTF8(Array("caf\u{E9}".utf8)[...] + [0xFF])
/// // replaced == 1, utf8 ends with EF BF BD
/// ```
enum Transcoder {
    /// Counts of one UTF-8 scan: invalid maximal subparts, valid multi-byte sequences, and
    /// C0 control bytes that XML forbids (all but tab, line feed and carriage return).
    typealias UTF8Stats = (invalid: Int, multibyte: Int, controls: Int)

    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Scans `bytes` as UTF-8 without copying.
    static func scanUTF8(_ bytes: ArraySlice<UInt8>) -> UTF8Stats {
        bytes.withUnsafeBufferPointer { b in
            var stats: UTF8Stats = (0, 0, 0)
            var i = 0
            while i < b.count {
                let lead = b[i]
                if lead < 0x80 {
                    if lead < 0x20, lead != 0x09, lead != 0x0A, lead != 0x0D { stats.controls += 1 }
                    i += 1
                    continue
                }
                let (length, valid) = sequence(b, at: i)
                if valid { stats.multibyte += 1 } else { stats.invalid += 1 }
                i += length
            }
            return stats
        }
    }

    /// Copies `bytes`, replacing each invalid maximal subpart with U+FFFD, or, when
    /// `strayAsWindows1252` is set, reading each of its bytes as windows-1252 (for documents
    /// that are UTF-8 with a few pasted Windows bytes).
    static func repairUTF8(_ bytes: ArraySlice<UInt8>, strayAsWindows1252: Bool = false) -> (bytes: [UInt8], replaced: Int) {
        bytes.withUnsafeBufferPointer { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count + b.count / 16)
            var replaced = 0
            var i = 0
            while i < b.count {
                if b[i] < 0x80 {
                    out.append(b[i])
                    i += 1
                    continue
                }
                let (length, valid) = sequence(b, at: i)
                if valid {
                    out.append(contentsOf: b[i..<(i + length)])
                } else if strayAsWindows1252 {
                    for k in i..<(i + length) {
                        let scalar = windows1252(b[k])
                        if scalar == 0xFFFD { replaced += 1 }
                        appendScalar(scalar, to: &out)
                    }
                } else {
                    replaced += 1
                    out.append(contentsOf: replacement)
                }
                i += length
            }
            return (out, replaced)
        }
    }

    /// Decodes UTF-16 (`bigEndian` or little-endian); lone surrogates and an odd last byte
    /// become U+FFFD.
    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> (bytes: [UInt8], replaced: Int) {
        let base = bytes.startIndex
        let units = (0..<(bytes.count / 2)).lazy.map { k -> UInt16 in
            let a = UInt16(bytes[base + 2 * k]), b = UInt16(bytes[base + 2 * k + 1])
            return bigEndian ? a << 8 | b : b << 8 | a
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var replaced = bytes.count % 2
        var iterator = units.makeIterator()
        var codec = UTF16()
        loop: while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let s): appendScalar(s.value, to: &out)
            case .error:
                replaced += 1
                out.append(contentsOf: replacement)
            case .emptyInput: break loop
            }
        }
        if bytes.count % 2 == 1 { out.append(contentsOf: replacement) }
        return (out, replaced)
    }

    /// Decodes UTF-32; values that are not scalars and a partial last unit become U+FFFD.
    static func decodeUTF32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> (bytes: [UInt8], replaced: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var replaced = 0
        var k = bytes.startIndex
        while k + 3 < bytes.endIndex {
            let q = (0..<4).map { UInt32(bytes[k + $0]) }
            let value = bigEndian ? q[0] << 24 | q[1] << 16 | q[2] << 8 | q[3] : q[3] << 24 | q[2] << 16 | q[1] << 8 | q[0]
            if Unicode.Scalar(value) != nil {
                appendScalar(value, to: &out)
            } else {
                replaced += 1
                out.append(contentsOf: replacement)
            }
            k += 4
        }
        if k < bytes.endIndex {
            replaced += 1
            out.append(contentsOf: replacement)
        }
        return (out, replaced)
    }

    /// Decodes a single-byte encoding: ASCII as is, 0x80–0x9F through windows-1252, and
    /// 0xA0–0xFF through `upper` (96 entries; nil means Latin-1). Undefined bytes become U+FFFD.
    static func decodeSingleByte(_ bytes: ArraySlice<UInt8>, upper: [UInt16]?) -> (bytes: [UInt8], replaced: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var replaced = 0
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar = byte < 0xA0 ? windows1252(byte) : upper.map { UInt32($0[Int(byte) - 0xA0]) } ?? UInt32(byte)
            if scalar == 0xFFFD { replaced += 1 }
            appendScalar(scalar, to: &out)
        }
        return (out, replaced)
    }

    /// Removes the C0 control characters XML forbids (they would make libxml2 drop text, and a
    /// NUL ends the document); returns how many were removed.
    static func removeControls(_ bytes: inout [UInt8]) -> Int {
        var kept = 0
        for k in 0..<bytes.count {
            let b = bytes[k]
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { continue }
            bytes[kept] = b
            kept += 1
        }
        let removed = bytes.count - kept
        bytes.removeLast(removed)
        return removed
    }

    /// The scalar windows-1252 gives a byte 0x80–0xFF (0xFFFD for the five undefined ones).
    static func windows1252(_ byte: UInt8) -> UInt32 {
        byte >= 0xA0 || byte < 0x80 ? UInt32(byte) : UInt32(SingleByteTables.windows1252High[Int(byte) - 0x80])
    }

    /// Appends the UTF-8 form of scalar value `v` (assumed valid).
    static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800: out += [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        case 0x800..<0x10000:
            out += [UInt8(0xE0 | v >> 12), UInt8(0x80 | (v >> 6) & 0x3F), UInt8(0x80 | v & 0x3F)]
        default:
            out += [UInt8(0xF0 | v >> 18), UInt8(0x80 | (v >> 12) & 0x3F), UInt8(0x80 | (v >> 6) & 0x3F),
                    UInt8(0x80 | v & 0x3F)]
        }
    }

    /// The UTF-8 sequence starting with the non-ASCII byte at `i`: its length and whether it is
    /// valid; when invalid, the length of the maximal subpart (at least 1).
    private static func sequence(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Bool) {
        let lead = b[i]
        let need: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: need = 2
        case 0xED: need = 2; high = 0x9F
        case 0xF0: need = 3; low = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; high = 0x8F
        default: return (1, false)
        }
        for k in 1...need {
            guard i + k < b.count else { return (k, false) }
            let c = b[i + k]
            let range: ClosedRange<UInt8> = k == 1 ? low...high : 0x80...0xBF
            guard range.contains(c) else { return (k, false) }
        }
        return (need + 1, true)
    }
}
