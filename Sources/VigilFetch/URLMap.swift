import VigilCore
import VigilIO

/// URL-prefix → local folder maps: `https://media.example.org/` → `archive/example/`.
///
/// Why: an archived copy of a station's site can be re-read exactly as it was served,
/// offline: the feed at `https://media.example.org/feeds/a.xml` is read from
/// `archive/example/feeds/a.xml`, and its relative transcript links resolve against the
/// feed's URL and map the same way. The longest matching prefix wins. The rest of the URL
/// (query and fragment dropped, `%XX` decoded) must stay inside the folder: `..` that climbs
/// out is `ingest.outside_root`.
///
/// ```swift
/// let map = URLMap([("https://media.example.org/", "archive/example")])
/// try map.localPath(for: "https://media.example.org/t/1.vtt")   // "archive/example/t/1.vtt"
/// ```
public struct URLMap: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var prefix: String
        public var folder: String
        public init(prefix: String, folder: String) {
            self.prefix = prefix
            self.folder = folder
        }
    }

    /// Longest prefix first.
    public let entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries.sorted { ($0.prefix.count, $1.prefix) > ($1.prefix.count, $0.prefix) }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The local path for `url`, nil when no prefix matches.
    public func localPath(for url: String) throws(VigilError) -> String? {
        guard let e = entries.first(where: { url.hasPrefix($0.prefix) }) else { return nil }
        var rest = Substring(url.dropFirst(e.prefix.count))
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        let decoded = String(rest).percentDecoded
        guard !decoded.contains("\0") else { throw VigilError(.ingest, "outside_root", "mapped URL \(url.debugSafe) has a NUL byte", file: url) }
        let relative = decoded.drop { $0 == "/" }
        guard let normal = FileSystem.normalize(String(relative)), !normal.hasPrefix(".."), !normal.hasPrefix("/") else {
            throw VigilError(.ingest, "outside_root", "mapped URL \(url.debugSafe) climbs out of its folder \(e.folder)", file: url)
        }
        guard normal != "." else { throw VigilError(.ingest, "bad_transcript_url", "mapped URL \(url.debugSafe) names the folder itself", file: url) }
        return FileSystem.join(e.folder, normal)
    }
}
