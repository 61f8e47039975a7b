import VigilCore
import VigilIO

/// Turns one feed item into an `Episode`, or into problem records saying why not.
///
/// Reading is injected (`open`, `archived`), so this stays testable without a file system
/// or a network.
/// Of several transcripts the timed ones are tried first (WebVTT, SRT, Podcasting 2.0
/// JSON, Whisper JSON, then plain text), each group in document order; the first that
/// loads is used, and a failed better one is still recorded as a problem.
public struct ItemIngester: Sendable {
    public let station: Station
    /// The feed's path relative to the registry folder.
    public let feed: String
    public let feedLanguage: String?

    public init(station: Station, feed: String, feedLanguage: String?) {
        self.station = station
        self.feed = feed
        self.feedLanguage = feedLanguage
    }

    /// The item's id: guid, else link, else enclosure URL, else a hash of title and date.
    public static func itemID(_ item: FeedItem) -> String {
        for candidate in [item.guid, item.link, item.enclosure] {
            if let c = candidate?.trimmingSpaces(), !c.isEmpty { return c }
        }
        return "sha256:" + String(SHA256.hex(Array((item.title + "\n" + (item.publishedText ?? "")).utf8)).prefix(16))
    }

    /// Ingests an item whose transcript paths are relative to the registry folder, read
    /// with `read` (no remote transcripts, no archive folders).
    public func ingest(_ item: FeedItem, read: (String) throws(VigilError) -> [UInt8]) -> (episode: Episode?, problems: [VigilError]) {
        ingest(
            item,
            open: { (ref: TranscriptRef) throws(VigilError) -> OpenedTranscript in
                let path = try TranscriptLocator.resolve(ref.url, feed: feed)
                return OpenedTranscript(file: path, bytes: try read(path))
            },
            archived: { _ in [] })
    }

    /// Ingests an item: its `<podcast:transcript>` references in preference order through
    /// `open`, then, if none loads, the transcripts `archived` finds for the item (by
    /// enclosure name in archive folders), in the order given.
    ///
    /// - Parameters:
    ///   - open: resolves and reads one reference (local, mapped or fetched).
    ///   - archived: the archive transcripts for the item, read or failed; `[]` when there
    ///     are no archive folders or no match.
    public func ingest(
        _ item: FeedItem,
        open: (TranscriptRef) throws(VigilError) -> OpenedTranscript,
        archived: (FeedItem) -> [Result<OpenedTranscript, VigilError>]
    ) -> (episode: Episode?, problems: [VigilError]) {
        let id = Self.itemID(item)
        var problems: [VigilError] = []
        func context(_ e: VigilError) -> VigilError {
            // Problems in a transcript name the transcript; the rest name the feed item.
            let e = e.adding(item: id, stationID: station.stationID)
            return e.file == nil ? e.adding(file: feed, line: item.line) : e
        }
        func reject(_ e: VigilError) -> (Episode?, [VigilError]) {
            problems.append(context(e))
            return (nil, problems)
        }
        guard let published = item.published else {
            let what = item.publishedText.map { "unparseable date '\($0)'" } ?? "no publication date"
            return reject(VigilError(.ingest, "bad_date", "\(what); item skipped (it cannot be placed in a week)"))
        }
        func load(_ ref: TranscriptRef, _ opened: OpenedTranscript) throws(VigilError) -> Episode {
            problems += opened.problems.map { context($0.adding(file: opened.file)) }
            let path = opened.file
            let data = opened.bytes
            guard let format = TranscriptParser.detectFormat(mimeType: ref.type ?? opened.mediaType, path: Self.pathPart(path), data: data) else {
                throw VigilError(.ingest, "unknown_transcript_format", "cannot tell the format of \(path) (type \(ref.type ?? opened.mediaType ?? "none"))", file: path)
            }
            let parsed = try TranscriptParser.parse(data, format: format, file: path)
            problems += parsed.problems.map { context($0.adding(file: path)) }
            guard !parsed.segments.isEmpty else {
                throw VigilError(.ingest, "empty_transcript", "transcript \(path) has no text", file: path)
            }
            return Episode(
                episodeID: "\(station.stationID)/\(id)", stationID: station.stationID, itemID: id,
                title: item.title, published: published.rfc3339, duration: item.duration,
                link: item.link, enclosure: item.enclosure,
                language: ref.language ?? parsed.language ?? item.language ?? feedLanguage ?? station.language,
                feed: feed, feedLine: item.line, transcript: ref, transcriptFile: path,
                transcriptFormat: format, segments: parsed.segments)
        }
        for ref in Self.preferenceOrder(item.transcripts, language: item.language ?? feedLanguage ?? station.language) {
            do throws(VigilError) {
                return (try load(ref, try open(ref)), problems)
            } catch {
                problems.append(context(error))
            }
        }
        let found = archived(item)
        for candidate in found {
            do throws(VigilError) {
                let opened = try candidate.get()
                return (try load(TranscriptRef(url: opened.file, rel: "archive"), opened), problems)
            } catch {
                problems.append(context(error))
            }
        }
        if item.transcripts.isEmpty && found.isEmpty {
            return reject(VigilError(.ingest, "no_transcript", "item has no <podcast:transcript>; nothing to analyse"))
        }
        return (nil, problems)
    }

    /// A URL's path without query or fragment (for the extension); a path as is.
    static func pathPart(_ path: String) -> String {
        guard path.contains("://"), let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return path }
        return String(path[..<cut])
    }

    /// Timed transcripts first; stable within a rank.
    /// The order transcripts are tried in: the item's language first (a translation is a
    /// different text), then timed formats (WebVTT, SRT, JSON, then plain text), then
    /// `rel="captions"`, then document order.
    static func preferenceOrder(_ refs: [TranscriptRef], language: String? = nil) -> [TranscriptRef] {
        func rank(_ r: TranscriptRef) -> Int {
            let type = (r.type ?? "").lowercased()
            let url = r.url.lowercased()
            if type.contains("vtt") || url.hasSuffix(".vtt") { return 0 }
            if type.contains("srt") || type.contains("subrip") || url.hasSuffix(".srt") { return 1 }
            if type.contains("json") || url.hasSuffix(".json") { return 2 }
            if type.hasPrefix("text/plain") || url.hasSuffix(".txt") { return 4 }
            return 3
        }
        func otherLanguage(_ r: TranscriptRef) -> Int {
            guard let want = language?.lowercased().split(separator: "-").first,
                  let have = r.language?.lowercased().split(separator: "-").first else { return 0 }
            return want == have ? 0 : 1
        }
        func notCaptions(_ r: TranscriptRef) -> Int { r.rel?.lowercased() == "captions" ? 0 : 1 }
        return refs.enumerated().sorted {
            (otherLanguage($0.element), rank($0.element), notCaptions($0.element), $0.offset)
                < (otherLanguage($1.element), rank($1.element), notCaptions($1.element), $1.offset)
        }.map(\.element)
    }
}
