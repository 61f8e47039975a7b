import Foundation
import Testing
import VigilCore
import VigilIO

/// Hostile feeds end to end: no external entity is resolved or fetched, no transcript is
/// read outside the allowed folders, and the batch goes on.
struct SecurityTests {
    func makeCorpus(feed: String) throws -> (registry: String, secret: String, work: String) {
        let dir = Repo.temporaryFolder()
        let secret = dir + "/secret.txt"
        try AtomicFile.write(Array("VIGIL-SECRET-MARKER-7731".utf8), to: secret)
        try AtomicFile.write(Array("station_id,name,region,feed\nevil,Evil FM,North,feeds/evil.xml\n".utf8), to: dir + "/corpus/stations.csv")
        try AtomicFile.write(Array(feed.replacingOccurrences(of: "SECRET", with: secret).utf8), to: dir + "/corpus/feeds/evil.xml")
        try AtomicFile.write(Array("hello they are taking our jobs\n".utf8), to: dir + "/corpus/transcripts/a.txt")
        return (dir + "/corpus/stations.csv", secret, dir + "/work")
    }

    func allOutputText(_ work: String) throws -> String {
        var text = ""
        let e = FileManager.default.enumerator(atPath: work)
        while let f = e?.nextObject() as? String {
            if let d = FileManager.default.contents(atPath: work + "/" + f) { text += String(decoding: d, as: UTF8.self) }
        }
        return text
    }

    @Test func externalEntityIsNeitherResolvedNorFetched() throws {
        let feed = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://SECRET"><!ENTITY web SYSTEM "http://127.0.0.1:9/x">]>
            <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Evil &xxe;</title>
            <item><guid>one</guid><title>Ep &xxe; &web;</title><pubDate>Mon, 29 Dec 2025 08:00:00 +0000</pubDate>
            <podcast:transcript url="../transcripts/a.txt" type="text/plain"/></item>
            </channel></rss>
            """
        let c = try makeCorpus(feed: feed)
        let r = try vigil(["run", "--registry", c.registry, "--lexicon", Repo.sampleData + "/lexicon.csv", "--groups", Repo.sampleData + "/groups.csv", "--work", c.work])
        #expect(r.code == 0 || r.code == 3, "\(r.err)")
        let text = try allOutputText(c.work)
        #expect(!text.contains("VIGIL-SECRET-MARKER"))
        #expect(text.contains("\"item_id\":\"one\""), "the item itself is still ingested")
    }

    @Test func transcriptPathsCannotLeaveTheCorpus() throws {
        let feed = """
            <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Evil</title>
            <item><guid>escape</guid><title>x</title><pubDate>Mon, 29 Dec 2025 08:00:00 +0000</pubDate>
            <podcast:transcript url="../../secret.txt" type="text/plain"/></item>
            <item><guid>absolute</guid><title>y</title><pubDate>Mon, 29 Dec 2025 08:00:00 +0000</pubDate>
            <podcast:transcript url="SECRET" type="text/plain"/></item>
            <item><guid>file-url</guid><title>z</title><pubDate>Mon, 29 Dec 2025 08:00:00 +0000</pubDate>
            <podcast:transcript url="file://SECRET" type="text/plain"/></item>
            <item><guid>good</guid><title>ok</title><pubDate>Mon, 29 Dec 2025 08:00:00 +0000</pubDate>
            <podcast:transcript url="../transcripts/a.txt" type="text/plain"/></item>
            </channel></rss>
            """
        let c = try makeCorpus(feed: feed)
        let r = try vigil(["run", "--registry", c.registry, "--lexicon", Repo.sampleData + "/lexicon.csv", "--groups", Repo.sampleData + "/groups.csv", "--work", c.work])
        #expect(r.code == 3)
        #expect(!(try allOutputText(c.work)).contains("VIGIL-SECRET-MARKER"))
        let problems = try Repo.read(c.work + "/problems.jsonl")
        #expect(problems.contains("\"item\":\"escape\""))
        #expect(problems.contains("\"item\":\"absolute\""))
        #expect(problems.contains("\"item\":\"file-url\""))
        #expect(try Repo.read(c.work + "/ingest/episodes.jsonl").contains("\"item_id\":\"good\""))
    }
}
