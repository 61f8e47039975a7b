import Foundation
import VigilCore
import VigilFetch
import VigilIngest
import VigilIO

/// Runs ingest: registry → feeds → items → `ingest/episodes.jsonl`.
///
/// Feeds are read (from a file, a mapped folder or the network) and parsed one at a time by
/// whichever worker asks for more work; items are ingested in parallel (their transcripts
/// read or fetched by the workers) and written in registry then feed order.
enum IngestStage {
    enum Work {
        case problems([VigilError])
        /// An item rejected while its feed was read (a duplicate id): counted by `consume`,
        /// which runs alongside `next`, so `next` never touches the counts.
        case rejected([VigilError])
        case item(ItemIngester, InputReader.FeedContext, FeedItem)
    }

    static func run(_ ctx: RunContext) throws(VigilError) -> StageOutcome {
        let started = Date()
        let registry = try ctx.registry()
        let reader = try ctx.inputs()
        let log = try ProblemLog(workspace: ctx.workspace, stage: .ingest)
        // Registry problems belong to the whole run: with shards, the first shard records them.
        if (ctx.config.shard?.index ?? 1) == 1 { try log.record(registry.problems) }
        let stationsToRead = registry.stations.filter { ctx.config.shard?.owns($0.stationID) ?? true }
        let lines = JSONLines()
        let key = ReuseKey(.ingest, [])
        let previous = PreviousRecords(stage: .ingest, workspace: ctx.workspace, key: key, outputs: [ctx.workspace.ingestEpisodes], enabled: ctx.config.reuse)
        let out = ReusedOutput(path: ctx.workspace.ingestEpisodes, previous: previous, output: 0)
        let reuse = IngestRecords(salt: key.hex, previous: previous)
        let index = ReuseIndex(stage: .ingest, workspace: ctx.workspace, key: key)
        var reused = 0
        var stationIndex = 0
        var queue: [Work] = []
        var queuePosition = 0
        var feedInputs: [JSONValue] = []
        var items = 0, episodes = 0, rejected = 0, undated = 0, outOfRange = 0
        var formats: [String: Int] = [:]

        func expand(_ station: Station) -> [Work] {
            let feed = station.feed
            func problem(_ e: VigilError) -> [Work] {
                [.problems([e.adding(file: feed, stationID: station.stationID)])]
            }
            let source: InputReader.Feed
            do { source = try reader.feed(station) } catch { return problem(error) }
            let bytes = source.bytes
            var input: [(String, JSONValue)] = [("station_id", .string(station.stationID)), ("path", .string(feed)), ("bytes", .int(bytes.count)), ("sha256", .string(SHA256.hex(bytes)))]
            if source.origin != "file" { input.append(("origin", .string(source.origin))) }
            feedInputs.append(.object(input))
            var work: [Work] = []
            if !source.problems.isEmpty {
                work.append(.problems(source.problems.map { $0.adding(file: feed, stationID: station.stationID) }))
            }
            let parsed: ParsedFeed
            do { parsed = try FeedParser.parse(bytes, file: feed, charset: source.charset, maxBytes: reader.settings.maxBytes) } catch { return work + problem(error) }
            if !parsed.problems.isEmpty {
                work.append(.problems(parsed.problems.map { $0.adding(file: feed, stationID: station.stationID) }))
            }
            let ingester = ItemIngester(station: station, feed: feed, feedLanguage: parsed.language)
            var seen = Set<String>()
            for item in parsed.items {
                if let t = item.published, (ctx.config.since.map { t < $0 } ?? false) || (ctx.config.until.map { t >= $0 } ?? false) {
                    outOfRange += 1
                    continue
                }
                let id = ItemIngester.itemID(item)
                if seen.insert(id).inserted {
                    work.append(.item(ingester, source.context, item))
                } else {
                    work.append(.rejected([VigilError(.ingest, "duplicate_item", "item id '\(id)' appears earlier in this feed; this copy is skipped", file: feed, line: item.line, item: id, stationID: station.stationID)]))
                }
            }
            return work
        }

        try OrderedParallel.run(
            jobs: ctx.jobs,
            next: { () -> Work? in
                while queuePosition >= queue.count {
                    guard stationIndex < stationsToRead.count else { return nil }
                    queue = expand(stationsToRead[stationIndex])
                    queuePosition = 0
                    stationIndex += 1
                }
                queuePosition += 1
                return queue[queuePosition - 1]
            },
            transform: { work -> Result<Made, VigilError> in
                switch work {
                case .problems(let p): return .success(Made(problems: p))
                case .rejected(let p): return .success(Made(isItem: true, problems: p))
                case .item(let ingester, let context, let item):
                    let r = ingester.ingest(
                        item,
                        open: { (ref: TranscriptRef) throws(VigilError) -> OpenedTranscript in try reader.transcript(ref, in: context) },
                        archived: reader.archived,
                        reuse: ctx.config.reuse ? reuse : nil)
                    var made = Made(isItem: true, key: r.key, problems: r.problems)
                    if let old = r.reused {
                        made.record = old.record
                        made.format = old.format
                        made.reused = true
                        let entry = r.key.flatMap { previous.entry($0) }
                        made.extra = entry?.extra.map(String.init) ?? []
                        // Unmoved in the feed: the very bytes of the previous output.
                        if let slice = entry?.slices.first, slice.length == old.record.count, old.unmoved { made.sameAs = slice }
                        return .success(made)
                    }
                    guard let episode = r.episode else { return .success(made) }
                    do throws(VigilError) {
                        made.record = try lines.encode(episode)
                        made.format = episode.transcriptFormat
                        made.extra = [episode.transcriptFormat.rawValue] + (try r.parseProblems.map { p throws(VigilError) in String(decoding: try lines.encode(p).dropLast(), as: UTF8.self) })
                    } catch {
                        return .failure(error)
                    }
                    return .success(made)
                }
            },
            consume: { result in
                let made = try result.get()
                try log.record(made.problems)
                undated += made.problems.filter { $0.code == "ingest.bad_date" }.count
                if made.isItem { items += 1 }
                guard let record = made.record, let format = made.format else {
                    if made.isItem { rejected += 1 }
                    return
                }
                episodes += 1
                if made.reused { reused += 1 }
                Progress.update(.ingest, done: episodes, since: started)
                formats[format.rawValue, default: 0] += 1
                let at = out.size
                try out.write(record, sameAs: made.sameAs)
                if let key = made.key { index.add(key, [(at, record.count)], extra: made.extra) }
            })
        try out.commit()
        try index.commit(outputs: [ctx.workspace.ingestEpisodes])
        try log.commit()
        let counts: [(String, Int)] = [
            ("stations", stationsToRead.count), ("items", items), ("episodes", episodes), ("items_rejected", rejected), ("items_undated", undated), ("items_out_of_range", outOfRange),
        ] + TranscriptFormat.allCases.map { ("format_\($0.rawValue)", formats[$0.rawValue] ?? 0) }
            + fetchCounts(reader.fetcher.counts)
        try Manifest.writeStage(
            .ingest, workspace: ctx.workspace, config: ctx.config, jobs: ctx.jobs, started: started,
            inputs: [Manifest.input(try ctx.registryPath())] + feedInputs,
            counts: counts.map { ($0.0, .int($0.1)) }, problems: log,
            reuse: previous.manifest(reused: reused, computed: episodes - reused))
        return StageOutcome(stage: .ingest, counts: counts, problems: log.count, reused: reused)
    }

