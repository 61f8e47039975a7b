/// A character encoding a feed can be read in, recognised from the labels seen in the wild.
///
/// Why: a feed's encoding is named by a byte order mark, an HTTP `charset` or an XML
/// declaration, in a zoo of spellings (`ISO_8859-1`, `latin1`, `cp1252`, `"utf8"`). Labels
/// are matched as the WHATWG Encoding Standard does for the common ones: in particular
/// `ISO-8859-1`, Latin-1 and US-ASCII labels are read as **windows-1252**, their superset,
/// because bytes 0x80–0x9F in such feeds are in practice curly quotes and dashes, never C1
/// controls. Labels not known here are kept as `.other` and handed to the system's iconv.
///
/// ```swift
/// FeedEncoding(label: "ISO-8859-1")    // .windows1252
/// FeedEncoding(label: "latin9")        // .iso8859(15)
/// FeedEncoding(label: "Shift_JIS")     // .other("shift_jis")
/// ```
enum FeedEncoding: Equatable, Sendable {
    case utf8, utf16LE, utf16BE, utf32LE, utf32BE
    case windows1252
    /// ISO-8859-N, N in 2…16 (12 does not exist; 1 is `.windows1252`).
    case iso8859(Int)
    /// Any other well-formed label, lowercased; decoded with iconv when the system knows it.
    case other(String)

    /// The encoding a label names; nil for an empty or malformed label.
    init?(label raw: String) {
        let label = FeedEncoding.normalized(raw)
        guard !label.isEmpty, label.count <= 40,
              label.utf8.allSatisfy({ FeedEncoding.isLabelByte($0) }) else { return nil }
        if let known = FeedEncoding.unicodeLabels[label] {
            self = known
        } else if FeedEncoding.windows1252Labels.contains(label) {
            self = .windows1252
        } else if let part = FeedEncoding.iso8859Part(label) {
            self = part == 1 ? .windows1252 : .iso8859(part)
        } else {
            self = .other(label)
        }
    }

    /// The name used in problem messages and `ParsedFeed.encoding`.
    var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .utf32LE: "UTF-32LE"
        case .utf32BE: "UTF-32BE"
        case .windows1252: "windows-1252"
        case .iso8859(let n): "ISO-8859-\(n)"
        case .other(let label): label
        }
    }

    /// True for UTF-16 and UTF-32, whose text is not ASCII-compatible.
    var isWide: Bool {
        switch self {
        case .utf16LE, .utf16BE, .utf32LE, .utf32BE: true
        default: false
        }
    }

    /// Lowercased, without surrounding spaces or quotes.
    static func normalized(_ raw: String) -> String {
        var bytes = Array(raw.utf8)
        let strip: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'")]
        while let b = bytes.last, strip.contains(b) { bytes.removeLast() }
        while let b = bytes.first, strip.contains(b) { bytes.removeFirst() }
        return String(decoding: bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private static func isLabelByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
    }

    /// Unicode labels. A UTF-16/32 label without a byte order means big-endian (RFC 2781).
    private static let unicodeLabels: [String: FeedEncoding] = [
        "utf-8": .utf8, "utf8": .utf8, "unicode-1-1-utf-8": .utf8, "x-unicode20utf8": .utf8,
        "utf-16": .utf16BE, "utf16": .utf16BE, "ucs-2": .utf16BE, "iso-10646-ucs-2": .utf16BE, "unicode": .utf16BE,
        "utf-16be": .utf16BE, "utf-16le": .utf16LE, "unicodefffe": .utf16BE, "csunicode": .utf16BE,
        "utf-32": .utf32BE, "utf32": .utf32BE, "ucs-4": .utf32BE, "iso-10646-ucs-4": .utf32BE,
        "utf-32be": .utf32BE, "utf-32le": .utf32LE,
    ]

    /// Labels read as windows-1252 (WHATWG: ISO-8859-1, Latin-1 and ASCII are aliases of it).
    private static let windows1252Labels: Set<String> = [
        "windows-1252", "cp1252", "x-cp1252", "ms-ansi", "iso-8859-1", "iso8859-1", "iso_8859-1",
        "iso_8859-1:1987", "iso88591", "iso8859_1", "latin1", "latin-1", "l1", "cp819", "ibm819", "iso-ir-100",
        "csisolatin1", "us-ascii", "ascii", "us", "iso-ir-6", "ansi_x3.4-1968", "ansi_x3.4-1986",
        "iso646-us", "iso_646.irv:1991", "cp367", "ibm367", "csascii",
    ]

    private static let namedParts: [String: Int] = [
        "latin2": 2, "l2": 2, "latin3": 3, "l3": 3, "latin4": 4, "l4": 4, "cyrillic": 5, "arabic": 6,
        "greek": 7, "greek8": 7, "hebrew": 8, "latin5": 9, "l5": 9, "latin6": 10, "l6": 10, "latin7": 13,
        "latin8": 14, "latin9": 15, "latin-9": 15, "latin10": 16,
    ]

    /// N for `iso-8859-N` in its spellings (`iso8859-15`, `ISO_8859-15:1998`, `iso885915`, `latin9`).
    private static func iso8859Part(_ label: String) -> Int? {
        if let n = namedParts[label] { return n }
        for prefix in ["iso-8859-", "iso8859-", "iso_8859-", "iso8859_", "iso_8859_", "iso8859"]
        where label.hasPrefix(prefix) {
            var rest = label.dropFirst(prefix.count)
            if let cut = rest.firstIndex(where: { $0 == ":" || $0 == "-" }) {
                // `iso-8859-8-i`, `iso_8859-2:1987`
                rest = rest[..<cut]
            }
            guard let n = Int(rest), (1...16).contains(n), n != 12 else { return nil }
            return n
        }
        return nil
    }
}
