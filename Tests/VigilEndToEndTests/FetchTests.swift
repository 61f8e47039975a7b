import Foundation
import LoopbackServer
import Testing
import VigilCore
import VigilIO
import VigilPipeline

/// Feeds and transcripts by URL, end to end, against a server on 127.0.0.1 started by each
/// test: the cache, `--offline`, maps, archives, and problems for every failure.
struct FetchTests {
    static let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Host>They are taking our jobs, the callers said.\n"

    static func item(_ guid: String, transcript: String?, enclosure: String = "https://media.example.org/a.mp3") -> String {
        """
        <item><guid>\(guid)</guid><title>\(guid)</title><pubDate>Mon, 29 Dec 2025 08:00:00 +0000</pubDate>
        <enclosure url="\(enclosure)" type="audio/mpeg" length="1"/>
        \(transcript.map { "<podcast:transcript url=\"\($0)\" type=\"text/vtt\"/>" } ?? "")</item>
        """
    }

    static func feed(_ items: [String]) -> String {
        "<rss version=\"2.0\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel><title>Remote FM</title>\n" + items.joined(separator: "\n") + "\n</channel></rss>\n"
    }

    /// A corpus folder with a registry naming `feed`, and a pipeline file with `extra` YAML.
    static func corpus(feed: String, extra: String = "fetch: {allow_loopback: true, timeout: 1, retries: 0}", files: [String: String] = [:], name: String = #function) throws -> (pipeline: String, dir: String, work: String) {
        let dir = Repo.temporaryFolder(name)
        try AtomicFile.write(Array("station_id,name,region,feed\nremote,Remote FM,North,\(feed)\n".utf8), to: dir + "/corpus/stations.csv")
        for (path, text) in files { try AtomicFile.write(Array(text.utf8), to: dir + "/" + path) }
        let yaml = "registry: corpus/stations.csv\nlexicons: [\(Repo.sampleData)/lexicon.csv]\ngroups: \(Repo.sampleData)/groups.csv\n\(extra)\n"
        try AtomicFile.write(Array(yaml.utf8), to: dir + "/pipeline.yaml")
        return (dir + "/pipeline.yaml", dir, dir + "/work")
    }

    static func ingest(_ pipeline: String, work: String, offline: Bool = false) throws -> Pipeline.Report {
        var config = try PipelineConfig.load(pipeline)
        config.fetch.offline = offline
        return try Pipeline.run([.ingest], config: config, work: work, jobs: 2)
    }