    /// One work item's result, made in parallel, written in order.
    struct Made {
        var isItem = false
        var key: String?
        var record: [UInt8]?
        var format: TranscriptFormat?
        var reused = false
        /// A reused record's place in the previous output, when its bytes are unchanged.
        var sameAs: ReusedOutput.Slice?
        /// The index's extra fields: the transcript format and the parse problems.
        var extra: [String] = []
        var problems: [VigilError] = []
    }

    /// The ingest index as `ItemIngester` asks it: a record by key, its `feed_line` moved to
    /// where the item is now.
    struct IngestRecords: IngestReuse {
        let salt: String
        let previous: PreviousRecords

        func previous(_ key: String, line: Int) -> ReusedEpisode? {
            guard let (bytes, extra) = previous.records(key), let first = extra.first,
                  let format = TranscriptFormat(rawValue: String(first)),
                  let record = FeedLineField.setting(bytes[0], line: line) else { return nil }
            let unmoved = record.count == bytes[0].count && record.withUnsafeBytes { a in bytes[0].withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
            var problems: [VigilError] = []
            for p in extra.dropFirst() {
                guard let e = try? JSONLines().decode(VigilError.self, from: Array(p.utf8), file: "reuse.tsv", lineNumber: 0, stage: .ingest) else { return nil }
                problems.append(e)
            }
            var reused = ReusedEpisode(record: record, format: format, problems: problems)
            reused.unmoved = unmoved
            return reused
        }
    }

    /// The fetcher's work, for the manifest: requests sent, cache hits (304 or `--offline`),
    /// stale fallbacks, body bytes received.
    static func fetchCounts(_ c: FetchCounts) -> [(String, Int)] {
        [("fetch_requests", c.requests), ("fetch_cache_hits", c.cacheHits), ("fetch_stale", c.stale), ("fetch_bytes", c.bytes)]
    }
}
