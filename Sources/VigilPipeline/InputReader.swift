import VigilCore
import VigilFetch
import VigilIngest
import VigilIO

/// Reads ingest's inputs from wherever they live: local files, URL-mapped folders, archive
/// folders or the network, with one set of rules.
///
/// Why one place: a feed or transcript reference is untrusted, and every way of reading it
/// must pass the same checks. Local reads of untrusted references go through `RootGuard`
/// (canonical path inside the registry's folder, the feed's folder, the archive folders or
/// the map folders); URLs go through `URLMap` first, then `Fetcher`. Feeds named in the
/// registry are trusted configuration, but still size-capped.
///
/// ```swift
/// let feed = try reader.feed(station)
/// let opened = try reader.transcript(ref, in: feed.context)
/// ```
final class InputReader: Sendable {
    /// A feed's bytes and what its transcript references resolve against.
    struct Feed: Sendable {
        var bytes: [UInt8]
        /// The `Content-Type` charset it was served with (nil for files).
        var charset: String?
        var context: FeedContext
        /// For the manifest: where the bytes came from (`file`, `mapped`, `fetched`, `cache`).
        var origin: String
        var problems: [VigilError]
    }

    /// What a feed's transcript references are resolved against.
    struct FeedContext: Sendable {
        /// The feed as the registry names it (relative path or URL).
        var file: String
        /// The URL the feed was served from (after redirects), for remote and mapped feeds.
        var baseURL: String?
        /// The roots its local transcripts must stay in.
        var roots: RootGuard
    }

    /// Transcript extensions tried in archive folders, in preference order (timed first).
    static let archiveExtensions = ["vtt", "srt", "json", "txt"]

    let root: String
    let settings: FetchSettings
    let fetcher: Fetcher
    let map: URLMap
    let archives: [String]
    let roots: RootGuard

    init(config: PipelineConfig, registryRoot: String, workspace: Workspace) {
        root = registryRoot
        settings = config.fetch
        fetcher = Fetcher(settings: config.fetch, cacheFolder: workspace.path("fetch"))
        map = URLMap(config.maps)
        archives = config.archives
        roots = RootGuard(roots: [registryRoot.isEmpty ? "." : registryRoot] + config.archives + config.maps.map(\.folder))
    }

    /// The station's feed: mapped, fetched, or read from the registry's folder.
    func feed(_ station: Station) throws(VigilError) -> Feed {
        let feed = station.feed
        if WebURL.isWeb(feed) {
            let context = FeedContext(file: feed, baseURL: feed, roots: roots)
            if let local = try map.localPath(for: feed) {
                let bytes = try readMapped(feed, local)
                return Feed(bytes: bytes, charset: nil, context: context, origin: "mapped", problems: [])
            }
            let fetched = try fetcher.fetch(feed)
            var c = context
            c.baseURL = fetched.finalURL
            return Feed(bytes: fetched.bytes, charset: fetched.charset, context: c, origin: fetched.fromCache ? "cache" : "fetched", problems: fetched.problems)
        }
        if let sep = feed.firstIndex(of: ":"), feed[..<sep].count > 1, feed[..<sep].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }), feed[sep...].hasPrefix("://") {
            throw VigilError(.ingest, "unsupported_url", "feed URL scheme '\(feed[..<sep].lowercased()):' is not allowed (only http and https)", file: feed)
        }
        let path = FileSystem.join(root, feed)
        let bytes = try RootGuard.readRegular(path, display: feed, maxBytes: settings.maxBytes)
        let folder = FileSystem.directory(of: path)
        return Feed(bytes: bytes, charset: nil, context: FeedContext(file: feed, baseURL: nil, roots: roots.adding(folder.isEmpty ? "." : folder)), origin: "file", problems: [])
    }

    /// One `<podcast:transcript>` reference of an item in `feed`.
    func transcript(_ ref: TranscriptRef, in feed: FeedContext) throws(VigilError) -> OpenedTranscript {
        switch try TranscriptLocator.locate(ref.url, feed: feed.file, feedURL: feed.baseURL) {
        case .local(let relative):
            let bytes = try feed.roots.read(FileSystem.join(root, relative), display: relative, maxBytes: settings.maxBytes)
            return OpenedTranscript(file: relative, bytes: bytes)
        case .remote(let url):
            if let local = try map.localPath(for: url) {
                return OpenedTranscript(file: url, bytes: try readMapped(url, local))
            }
            let fetched = try fetcher.fetch(url)
            return OpenedTranscript(file: url, bytes: fetched.bytes, mediaType: fetched.mediaType, problems: fetched.problems)
        }
    }

    /// Transcripts in the archive folders named like the item's enclosure
    /// (`…/2026-01-05-morning.mp3?x=1` → `2026-01-05-morning.vtt`, `.srt`, `.json`, `.txt`).
    func archived(_ item: FeedItem) -> [Result<OpenedTranscript, VigilError>] {
        guard !archives.isEmpty, let enclosure = item.enclosure, let stem = Self.stem(of: enclosure) else { return [] }
        var out: [Result<OpenedTranscript, VigilError>] = []
        for ext in Self.archiveExtensions {
            for folder in archives {
                let path = FileSystem.join(folder, "\(stem).\(ext)")
                guard FileSystem.exists(path) else { continue }
                do throws(VigilError) {
                    out.append(.success(OpenedTranscript(file: path, bytes: try roots.read(path, display: path, maxBytes: settings.maxBytes))))
                } catch {
                    out.append(.failure(error))
                }
            }
        }
        return out
    }

    /// The enclosure's file name without query, fragment or extension; nil when it is not a
    /// plain name (empty, `.`/`..`, or a decoded `/`, `\` or NUL).
    static func stem(of enclosure: String) -> String? {
        var s = Substring(enclosure)
        if let cut = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<cut] }
        guard let name = s.split(separator: "/", omittingEmptySubsequences: false).last else { return nil }
        let decoded = String(name).percentDecoded
        var stem = Substring(decoded)
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = stem[..<dot] }
        guard !stem.isEmpty, stem != ".", stem != "..", !stem.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }) else { return nil }
        return String(stem)
    }

    /// A mapped URL's local file, inside the allowed roots; errors name the URL.
    private func readMapped(_ url: String, _ local: String) throws(VigilError) -> [UInt8] {
        do { return try roots.read(local, display: url, maxBytes: settings.maxBytes) } catch {
            var e = error
            e.message = "mapped to \(local): \(e.message)"
            throw e
        }
    }
}