    static func problems(_ work: String) -> [(code: String, item: String?)] {
        let text = (try? Repo.read(work + "/problems.jsonl")) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let code = o["code"] as? String else { return nil }
            return (code, o["item"] as? String)
        }
    }

    static func count(_ report: Pipeline.Report, _ name: String) -> Int? {
        report.outcomes.first?.counts.first { $0.0 == name }?.1
    }

    @Test func remoteFeedIsFetchedThenRevalidatedWith304() throws {
        let feed = Self.feed([Self.item("one", transcript: "t/1.vtt"), Self.item("two", transcript: "/t/2.vtt")])
        let server = try LoopbackServer { r in
            let body = r.target == "/feeds/feed.xml" ? feed : Self.vtt
            let etag = "\"\(r.target.hashValue)\""
            if r.headers["if-none-match"] == etag { return .respond(status: 304, headers: [("ETag", etag)], body: []) }
            return .ok(body, headers: [("ETag", etag), ("Content-Type", r.target.hasSuffix(".xml") ? "application/rss+xml; charset=utf-8" : "text/vtt")])
        }
        defer { server.stop() }
        let c = try Self.corpus(feed: server.url("/feeds/feed.xml"))
        let first = try Self.ingest(c.pipeline, work: c.work)
        #expect(Self.count(first, "episodes") == 2)
        #expect(Self.count(first, "fetch_requests") == 3)
        #expect(server.requests.map(\.target).sorted() == ["/feeds/feed.xml", "/feeds/t/1.vtt", "/t/2.vtt"])
        let episodes = try Repo.read(c.work + "/ingest/episodes.jsonl")
        #expect(episodes.contains("\"transcript_file\":\"\(server.url("/feeds/t/1.vtt"))\""))
        #expect(FileSystem.isDirectory(c.work + "/fetch"))

        let second = try Self.ingest(c.pipeline, work: c.work)
        #expect(Self.count(second, "fetch_cache_hits") == 3)
        #expect(Self.count(second, "fetch_bytes") == 0)
        #expect(server.requests.count == 6)
        #expect(server.requests.suffix(3).allSatisfy { $0.headers["if-none-match"] != nil })
        #expect(try Repo.read(c.work + "/ingest/episodes.jsonl") == episodes)
    }

    @Test func offlineRerunMakesNoRequest() throws {
        let feed = Self.feed([Self.item("one", transcript: "t/1.vtt")])
        let server = try LoopbackServer { r in .ok(r.target.hasSuffix(".xml") ? feed : Self.vtt) }
        defer { server.stop() }
        let c = try Self.corpus(feed: server.url("/feed.xml"))
        _ = try Self.ingest(c.pipeline, work: c.work)
        let episodes = try Repo.read(c.work + "/ingest/episodes.jsonl")
        let before = server.connections

        let r = try vigil(["ingest", c.pipeline, "--work", c.work, "--offline"])
        #expect(r.code == 0, "\(r.err)")
        #expect(try Repo.read(c.work + "/ingest/episodes.jsonl") == episodes)

        let empty = c.dir + "/empty-work"
        let uncached = try vigil(["ingest", c.pipeline, "--work", empty, "--offline"])
        #expect(uncached.code == 3)
        #expect(Self.problems(empty).map(\.code) == ["ingest.offline_uncached"])
        Thread.sleep(forTimeInterval: 0.1)
        #expect(server.connections == before, "--offline made a request")
    }

    @Test func failuresBecomeProblemsWithinTheTimeouts() throws {
        let feed = Self.feed([
            Self.item("slow", transcript: "slow.vtt"), Self.item("huge", transcript: "huge.vtt"),
            Self.item("loop", transcript: "loop.vtt"), Self.item("gone", transcript: "gone.vtt"),
            Self.item("good", transcript: "good.vtt"),
        ])
        let server = try LoopbackServer { r in
            switch r.target {
            case "/feed.xml": .ok(feed)
            case "/slow.vtt": .slow(seconds: 10)
            case "/huge.vtt": .stream(bytes: 1 << 30, chunked: false)
            case "/loop.vtt", "/loop2.vtt": .redirect(r.target == "/loop.vtt" ? "/loop2.vtt" : "/loop.vtt")
            case "/good.vtt": .ok(Self.vtt)
            default: .respond(status: 404, headers: [], body: [])
            }
        }
        defer { server.stop() }
        let c = try Self.corpus(feed: server.url("/feed.xml"), extra: "fetch: {allow_loopback: true, timeout: 1, retries: 0, max_bytes: 200000}")
        let start = Date()
        let report = try Self.ingest(c.pipeline, work: c.work)
        #expect(Date().timeIntervalSince(start) < 4)
        #expect(Self.count(report, "episodes") == 1)
        let byItem = Dictionary(Self.problems(c.work).map { ($0.item ?? "", $0.code) }, uniquingKeysWith: { a, _ in a })
        #expect(byItem["slow"] == "ingest.fetch_timeout")
        #expect(byItem["huge"] == "ingest.too_large")
        #expect(byItem["loop"] == "ingest.too_many_redirects")
        #expect(byItem["gone"] == "ingest.http_status")
    }

    @Test func mappedFeedIsReadFromItsFolderWithoutARequest() throws {
        let server = try LoopbackServer { _ in .ok("must not be fetched") }
        defer { server.stop() }
        let prefix = server.url("/")
        let feed = Self.feed([Self.item("one", transcript: "t/1.vtt"), Self.item("abs", transcript: server.url("/feeds/t/1.vtt"))])
        let c = try Self.corpus(
            feed: server.url("/feeds/a.xml"), extra: "maps: {\"\(prefix)\": archive/site/}",
            files: ["archive/site/feeds/a.xml": feed, "archive/site/feeds/t/1.vtt": Self.vtt])
        let report = try Self.ingest(c.pipeline, work: c.work)
        #expect(Self.count(report, "episodes") == 2)
        #expect(try Repo.read(c.work + "/ingest/episodes.jsonl").contains("\"transcript_file\":\"\(server.url("/feeds/t/1.vtt"))\""))
        Thread.sleep(forTimeInterval: 0.1)
        #expect(server.connections == 0)
    }

    @Test func mapFlagOverridesAndWorksOffline() throws {
        let feed = Self.feed([Self.item("one", transcript: "t/1.vtt")])
        let c = try Self.corpus(feed: "https://media.example.org/feeds/a.xml", extra: "", files: ["mirror/feeds/a.xml": feed, "mirror/feeds/t/1.vtt": Self.vtt])
        let r = try vigil(["ingest", c.pipeline, "--work", c.work, "--offline", "--map", "https://media.example.org/=\(c.dir)/mirror/"])
        #expect(r.code == 0, "\(r.err)")
        #expect(try Repo.read(c.work + "/ingest/episodes.jsonl").contains("\"item_id\":\"one\""))
        let bad = try vigil(["ingest", c.pipeline, "--work", c.work, "--map", "nonsense"])
        #expect(bad.code == 2)
    }

    @Test func archiveFindsTranscriptsByEnclosureName() throws {
        let srt = "1\n00:00:01,000 --> 00:00:03,000\nHOST: They are taking our jobs.\n"
        let feed = Self.feed([
            Self.item("archived", transcript: nil, enclosure: "https://media.example.org/audio/2026-01-05-morning.mp3?dl=1"),
            Self.item("nothing", transcript: nil, enclosure: "https://media.example.org/audio/unknown.mp3"),
        ])
        let c = try Self.corpus(feed: "feeds/a.xml", extra: "archives: [stt]", files: ["corpus/feeds/a.xml": feed, "stt/2026-01-05-morning.srt": srt, "stt/2026-01-05-morning.txt": "plain"])
        let report = try Self.ingest(c.pipeline, work: c.work)
        #expect(Self.count(report, "episodes") == 1)
        let episodes = try Repo.read(c.work + "/ingest/episodes.jsonl")
        #expect(episodes.contains("\"transcript_format\":\"srt\""))
        #expect(episodes.contains("\"rel\":\"archive\""))
        #expect(Self.problems(c.work).map(\.code) == ["ingest.no_transcript"])
    }
}
