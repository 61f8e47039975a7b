import VigilCore

/// Decides a feed's encoding and turns its bytes into the UTF-8 document libxml2 is given.
///
/// Why: libxml2 trusts the declaration and stops at the first byte that contradicts it, so
/// a feed that says UTF-8 but holds one windows-1252 quote loses every item after it. Vigil
/// decides the encoding itself, the way serious feed parsers do, transcodes in Swift (never
/// failing), blanks the declaration's `encoding` and tells libxml2 the input is UTF-8.
///
/// The rules, in order of authority:
/// 1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE), or failing that the XML
///    specification's byte patterns for BOM-less UTF-16/32 (`<` or whitespace with NULs);
/// 2. the transport's `charset` (an HTTP `Content-Type` parameter; nil for local files);
/// 3. the XML declaration's `encoding`;
/// 4. UTF-8.
///
/// When the bytes are not valid in the encoding so named, or the name is one no converter
/// knows, the most plausible encoding is used instead and the feed gets ONE
/// `ingest.encoding_mismatch` problem naming the declared and the used encoding: valid
/// UTF-8 (with at least one multi-byte sequence, when a legacy encoding was named) → UTF-8;
/// mostly valid UTF-8 with a few stray bytes → UTF-8 with those bytes read as windows-1252;
/// otherwise windows-1252. A UTF-16/32 label on a document that has neither a BOM nor the
/// UTF-16/32 byte pattern is a lie by construction (the declaration was readable as ASCII).
/// Bytes the used encoding leaves undefined become U+FFFD and are counted in that problem.
/// C0 control characters that XML forbids are removed (a NUL would end the document) and
/// counted in one `ingest.invalid_characters` problem.
///
/// ```swift
/// let decoded = FeedDecoder.decode(bytes, charset: "iso-8859-15", file: "feeds/a.xml")
/// decoded.encoding   // "ISO-8859-15"
/// ```
enum FeedDecoder {
    /// The UTF-8 document, the name of the encoding used, and problems.
    struct Result {
        var bytes: [UInt8]
        var encoding: String
        var problems: [VigilError]
    }

    static func decode(_ data: [UInt8], charset: String?, file: String) -> Result {
        let (declared, source, skip) = declaredEncoding(data, charset: charset)
        let body = data[skip...]
        var problems: [VigilError] = []
        var (bytes, used, replaced, trusted) = transcode(body, as: declared, physical: source.isPhysical)
        if used != declared.name || replaced > 0 || !trusted {
            let what = used == declared.name ? "read as \(used) anyway" : "read as \(used) instead"
            let lost = replaced > 0 ? "; \(replaced) undecodable byte sequence(s) replaced with U+FFFD" : ""
            let why = trusted ? "its bytes are not valid \(declared.name)" : "no converter is known for it"
            problems.append(VigilError(
                .ingest, "encoding_mismatch",
                "feed is labelled \(declared.name) (\(source.description)) but \(why); \(what)\(lost)", file: file))
        }
        let removed = Transcoder.removeControls(&bytes)
        if removed > 0 {
            problems.append(VigilError(
                .ingest, "invalid_characters",
                "\(removed) control character(s) that XML does not allow were removed", file: file))
        }
        XMLDeclaration.blankEncoding(&bytes)
        return Result(bytes: bytes, encoding: used, problems: problems)
    }

    /// Where the encoding name came from.
    enum Source: CustomStringConvertible {
        case byteOrderMark, bytePattern, transport, declaration, byDefault

        /// True when the bytes themselves show the encoding (no label to distrust).
        var isPhysical: Bool { self == .byteOrderMark || self == .bytePattern }

        var description: String {
            switch self {
            case .byteOrderMark: "byte order mark"
            case .bytePattern: "byte pattern without BOM"
            case .transport: "transport charset"
            case .declaration: "XML declaration"
            case .byDefault: "no declaration, so UTF-8 by default"
            }
        }
    }

