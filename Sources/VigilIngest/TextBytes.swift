/// Valid UTF-8 text seen as bytes, with offsets for positions: what the subtitle parsers scan.
///
/// Why: the WebVTT, SRT and plain-text parsers spent half of ingest in `Character` and
/// `String.Index` work (13–30 MB/s); bytes scan at ~400 MB/s. The parsers' delimiters are
/// ASCII, so a byte loop finds them, and a `String` is made only for each output field.
/// The Unicode meaning the String code had (a `<` glued to a combining mark is no tag,
/// whitespace is a `Character` whose first scalar is White_Space) is kept by the grapheme
/// checks in `TextBytes+Graphemes.swift`.
///
/// The buffer is borrowed: a `TextBytes` must not outlive the closure that lent it.
///
/// ```swift
/// var text = "00:01.000 --> 00:02.000"
/// text.withUTF8 { TextBytes($0).arrow(in: 0..<$0.count) }   // 10
/// ```
struct TextBytes {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var count: Int { bytes.count }

    subscript(i: Int) -> UInt8 { bytes[i] }

    /// The bytes of `range` as a String (the bytes are valid UTF-8, so nothing is repaired).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// True when every byte of `range` is ASCII.
    func isASCII(_ range: Range<Int>) -> Bool {
        for i in range where bytes[i] >= 0x80 { return false }
        return true
    }

    /// True when `range` holds only spaces and tabs (or nothing).
    func isBlank(_ range: Range<Int>) -> Bool {
        for i in range where bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
        return true
    }

    /// True when the bytes at `i` are `ascii` (all of it inside `range`).
    func hasPrefix(_ ascii: StaticString, at i: Int, before end: Int) -> Bool {
        let n = ascii.utf8CodeUnitCount
        guard end - i >= n else { return false }
        let p = ascii.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { return false }
        return true
    }

    /// The offset of the first subtitle arrow `-->` in `range`, or nil.
    func arrow(in range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let last = range.upperBound - 2
        while i < last {
            if bytes[i] == 0x2D, bytes[i + 1] == 0x2D, bytes[i + 2] == 0x3E { return i }
            i += 1
        }
        return nil
    }

    /// The scalar starting at byte `i` and its length in bytes.
    func scalar(at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F), 4)
    }

    /// The scalar ending just before byte `i` and the offset where it starts.
    func scalar(before i: Int) -> (value: UInt32, start: Int) {
        var s = i - 1
        while bytes[s] & 0xC0 == 0x80 { s -= 1 }
        return (scalar(at: s).value, s)
    }
}
