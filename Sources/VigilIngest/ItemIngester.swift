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
        let r = ingest(item, open: open, archived: archived, reuse: nil)
        return (r.episode, r.problems)
    }

    /// What `ingest` made of an item: a fresh episode, or the previous run's record of it, and
    /// the problems (all of them, in order).
    public struct Ingested: Sendable {
        public var episode: Episode?
        /// The previous run's episode record, when `reuse` knew the item and its transcript.
        public var reused: ReusedEpisode?
        /// The reuse key of the transcript that was loaded (nil when none loaded).
        public var key: String?
        /// The problems the transcript's parse produced (kept with the record for reuse).
        public var parseProblems: [VigilError] = []
        public var problems: [VigilError] = []
    }

    /// Ingests an item as above; with `reuse`, an item whose fields and transcript bytes are
    /// those of a previous run's episode is not parsed again: `reused` holds that record.
    public func ingest(
        _ item: FeedItem,
        open: (TranscriptRef) throws(VigilError) -> OpenedTranscript,
        archived: (FeedItem) -> [Result<OpenedTranscript, VigilError>],
        reuse: (any IngestReuse)?
    ) -> Ingested {
        let id = Self.itemID(item)
        var problems: [VigilError] = []
        func context(_ e: VigilError) -> VigilError {
            // Problems in a transcript name the transcript; the rest name the feed item.
            let e = e.adding(item: id, stationID: station.stationID)
            return e.file == nil ? e.adding(file: feed, line: item.line) : e
        }
        func reject(_ e: VigilError) -> Ingested {
            problems.append(context(e))
            return Ingested(problems: problems)
        }
        guard let published = item.published else {
            let what = item.publishedText.map { "unparseable date '\($0)'" } ?? "no publication date"
            return reject(VigilError(.ingest, "bad_date", "\(what); item skipped (it cannot be placed in a week)"))
        }
        func load(_ ref: TranscriptRef, _ opened: OpenedTranscript) throws(VigilError) -> Ingested {
            problems += opened.problems.map { context($0.adding(file: opened.file)) }
            let path = opened.file
            let data = opened.bytes
            var key: String?
            if let reuse {
                key = reuseKey(item, ref: ref, opened: opened, salt: reuse.salt)
                if let previous = reuse.previous(key!, line: item.line) {
                    return Ingested(reused: previous, key: key, problems: problems + previous.problems)
                }
            }
            let detected = TranscriptParser.detect(mimeType: ref.type ?? opened.mediaType, path: Self.pathPart(path), data: data)
            guard let format = detected.format else {
                throw VigilError(.ingest, "unknown_transcript_format", "cannot tell the format of \(path) (type \(ref.type ?? opened.mediaType ?? "none"))", file: path)
            }
            let parsed = try TranscriptParser.parse(data, format: format, file: path, maxBytes: TranscriptParser.maxBytes, sniffed: detected.document)
            let parseProblems = parsed.problems.map { context($0.adding(file: path)) }
            guard !parsed.segments.isEmpty else {
                problems += parseProblems
                throw VigilError(.ingest, "empty_transcript", "transcript \(path) has no text", file: path)
            }
            problems += parseProblems
            let episode = Episode(
                episodeID: "\(station.stationID)/\(id)", stationID: station.stationID, itemID: id,
                title: item.title, published: published.rfc3339, duration: item.duration,
                link: item.link, enclosure: item.enclosure,
                language: ref.language ?? parsed.language ?? item.language ?? feedLanguage ?? station.language,
                feed: feed, feedLine: item.line, transcript: ref, transcriptFile: path,
                transcriptFormat: format, segments: parsed.segments)
            return Ingested(episode: episode, key: key, parseProblems: parseProblems, problems: problems)
        }
        for ref in Self.preferenceOrder(item.transcripts, language: item.language ?? feedLanguage ?? station.language) {
            do throws(VigilError) {
                return try load(ref, try open(ref))
            } catch {
                problems.append(context(error))
            }
        }
        let found = archived(item)
        for candidate in found {
            do throws(VigilError) {
                let opened = try candidate.get()
                return try load(TranscriptRef(url: opened.file, rel: "archive"), opened)
            } catch {
                problems.append(context(error))
            }
        }
        if item.transcripts.isEmpty && found.isEmpty {
            return reject(VigilError(.ingest, "no_transcript", "item has no <podcast:transcript>; nothing to analyse"))
        }
        return Ingested(problems: problems)
    }

    /// Everything an item's episode record depends on, hashed: `salt` (Vigil's build), the
    /// station's id and language, the feed and its language, every field of the item but its
    /// line (which only moves the record's `feed_line`), the transcript reference, where the
    /// transcript was read from and its bytes.
    public func reuseKey(_ item: FeedItem, ref: TranscriptRef, opened: OpenedTranscript, salt: String) -> String {
        var h = SHA256()
        let head = [salt, station.stationID, station.language ?? "-", feed, feedLanguage ?? "-"]
            + Self.keyFields(item) + Self.keyFields(ref)
            + [opened.file, opened.mediaType ?? "-", String(opened.bytes.count)]
        // Each field length-prefixed, so no two field lists hash alike.
        for f in head {
            h.update(Array("\(f.utf8.count):".utf8))
            h.update(Array(f.utf8))
        }
        h.update(opened.bytes)
        return h.finalize()
    }

    /// Every field of an item but its line, for the reuse key (`reuseKeyCoversEveryField`
    /// fails when `FeedItem` gains a field that is not listed here).
    static func keyFields(_ item: FeedItem) -> [String] {
        func o(_ s: String?) -> String { s.map { "+" + $0 } ?? "-" }
        func d(_ v: Double?) -> String { v.map { "+\($0.bitPattern)" } ?? "-" }
        var out = [o(item.guid), o(item.link), o(item.enclosure), item.title, o(item.description), o(item.publishedText),
                   item.published.map { "+\($0.seconds)" } ?? "-", d(item.duration), o(item.location), d(item.latitude),
                   d(item.longitude), o(item.language), String(item.transcripts.count)]
        for r in item.transcripts { out += keyFields(r) }
        return out
    }

    static let keyedItemFields = 14  // the 13 above and `line`

    static func keyFields(_ ref: TranscriptRef) -> [String] {
        func o(_ s: String?) -> String { s.map { "+" + $0 } ?? "-" }
        return [ref.url, o(ref.type), o(ref.language), o(ref.rel)]
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

/// Where `ItemIngester` looks up a previous run's episode records (incremental runs).
public protocol IngestReuse: Sendable {
    /// Mixed into every key: changes whenever Vigil's build changes.
    var salt: String { get }
    /// The previous record for `key`, with its `feed_line` set to `line`; nil if none.
    func previous(_ key: String, line: Int) -> ReusedEpisode?
}

/// A previous run's `ingest/episodes.jsonl` record, ready to be written again.
public struct ReusedEpisode: Sendable {
    /// The record's bytes, newline included.
    public var record: [UInt8]
    public var format: TranscriptFormat
    /// The problems its transcript's parse recorded, replayed in the same order.
    public var problems: [VigilError]
    /// True when the record is byte for byte the previous one (the item did not move in the feed).
    public var unmoved = false

    public init(record: [UInt8], format: TranscriptFormat, problems: [VigilError]) {
        self.record = record
        self.format = format
        self.problems = problems
    }
}
