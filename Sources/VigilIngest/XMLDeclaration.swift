/// Finds and blanks the `encoding` pseudo-attribute of an XML declaration (`<?xml … ?>`).
///
/// Why: `FeedDecoder` reads the declared encoding from the raw bytes (ASCII-compatible
/// encodings only), transcodes the document to UTF-8 itself, and must then stop libxml2 from
/// switching to the declared encoding again. Blanking the attribute with spaces keeps every
/// byte offset and line of the document unchanged.
///
/// ```swift
/// var bytes = Array(#"<?xml version="1.0" encoding="latin1"?><rss/>"#.utf8)
/// XMLDeclaration.encoding(in: bytes)?.label   // "latin1"
/// XMLDeclaration.blankEncoding(&bytes)         // <?xml version="1.0"                  ?><rss/>
/// ```
enum XMLDeclaration {
    /// The declaration is looked for in this many leading bytes.
    static let window = 512

    /// The declared label and the byte range of ` encoding="…"` (leading space included).
    static func encoding(in bytes: [UInt8]) -> (label: String, range: Range<Int>)? {
        var i = 0
        while i < bytes.count, i < 64, isSpace(bytes[i]) { i += 1 }
        guard hasPrefix(bytes, "<?xml", at: i), i + 5 < bytes.count, isSpace(bytes[i + 5]) else { return nil }
        let limit = min(bytes.count, i + window)
        var j = i + 5
        while j + 1 < limit, !(bytes[j] == UInt8(ascii: "?") && bytes[j + 1] == UInt8(ascii: ">")) {
            if isSpace(bytes[j]), hasPrefix(bytes, "encoding", at: j + 1),
               let found = attributeValue(bytes, nameEnd: j + 9, limit: limit) {
                return (found.value, j..<found.end)
            }
            j += 1
        }
        return nil
    }

    /// Replaces ` encoding="…"` with spaces; no change when there is none.
    static func blankEncoding(_ bytes: inout [UInt8]) {
        guard let found = encoding(in: bytes) else { return }
        for k in found.range { bytes[k] = 0x20 }
    }

    /// Reads `= "value"` after an attribute name; the value and the index after its quote.
    private static func attributeValue(_ b: [UInt8], nameEnd: Int, limit: Int) -> (value: String, end: Int)? {
        var k = nameEnd
        while k < limit, isSpace(b[k]) { k += 1 }
        guard k < limit, b[k] == UInt8(ascii: "=") else { return nil }
        k += 1
        while k < limit, isSpace(b[k]) { k += 1 }
        guard k < limit, b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") else { return nil }
        let quote = b[k]
        let start = k + 1
        var end = start
        while end < limit, b[end] != quote, end - start < 64 { end += 1 }
        guard end < limit, b[end] == quote else { return nil }
        return (String(decoding: b[start..<end], as: UTF8.self), end + 1)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func hasPrefix(_ b: [UInt8], _ s: StaticString, at i: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i >= 0, i + n <= b.count else { return false }
        for k in 0..<n where b[i + k] != s.utf8Start[k] { return false }
        return true
    }
}
