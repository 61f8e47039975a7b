/// Resolves a URI reference against a base, per RFC 3986 section 5.2, for `xml:base`.
///
/// Why: feeds set `xml:base` on the channel, the feed, an entry or even a link, and write
/// links, enclosures and transcripts relative to it (`<enclosure url="ep1.mp3">` under
/// `xml:base="https://cdn.example.org/audio/"`). Foundation's `URL(string:relativeTo:)`
/// is not needed for this and differs across platforms; this is the RFC's algorithm on
/// strings, with no percent-decoding or normalisation beyond dot-segment removal.
///
/// One extension: a base may itself be relative (`xml:base="media/"` in a local feed). The
/// result is then relative too, and `..` segments that climb above it are kept, so that the
/// caller, which resolves it against the feed file, still sees (and can refuse) the climb.
///
/// ```swift
/// URIResolver.resolve("../b/c.vtt", against: "https://x.org/a/feed/")   // "https://x.org/a/b/c.vtt"
/// URIResolver.resolve("ep1.vtt", against: "media/")                      // "media/ep1.vtt"
/// ```
enum URIResolver {
    typealias Parts = (scheme: Substring?, authority: Substring?, path: Substring, query: Substring?, fragment: Substring?)

    /// `reference` resolved against `base`.
    static func resolve(_ reference: String, against base: String) -> String {
        let r = split(reference)
        if r.scheme != nil { return compose(r.scheme, r.authority, removeDots(r.path), r.query, r.fragment) }
        let b = split(base)
        if r.authority != nil { return compose(b.scheme, r.authority, removeDots(r.path), r.query, r.fragment) }
        if r.path.isEmpty { return compose(b.scheme, b.authority, b.path, r.query ?? b.query, r.fragment) }
        if r.path.hasPrefix("/") { return compose(b.scheme, b.authority, removeDots(r.path), r.query, r.fragment) }
        let merged: String
        if b.authority != nil, b.path.isEmpty {
            merged = "/" + r.path
        } else if let slash = b.path.lastIndex(of: "/") {
            merged = String(b.path[...slash]) + r.path
        } else {
            merged = String(r.path)
        }
        return compose(b.scheme, b.authority, removeDots(Substring(merged)), r.query, r.fragment)
    }

    /// Splits a reference into its five components (RFC 3986 appendix B).
    static func split(_ s: String) -> Parts {
        var rest = Substring(s)
        var fragment: Substring?, query: Substring?, scheme: Substring?, authority: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
           rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }),
           rest.first?.isLetter == true {
            scheme = rest[..<colon]
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            authority = rest[afterSlashes..<end]
            rest = rest[end...]
        }
        return (scheme, authority, rest, query, fragment)
    }

    /// RFC 3986 5.2.4, except that a relative path keeps the `..` that climb above its start.
    static func removeDots(_ path: Substring) -> Substring {
        guard path.contains(".") else { return path }
        let absolute = path.hasPrefix("/")
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if absolute { segments.removeFirst() }
        var out: [String] = []
        for (k, segment) in segments.enumerated() {
            let isLast = k == segments.count - 1
            switch segment {
            case ".":
                if isLast { out.append("") }
            case "..":
                if let last = out.last, last != ".." {
                    out.removeLast()
                } else if !absolute {
                    out.append("..")
                }
                if isLast { out.append("") }
            default:
                out.append(segment)
            }
        }
        return Substring((absolute ? "/" : "") + out.joined(separator: "/"))
    }

    private static func compose(_ scheme: Substring?, _ authority: Substring?, _ path: Substring,
                                _ query: Substring?, _ fragment: Substring?) -> String {
        var s = ""
        if let scheme { s += scheme + ":" }
        if let authority { s += "//" + authority }
        s += path
        if let query { s += "?" + query }
        if let fragment { s += "#" + fragment }
        return s
    }
}
