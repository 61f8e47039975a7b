import Foundation
import LoopbackServer
import Testing
import VigilCore
import VigilIO
import VigilPipeline

/// Every way a feed or transcript reference could read outside the allowed folders or reach
/// a forbidden address, each with its own malicious input. The secret's marker must never
/// appear in any output.
struct InputSafetyTests {
    static let marker = "VIGIL-SECRET-MARKER-5519"

    /// A corpus beside a secret file; returns the problems of each item and all output text.
    func run(
        items: [String], extra: String = "", files: [String: String] = [:], links: [String: String] = [:],
        name: String = #function
    ) throws -> (problems: [String: String], text: String, dir: String) {
        let dir = Repo.temporaryFolder(name)
        try AtomicFile.write(Array("\(Self.marker)\n".utf8), to: dir + "/secret.txt")
        var all = files
        all["corpus/feeds/a.xml"] = FetchTests.feed(items).replacingOccurrences(of: "SECRETDIR", with: dir)
        for (path, text) in all { try AtomicFile.write(Array(text.utf8), to: dir + "/" + path) }
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(atPath: dir + "/" + link, withDestinationPath: target.replacingOccurrences(of: "SECRETDIR", with: dir))
        }
        try AtomicFile.write(Array("station_id,name,region,feed\nevil,Evil FM,North,feeds/a.xml\n".utf8), to: dir + "/corpus/stations.csv")
        let yaml = "registry: corpus/stations.csv\nlexicons: [\(Repo.sampleData)/lexicon.csv]\ngroups: \(Repo.sampleData)/groups.csv\n\(extra)\n"
        try AtomicFile.write(Array(yaml.utf8), to: dir + "/pipeline.yaml")
        _ = try Pipeline.run(Stage.pipeline, config: PipelineConfig.load(dir + "/pipeline.yaml"), work: dir + "/work", jobs: 2)
        var problems: [String: String] = [:]
        for p in FetchTests.problems(dir + "/work") where problems[p.item ?? ""] == nil { problems[p.item ?? ""] = p.code }
        var text = ""
        let e = FileManager.default.enumerator(atPath: dir + "/work")
        while let f = e?.nextObject() as? String {
            if let d = FileManager.default.contents(atPath: dir + "/work/" + f) { text += String(decoding: d, as: UTF8.self) }
        }
        return (problems, text, dir)
    }

    static func item(_ id: String, _ url: String?, enclosure: String = "https://media.example.org/a.mp3") -> String {
        FetchTests.item(id, transcript: url, enclosure: enclosure)
    }

    @Test func symlinkInsideTheCorpusPointingOutsideIsRefused() throws {
        let r = try run(items: [Self.item("link", "../t/link.vtt")], files: ["corpus/t/ok.txt": "x"], links: ["corpus/t/link.vtt": "SECRETDIR/secret.txt"])
        #expect(r.problems["link"] == "ingest.outside_root")
        #expect(!r.text.contains(Self.marker))
    }

    @Test func symlinkedFolderPointingOutsideIsRefused() throws {
        let r = try run(items: [Self.item("dir", "../up/secret.txt")], links: ["corpus/up": "SECRETDIR"])
        #expect(r.problems["dir"] == "ingest.outside_root")
        #expect(!r.text.contains(Self.marker))
    }

    @Test func fileURLIsRefused() throws {
        let r = try run(items: [Self.item("file", "file://SECRETDIR/secret.txt")])
        #expect(r.problems["file"] == "ingest.unsupported_url")
        #expect(!r.text.contains(Self.marker))
    }

    @Test func dotDotIsRefused() throws {
        let r = try run(items: [Self.item("dots", "../../secret.txt")])
        #expect(r.problems["dots"] == "ingest.outside_root")
        #expect(!r.text.contains(Self.marker))
    }

    @Test func absolutePathIsRefused() throws {
        let r = try run(items: [Self.item("abs", "SECRETDIR/secret.txt")])
        #expect(r.problems["abs"] == "ingest.outside_root")
        #expect(!r.text.contains(Self.marker))
    }

    @Test(arguments: ["ftp://127.0.0.1/secret.txt", "gopher://127.0.0.1:6379/_INFO", "data:text/vtt,WEBVTT", "javascript:alert(1)"])
    func otherSchemesAreRefused(_ url: String) throws {
        let r = try run(items: [Self.item("scheme", url)])
        #expect(r.problems["scheme"] == "ingest.unsupported_url")
    }

    @Test func loopbackTranscriptIsRefusedByDefault() throws {
        let server = try LoopbackServer { _ in .ok("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\(Self.marker)\n") }
        defer { server.stop() }
        let r = try run(items: [Self.item("loop", server.url("/admin.vtt"))])
        #expect(r.problems["loop"] == "ingest.address_refused")
        Thread.sleep(forTimeInterval: 0.1)
        #expect(server.connections == 0)
        #expect(!r.text.contains(Self.marker))
    }

    @Test func redirectToAPrivateAddressIsRefused() throws {
        let server = try LoopbackServer { _ in .redirect("http://169.254.169.254/latest/meta-data/iam") }
        defer { server.stop() }
        let r = try run(items: [Self.item("meta", server.url("/t.vtt"))], extra: "fetch: {allow_loopback: true, timeout: 1, retries: 0}")
        #expect(r.problems["meta"] == "ingest.address_refused")
        #expect(server.requests.count == 1)
    }

    @Test func redirectToAFileURLIsRefused() throws {
        let server = try LoopbackServer { _ in .redirect("file:///etc/passwd") }
        defer { server.stop() }
        let r = try run(items: [Self.item("redir", server.url("/t.vtt"))], extra: "fetch: {allow_loopback: true, timeout: 1, retries: 0}")
        #expect(r.problems["redir"] == "ingest.unsupported_url")
    }

    @Test(arguments: ["https://media.example.org/../secret.txt", "https://media.example.org/%2e%2e/secret.txt"])
    func mappedURLCannotClimbOutOfItsFolder(_ url: String) throws {
        let r = try run(items: [Self.item("climb", url)], extra: "maps: {\"https://media.example.org/\": corpus/}")
        #expect(r.problems["climb"] == "ingest.outside_root")
        #expect(!r.text.contains(Self.marker))
    }

    @Test func mappedSymlinkPointingOutsideIsRefused() throws {
        let r = try run(items: [Self.item("maplink", "https://media.example.org/t.vtt")], extra: "maps: {\"https://media.example.org/\": mirror/}", files: ["mirror/ok.txt": "x"], links: ["mirror/t.vtt": "SECRETDIR/secret.txt"])
        #expect(r.problems["maplink"] == "ingest.outside_root")
        #expect(!r.text.contains(Self.marker))
    }

    @Test func archiveSymlinkPointingOutsideIsRefused() throws {
        let r = try run(items: [Self.item("arch", nil, enclosure: "https://media.example.org/ep.mp3")], extra: "archives: [stt]", files: ["stt/ok.txt": "x"], links: ["stt/ep.vtt": "SECRETDIR/secret.txt"])
        #expect(r.problems["arch"] == "ingest.outside_root")
        #expect(!r.text.contains(Self.marker))
    }

    @Test func enclosureNameCannotClimbOutOfTheArchive() throws {
        let r = try run(items: [Self.item("encl", nil, enclosure: "https://media.example.org/..%2F..%2Fsecret.txt")], extra: "archives: [stt/inner]", files: ["stt/inner/ok.txt": "x"])
        #expect(r.problems["encl"] == "ingest.no_transcript")
        #expect(!r.text.contains(Self.marker))
    }

    @Test func oversizedLocalTranscriptIsRefused() throws {
        let r = try run(items: [Self.item("big", "../t/big.vtt")], extra: "fetch: {max_bytes: 1000}", files: ["corpus/t/big.vtt": FetchTests.vtt + String(repeating: "x", count: 2000)])
        #expect(r.problems["big"] == "ingest.too_large")
    }

    @Test func registryFeedWithAnotherSchemeIsRefused() throws {
        let c = try FetchTests.corpus(feed: "file:///etc/passwd", extra: "")
        _ = try FetchTests.ingest(c.pipeline, work: c.work)
        #expect(FetchTests.problems(c.work).map(\.code) == ["ingest.unsupported_url"])
    }
}
