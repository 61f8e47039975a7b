/// Reduces a title or description that may hold HTML to plain text.
///
/// Why: feeds put markup in titles and descriptions, escaped once (`&lt;b&gt;`, which XML
/// turns into `<b>`) or inside CDATA, and often escape entities twice (`&amp;eacute;`, which
/// XML turns into `&eacute;`). Reviewers need the words. The reduction:
/// 1. removes tags of **known HTML elements** (`<b>`, `</p>`, `<a href=…>`, `<br/>`) and HTML
///    comments; block elements leave a space; `script` and `style` lose their content too.
///    Anything else that starts with `<` is text (`x < y`, `<3`, `<more>`);
/// 2. decodes character references once: HTML named entities (`HTMLEntities.table`) and
///    numeric ones, so a double-escaped `&amp;eacute;` ends as `é` and `&amp;amp;` as `&amp;`;
///    a bare `&` stays;
/// 3. collapses every run of whitespace (NBSP included) to one space and trims;
/// 4. keeps at most `limit` characters.
///
/// ```swift
/// HTMLText.plain("<p>Caf&eacute; <b>talk</b></p><p>Q&A</p>")   // "Café talk Q&A"
/// ```
enum HTMLText {
    /// Plain text of `html`, at most `limit` characters when given.
    static func plain(_ html: String, limit: Int? = nil) -> String {
        var html = html
        if let limit, html.utf8.count > limit * 32 {
            // Show notes can run to megabytes; markup rarely outweighs text 32 to 1.
            html = String(html.unicodeScalars.prefix(limit * 32))
        }
        var text = html
        if html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) {
            text = decodeReferences(stripTags(Array(html.utf8)))
        }
        text = FeedElement.collapsed(text)
        if let limit, text.count > limit {
            text = FeedElement.trimmed(String(text.prefix(limit))) ?? ""
        }
        return text
    }

    /// HTML elements whose tags are removed.
    static let elements: Set<String> = Set<String>([
        "a", "abbr", "acronym", "b", "big", "cite", "code", "del", "dfn", "em", "font", "i", "img", "ins",
        "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt",
        "u", "var", "wbr", "audio", "video", "source", "picture", "embed", "object", "param", "iframe",
        "meta", "link", "label", "button", "input", "center",
    ]).union(blocks).union(dropsContent)

    /// Elements that separate words: their tags become a space.
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "ul", "caption",
    ]

    /// Elements whose content is not text.
    static let dropsContent: Set<String> = ["script", "style", "template"]

    /// Removes known tags and comments (see the type's summary).
    static func stripTags(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else {
                out.append(b[i])
                i += 1
                continue
            }
            if starts(b, "<!--", at: i) {
                i = find(b, "-->", from: i + 4).map { $0 + 3 } ?? b.count
                out.append(0x20)
                continue
            }
            guard let tag = readTag(b, at: i) else {
                out.append(b[i])
                i += 1
                continue
            }
            i = tag.end
            if blocks.contains(tag.name) { out.append(0x20) }
            if dropsContent.contains(tag.name), !tag.closing {
                // Skip to the matching end tag (or the end of the text).
                i = find(b, "</" + tag.name, from: i, caseInsensitive: true)
                    .map { readTag(b, at: $0)?.end ?? b.count } ?? b.count
            }
        }
        return out
    }

    /// A known element's tag at `i`: its lowercased name, whether it closes, the index after `>`.
    private static func readTag(_ b: [UInt8], at i: Int) -> (name: String, closing: Bool, end: Int)? {
        var j = i + 1
        let closing = j < b.count && b[j] == UInt8(ascii: "/")
        if closing { j += 1 }
        let nameStart = j
        while j < b.count, isAlphanumeric(b[j]) { j += 1 }
        guard j > nameStart, j - nameStart <= 12 else { return nil }
        let name = String(decoding: b[nameStart..<j].map { $0 | 0x20 }, as: UTF8.self)
        guard elements.contains(name), j < b.count else { return nil }
        let next = b[j]
        guard next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || next == 0x20 || next == 0x09
            || next == 0x0A || next == 0x0D else { return nil }
        var quote: UInt8?
        while j < b.count {
            let c = b[j]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return (name, closing, j + 1)
            }
            j += 1
        }
        return nil
    }

    /// Decodes `&name;`, `&#NNN;` and `&#xHH;` once; anything else is copied.
    static func decodeReferences(_ b: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "&"), let (value, end) = reference(b, at: i) {
                Transcoder.appendScalar(value, to: &out)
                i = end
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalar value of the reference at `i` and the index after its `;`.
    private static func reference(_ b: [UInt8], at i: Int) -> (UInt32, Int)? {
        var j = i + 1
        guard j < b.count else { return nil }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < b.count && (b[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let start = j
            while j < b.count, j - start < 8, isAlphanumeric(b[j]) { j += 1 }
            guard j > start, j < b.count, b[j] == UInt8(ascii: ";"),
                  let value = UInt32(String(decoding: b[start..<j], as: UTF8.self), radix: hex ? 16 : 10)
            else { return nil }
            let scalar = Unicode.Scalar(value).map { $0.value } ?? 0xFFFD
            return (scalar == 0 ? 0xFFFD : scalar, j + 1)
        }
        let start = j
        while j < b.count, j - start < 32, isAlphanumeric(b[j]) { j += 1 }
        guard j > start, j < b.count, b[j] == UInt8(ascii: ";"),
              let value = HTMLEntities.table[String(decoding: b[start..<j], as: UTF8.self)] else { return nil }
        return (value, j + 1)
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
    }

    private static func starts(_ b: [UInt8], _ s: String, at i: Int, caseInsensitive: Bool = false) -> Bool {
        let p = Array(s.utf8)
        guard i + p.count <= b.count else { return false }
        for k in 0..<p.count {
            let x = caseInsensitive ? b[i + k] | 0x20 : b[i + k]
            if x != p[k] { return false }
        }
        return true
    }

    private static func find(_ b: [UInt8], _ s: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        var i = start
        while i < b.count {
            if starts(b, s, at: i, caseInsensitive: caseInsensitive) { return i }
            i += 1
        }
        return nil
    }
}
