internal import CLibXML2

/// The XML namespaces feed elements are matched in, with the URIs seen in the wild.
///
/// Why: feeds bind prefixes freely (`podcast:`, `itunes:`), the Podcasting 2.0 namespace
/// has two URIs in circulation, and careless feeds use a prefix without declaring it.
/// Matching by URI, with the conventional prefix as a fallback for undeclared ones,
/// accepts all of these without confusing `<media:title>` with `<title>`.
///
/// ```swift
/// element.isNamed("transcript", .podcast)   // <podcast:transcript> under either URI
/// ```
enum FeedNamespace {
    /// RSS core elements: no namespace, RSS 1.0 (RDF), RSS 0.90 or the old UserLand RSS 2.0 URI.
    case rss
    /// Atom 1.0 and Atom 0.3; elements without a namespace also match (feeds that forget `xmlns`).
    case atom
    case podcast, itunes, dublinCore, xml, rdf
    /// `content:encoded` (RSS content module).
    case content
    /// GeoRSS (`georss:point`, `georss:featurename`).
    case georss
    /// W3C Basic Geo (`geo:lat`, `geo:long`).
    case geo

    var uris: [StaticString] {
        switch self {
        case .rss: ["http://purl.org/rss/1.0/", "http://backend.userland.com/rss2", "http://my.netscape.com/rdf/simple/0.9/"]
        case .atom: ["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"]
        case .podcast:
            ["https://podcastindex.org/namespace/1.0",
             "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"]
        case .itunes: ["http://www.itunes.com/dtds/podcast-1.0.dtd", "https://www.itunes.com/dtds/podcast-1.0.dtd"]
        case .dublinCore: ["http://purl.org/dc/elements/1.1/"]
        case .xml: ["http://www.w3.org/XML/1998/namespace"]
        case .rdf: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#"]
        case .content: ["http://purl.org/rss/1.0/modules/content/"]
        case .georss: ["http://www.georss.org/georss", "http://www.georss.org/georss/10"]
        case .geo: ["http://www.w3.org/2003/01/geo/wgs84_pos#"]
        }
    }

    /// The conventional prefix, matched when a feed uses it without declaring it.
    var prefix: StaticString? {
        switch self {
        case .rss, .atom, .xml: nil
        case .podcast: "podcast"
        case .itunes: "itunes"
        case .dublinCore: "dc"
        case .rdf: "rdf"
        case .content: "content"
        case .georss: "georss"
        case .geo: "geo"
        }
    }

    /// True for namespace-less elements in the RSS and Atom vocabularies.
    var acceptsNoNamespace: Bool { self == .rss || self == .atom }

    /// True when `href` (the node's namespace URI, or nil) belongs to this namespace.
    func contains(_ href: UnsafePointer<xmlChar>?) -> Bool {
        guard let href else { return acceptsNoNamespace }
        return uris.contains { FeedNamespace.equals(href, $0) }
    }

    /// Compares a NUL-terminated libxml2 string with `s`, without allocating.
    static func equals(_ p: UnsafePointer<xmlChar>?, _ s: StaticString, from start: Int = 0) -> Bool {
        guard let p else { return false }
        let count = s.utf8CodeUnitCount
        let base = s.utf8Start
        for i in 0..<count where p[start + i] != base[i] { return false }
        return p[start + count] == 0
    }

    /// Compares with `prefix:local`, for undeclared prefixes (libxml2 keeps the qualified name).
    static func equals(_ p: UnsafePointer<xmlChar>?, prefix: StaticString, local: StaticString) -> Bool {
        guard let p else { return false }
        let n = prefix.utf8CodeUnitCount
        for i in 0..<n where p[i] != prefix.utf8Start[i] { return false }
        return p[n] == UInt8(ascii: ":") && equals(p, local, from: n + 1)
    }
}