    /// The named encoding, where the name came from, and how many BOM bytes to skip.
    static func declaredEncoding(_ data: [UInt8], charset: String?) -> (FeedEncoding, Source, Int) {
        let head = Array(data.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - data.count))
        switch (head[0], head[1], head[2], head[3]) {
        case (0x00, 0x00, 0xFE, 0xFF): return (.utf32BE, .byteOrderMark, 4)
        case (0xFF, 0xFE, 0x00, 0x00): return (.utf32LE, .byteOrderMark, 4)
        case (0xEF, 0xBB, 0xBF, _): return (.utf8, .byteOrderMark, 3)
        case (0xFE, 0xFF, _, _): return (.utf16BE, .byteOrderMark, 2)
        case (0xFF, 0xFE, _, _): return (.utf16LE, .byteOrderMark, 2)
        case (0x00, 0x00, 0x00, let d) where d != 0: return (.utf32BE, .bytePattern, 0)
        case (let a, 0x00, 0x00, 0x00) where a != 0: return (.utf32LE, .bytePattern, 0)
        case (0x00, let b, 0x00, let d) where b != 0 && d != 0: return (.utf16BE, .bytePattern, 0)
        case (let a, 0x00, let c, 0x00) where a != 0 && c != 0: return (.utf16LE, .bytePattern, 0)
        default: break
        }
        if let charset, let encoding = FeedEncoding(label: charset) { return (encoding, .transport, 0) }
        if let label = XMLDeclaration.encoding(in: Array(data.prefix(XMLDeclaration.window + 64)))?.label,
           let encoding = FeedEncoding(label: label) {
            return (encoding, .declaration, 0)
        }
        return (.utf8, .byDefault, 0)
    }

    /// Transcodes `body`: UTF-8 bytes, the encoding used, bytes replaced, and whether a
    /// converter for `declared` was known.
    private static func transcode(_ body: ArraySlice<UInt8>, as declared: FeedEncoding, physical: Bool)
        -> (bytes: [UInt8], used: String, replaced: Int, trusted: Bool) {
        switch declared {
        case .utf8:
            let stats = Transcoder.scanUTF8(body)
            if stats.invalid == 0 { return (Array(body), "UTF-8", 0, true) }
            if physical {
                let r = Transcoder.repairUTF8(body)
                return (r.bytes, "UTF-8", r.replaced, true)
            }
            return fallback(body, stats: stats, trusted: true)
        case .utf16LE, .utf16BE, .utf32LE, .utf32BE:
            guard physical else { return fallback(body, stats: Transcoder.scanUTF8(body), trusted: true) }
            let r = declared == .utf16LE || declared == .utf16BE
                ? Transcoder.decodeUTF16(body, bigEndian: declared == .utf16BE)
                : Transcoder.decodeUTF32(body, bigEndian: declared == .utf32BE)
            return (r.bytes, declared.name, r.replaced, true)
        case .windows1252, .iso8859, .other:
            let stats = Transcoder.scanUTF8(body)
            if stats.invalid == 0, stats.multibyte > 0 { return (Array(body), "UTF-8", 0, true) }
            if stats.invalid == 0, declared != .other(declared.name) {
                return (Array(body), declared.name, 0, true)  // ASCII reads the same in every table
            }
            guard let r = legacy(body, declared) else { return fallback(body, stats: stats, trusted: false) }
            return (r.bytes, declared.name, r.replaced, true)
        }
    }

    /// A legacy (non-Unicode) encoding through its table or iconv; nil when unknown.
    private static func legacy(_ body: ArraySlice<UInt8>, _ encoding: FeedEncoding) -> (bytes: [UInt8], replaced: Int)? {
        switch encoding {
        case .windows1252: Transcoder.decodeSingleByte(body, upper: nil)
        case .iso8859(let n): SingleByteTables.iso8859Upper[n].map { Transcoder.decodeSingleByte(body, upper: $0) }
        case .other(let label): Transcoder.decodeIconv(body, label: label)
        default: nil
        }
    }

    /// The most plausible reading when the named encoding does not fit: UTF-8 if valid,
    /// UTF-8 with stray windows-1252 bytes if mostly UTF-8, else windows-1252.
    private static func fallback(_ body: ArraySlice<UInt8>, stats: Transcoder.UTF8Stats, trusted: Bool)
        -> (bytes: [UInt8], used: String, replaced: Int, trusted: Bool) {
        if stats.invalid == 0 { return (Array(body), "UTF-8", 0, trusted) }
        if stats.multibyte > 0, stats.multibyte >= stats.invalid {
            let r = Transcoder.repairUTF8(body, strayAsWindows1252: true)
            return (r.bytes, "UTF-8 with \(stats.invalid) stray windows-1252 byte(s)", r.replaced, trusted)
        }
        let r = Transcoder.decodeSingleByte(body, upper: nil)
        return (r.bytes, "windows-1252", r.replaced, trusted)
    }
}
