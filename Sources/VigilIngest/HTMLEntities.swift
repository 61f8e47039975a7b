/// The HTML named entities that feeds use although XML does not define them.
///
/// Why: `&nbsp;`, `&eacute;` or `&mdash;` in a feed without a DTD are undeclared in XML;
/// libxml2 in recover mode drops them and the title loses its text. So `FeedParser` runs
/// `rewrite` before parsing: every known HTML entity becomes the equivalent numeric
/// character reference, which XML always understands, and every bare `&` that starts no
/// reference (`Q&A`, `?a=1&b=2`) becomes `&amp;`. CDATA sections, comments and
/// processing instructions are copied untouched. Unknown names (including ones a DTD
/// declares, such as an `&xxe;` payload) are left for libxml2, which never expands them.
///
/// ```swift
/// HTMLEntities.rewrite(Array("<t>Caf&eacute; &amp; Q&A</t>".utf8))
/// // "<t>Caf&#233; &amp; Q&amp;A</t>"
/// ```
enum HTMLEntities {
    /// Latin-1 entity names for U+00A0 … U+00FF, in code point order (HTML 4).
    static let latin1: [String] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
        "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
        "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
        "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
        "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
        "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
        "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
        "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
        "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute",
        "ucirc", "uuml", "yacute", "thorn", "yuml",
    ]

    /// Name → Unicode scalar value: Latin-1, typography, a few symbols, and the XML five.
    static let table: [String: UInt32] = {
        var t: [String: UInt32] = [:]
        for (i, name) in latin1.enumerated() { t[name] = 0xA0 + UInt32(i) }
        let more: [(String, UInt32)] = [
            ("amp", 0x26), ("lt", 0x3C), ("gt", 0x3E), ("quot", 0x22), ("apos", 0x27),
            ("OElig", 0x152), ("oelig", 0x153), ("Scaron", 0x160), ("scaron", 0x161), ("Yuml", 0x178),
            ("fnof", 0x192), ("circ", 0x2C6), ("tilde", 0x2DC), ("ensp", 0x2002), ("emsp", 0x2003),
            ("thinsp", 0x2009), ("zwnj", 0x200C), ("zwj", 0x200D), ("lrm", 0x200E), ("rlm", 0x200F),
            ("ndash", 0x2013), ("mdash", 0x2014), ("lsquo", 0x2018), ("rsquo", 0x2019),
            ("sbquo", 0x201A), ("ldquo", 0x201C), ("rdquo", 0x201D), ("bdquo", 0x201E),
            ("dagger", 0x2020), ("Dagger", 0x2021), ("bull", 0x2022), ("hellip", 0x2026),
            ("permil", 0x2030), ("prime", 0x2032), ("Prime", 0x2033), ("lsaquo", 0x2039),
            ("rsaquo", 0x203A), ("oline", 0x203E), ("euro", 0x20AC), ("trade", 0x2122),
            ("larr", 0x2190), ("uarr", 0x2191), ("rarr", 0x2192), ("darr", 0x2193), ("harr", 0x2194),
            ("minus", 0x2212), ("hearts", 0x2665),
        ]
        for (name, value) in more { t[name] = value }
        return t
    }()

    /// The five entities XML predefines; they are left as they are.
    static func isPredefined(_ name: String) -> Bool {
        name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos"
    }

    /// Rewrites HTML entities and bare ampersands (see the type's summary).
    ///
    /// Documents in UTF-16 or UTF-32 (a BOM or NUL bytes at the start) are returned
    /// unchanged: the byte scan assumes an ASCII-compatible encoding.
    static func rewrite(_ data: [UInt8]) -> [UInt8] {
        guard data.contains(UInt8(ascii: "&")), isASCIICompatible(data) else { return data }
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 64)
        var i = 0
        let n = data.count
        while i < n {
            let b = data[i]
            if b == UInt8(ascii: "<") {
                if let end = skipVerbatim(data, from: i) {
                    out.append(contentsOf: data[i..<end])
                    i = end
                    continue
                }
                out.append(b)
                i += 1
            } else if b == UInt8(ascii: "&") {
                i = rewriteReference(data, at: i, into: &out)
            } else {
                var j = i + 1
                while j < n, data[j] != UInt8(ascii: "<"), data[j] != UInt8(ascii: "&") { j += 1 }
                out.append(contentsOf: data[i..<j])
                i = j
            }
        }
        return out
    }

    /// Handles the `&` at `i`; returns the index after what was consumed.
    private static func rewriteReference(_ data: [UInt8], at i: Int, into out: inout [UInt8]) -> Int {
        var j = i + 1
        if j < data.count, data[j] == UInt8(ascii: "#") {
            out.append(UInt8(ascii: "&"))  // numeric reference: libxml2 judges it
            return i + 1
        }
        while j < data.count, j - i <= 32, isNameByte(data[j]) { j += 1 }
        guard j > i + 1, j < data.count, data[j] == UInt8(ascii: ";") else {
            out.append(contentsOf: Array("&amp;".utf8))
            return i + 1
        }
        let name = String(decoding: data[(i + 1)..<j], as: UTF8.self)
        if !isPredefined(name), let value = table[name] {
            out.append(contentsOf: Array("&#\(value);".utf8))
        } else {
            out.append(contentsOf: data[i...j])
        }
        return j + 1
    }

    /// If a CDATA section, comment or processing instruction starts at `i`, the index after it.
    private static func skipVerbatim(_ data: [UInt8], from i: Int) -> Int? {
        for form in verbatimForms where hasPrefix(data, form.open, at: i) {
            var j = i + form.open.count
            while j < data.count {
                if hasPrefix(data, form.close, at: j) { return j + form.close.count }
                j += 1
            }
            return data.count
        }
        return nil
    }

    /// Constructs whose content is not markup: CDATA sections, comments, processing instructions.
    private static let verbatimForms: [(open: [UInt8], close: [UInt8])] = [
        (Array("<![CDATA[".utf8), Array("]]>".utf8)),
        (Array("<!--".utf8), Array("-->".utf8)),
        (Array("<?".utf8), Array("?>".utf8)),
    ]

    private static func hasPrefix(_ data: [UInt8], _ prefix: [UInt8], at i: Int) -> Bool {
        guard i + prefix.count <= data.count else { return false }
        for k in 0..<prefix.count where data[i + k] != prefix[k] { return false }
        return true
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private static func isASCIICompatible(_ data: [UInt8]) -> Bool {
        if data.count >= 2, (data[0] == 0xFE && data[1] == 0xFF) || (data[0] == 0xFF && data[1] == 0xFE) {
            return false
        }
        return !data.prefix(4).contains(0)
    }
}
