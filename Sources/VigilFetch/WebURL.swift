import Foundation
import VigilCore

/// An http(s) URL taken apart for a request: scheme, host, port and request target.
///
/// Why: URLs come from untrusted feeds and from `Location` headers. Parsing them here, with
/// a deliberately small grammar, keeps header injection (CR/LF in a URL), credentials
/// (`user@host`) and other schemes (`file:`, `ftp:`, `gopher:`) out of the request path.
/// Spaces and non-ASCII bytes are percent-encoded; control bytes are refused.
///
/// ```swift
/// let u = try WebURL.parse("https://Media.Example.org/feeds/a.xml?x=1#top")
/// u.host      // "media.example.org"
/// u.target    // "/feeds/a.xml?x=1"
/// ```
public struct WebURL: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// Lowercased host name or address (IPv6 without brackets).
    public var host: String
    public var port: Int
    /// Path and query, never empty (`/` at least); the fragment is dropped.
    public var target: String

    /// True when the text starts with `http://` or `https://` (any case).
    public static func isWeb(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Parses an absolute http(s) URL.
    /// - Throws: `ingest.unsupported_url` for another scheme, credentials, control bytes or a
    ///   bad host or port.
    public static func parse(_ text: String) throws(VigilError) -> WebURL {
        func refuse(_ why: String) -> VigilError { VigilError(.ingest, "unsupported_url", "URL \(text.debugSafe) refused: \(why)") }
        let s = text.trimmingSpaces()
        guard let sep = s.range(of: "://") else { throw refuse("not an absolute http(s) URL") }
        let scheme = s[..<sep.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw refuse("scheme '\(scheme):' is not allowed (only http and https)") }
        let rest = s[sep.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@") else { throw refuse("credentials in URLs are not allowed") }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw refuse("unclosed IPv6 address") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw refuse("bad port") }
                portText = after.dropFirst()
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { throw refuse("bad IPv6 address") }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                host = authority
            }
            guard !host.isEmpty, host.utf8.allSatisfy({ isHostByte($0) }) else { throw refuse("bad host name") }
        }
        var port = scheme == "https" ? 443 : 80
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, let p = Int(portText), (1...65535).contains(p) else { throw refuse("bad port") }
            port = p
        }
        var pathPart = rest[authorityEnd...]
        if let hash = pathPart.firstIndex(of: "#") { pathPart = pathPart[..<hash] }
        var target: [UInt8] = []
        for b in pathPart.utf8 {
            switch b {
            case 0..<0x20, 0x7F: throw refuse("control characters are not allowed")
            case 0x20: target += Array("%20".utf8)
            case 0x80...: target += Array("%\(hex(b >> 4))\(hex(b & 15))".utf8)
            default: target.append(b)
            }
        }
        var t = String(decoding: target, as: UTF8.self)
        if t.isEmpty || t.hasPrefix("?") { t = "/" + t }
        return WebURL(scheme: scheme, host: host.lowercased(), port: port, target: t)
    }

    /// `host[:port]` as sent in the `Host` header (port only when not the default).
    public var hostHeader: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return port == (scheme == "https" ? 443 : 80) ? h : "\(h):\(port)"
    }

    /// The URL as text.
    public var description: String { "\(scheme)://\(hostHeader)\(target)" }

    /// Resolves a `Location` header value against this URL (RFC 3986 section 5.2, without
    /// query inheritance subtleties: a relative reference replaces the query).
    public func resolve(_ reference: String) -> String {
        let r = reference.trimmingSpaces()
        if let colon = r.firstIndex(of: ":"), r[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }), !r[..<colon].isEmpty {
            return r
        }
        if r.hasPrefix("//") { return "\(scheme):\(r)" }
        let origin = "\(scheme)://\(hostHeader)"
        if r.hasPrefix("/") { return origin + Self.removeDots(r) }
        if r.hasPrefix("?") || r.isEmpty { return origin + (target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/") + r }
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "/"
        let dir = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
        return origin + Self.removeDots(dir + r)
    }

    /// Removes `.` and `..` segments from an absolute path (query kept as is).
    static func removeDots(_ pathAndQuery: String) -> String {
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var out: [Substring] = []
        let segments = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        for (i, seg) in segments.enumerated() where i > 0 {
            if seg == "." { if i == segments.count - 1 { out.append("") }; continue }
            if seg == ".." {
                if !out.isEmpty { out.removeLast() }
                if i == segments.count - 1 { out.append("") }
                continue
            }
            out.append(seg)
        }
        let path = "/" + out.joined(separator: "/")
        return parts.count > 1 ? path + "?" + parts[1] : path
    }

    private static func isHostByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x5F
    }

    private static func hex(_ v: UInt8) -> String { String(v, radix: 16, uppercase: true) }
}

extension String {
    /// The string with spaces and tabs trimmed at both ends.
    func trimmingSpaces() -> String {
        var s = Substring.UnicodeScalarView(unicodeScalars)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }

    /// The string with control characters escaped, for messages (at most 200 characters).
    var debugSafe: String {
        let escaped = unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return escaped.count > 200 ? String(escaped.prefix(200)) + "…" : escaped
    }
}
