import Foundation
import Testing
import VigilCore
import VigilIO

/// Incremental runs, driving the real binary on a private copy of the sample: unchanged
/// episodes are copied from the previous run, and the outputs are always the bytes a fresh
/// run would write.
@Suite(.serialized)
struct IncrementalTests {
    /// A copy of `Pipelines/` and `SampleData/` that a test may edit.
    func sampleCopy() throws -> String {
        let root = Repo.temporaryFolder("sample")
        for folder in ["Pipelines", "SampleData"] {
            try FileManager.default.copyItem(atPath: Repo.root + "/" + folder, toPath: root + "/" + folder)
        }
        return root
    }

    func run(_ root: String, _ work: String, _ extra: [String] = []) throws -> (code: Int32, out: String, err: String) {
        try vigil(["run", root + "/Pipelines/sample.yaml", "--work", work, "--jobs", "2"] + extra)
    }

    /// The `reuse` section a stage wrote in `manifest.json`.
    func reuse(_ work: String, _ stage: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: work + "/manifest.json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let stages = try #require(doc["stages"] as? [String: Any])
        let section = try #require(stages[stage] as? [String: Any])
        return try #require(section["reuse"] as? [String: Any])
    }

    func counts(_ work: String, _ stage: String) throws -> (reused: Int, computed: Int) {
        let r = try reuse(work, stage)
        return (r["reused"] as? Int ?? -1, r["computed"] as? Int ?? -1)
    }

    /// The inode of each per-episode output: equal when a file was kept, not rewritten.
    func inodes(_ work: String) throws -> [Int] {
        try ["ingest/episodes.jsonl", "normalize/episodes.jsonl", "detect/hits.jsonl", "detect/episodes.csv"].map {
            (try FileManager.default.attributesOfItem(atPath: work + "/" + $0)[.systemFileNumber] as? Int) ?? -1
        }
    }

    /// A copy of a work folder's data outputs, to compare later runs with.
    func copyOutputs(_ work: String) throws -> String {
        let copy = Repo.temporaryFolder("snapshot")
        for name in dataOutputs {
            try FileSystem.makeDirectories(FileSystem.directory(of: copy + "/" + name))
            try FileManager.default.copyItem(atPath: work + "/" + name, toPath: copy + "/" + name)
        }
        return copy
    }

    func same(_ a: String, _ b: String) throws {
        for name in dataOutputs {
            #expect(try FileSystem.read(a + "/" + name) == (try FileSystem.read(b + "/" + name)), "\(name)")
        }
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        let text = try Repo.read(path)
        let changed = change(text)
        #expect(changed != text, "the edit of \(path) changed something")
        try AtomicFile.write(Array(changed.utf8), to: path)
    }

    @Test func unchangedRerunReusesEveryEpisodeAndWritesTheSameBytes() throws {
        let root = try sampleCopy()
        let work = Repo.temporaryFolder("work")
        let first = try run(root, work)
        #expect(first.code == 3, "sample has input problems: \(first.err)")
        let snapshot = try copyOutputs(work)
        let episodes = try counts(work, "ingest").computed
        #expect(episodes > 100)
        #expect(try reuse(work, "ingest")["previous"] as? String == "none (no previous run of this stage in the work folder)")

        let before = try inodes(work)
        let second = try run(root, work)
        #expect(second.code == 3)
        // Nothing changed, so the per-episode outputs were kept as they were, not rewritten.
        #expect(try inodes(work) == before)
        for stage in ["ingest", "normalize", "detect"] {
            #expect(try counts(work, stage) == (episodes, 0), "\(stage) reused every episode")
            #expect(try reuse(work, stage)["previous"] as? String == "used")
        }
        #expect(second.out.contains("episodes \(episodes); new 0; reused \(episodes)"), "\(second.out)")
        try same(snapshot, work)

        // --no-reuse computes everything again, to the same bytes.
        let forced = try run(root, work, ["--no-reuse"])
        #expect(forced.code == 3)
        #expect(try counts(work, "detect") == (0, episodes))
        #expect(try reuse(work, "detect")["previous"] as? String == "off (--no-reuse)")
        try same(snapshot, work)
    }

    @Test func aChangedLexiconRerunsDetectOnwardOnly() throws {
        let root = try sampleCopy()
        let work = Repo.temporaryFolder("work")
        #expect(try run(root, work).code == 3)
        let episodes = try counts(work, "ingest").computed
        try edit(root + "/SampleData/lexicon.csv") { $0 + "market day,offensive,1,en,a test entry added by the incremental-run test\n" }

        let before = try inodes(work)
        let second = try run(root, work)
        #expect(second.code == 3)
        #expect(try counts(work, "ingest") == (episodes, 0))
        #expect(try counts(work, "normalize") == (episodes, 0))
        #expect(try counts(work, "detect") == (0, episodes))
        let after = try inodes(work)
        #expect(after[0] == before[0] && after[1] == before[1], "ingest and normalize outputs kept")
        #expect(after[2] != before[2], "hits rewritten")
        let why = try reuse(work, "detect")
        #expect(why["changed"] as? [String] == ["lexicons"])
        #expect((why["previous"] as? String)?.contains("lexicons") == true)

        // The same bytes as a fresh run with the new lexicon.
        let fresh = Repo.temporaryFolder("fresh")
        #expect(try run(root, fresh).code == 3)
        try same(fresh, work)
    }

    @Test func onlyNewAndChangedItemsAreComputed() throws {
        let root = try sampleCopy()
        let work = Repo.temporaryFolder("work")
        #expect(try run(root, work).code == 3)
        let episodes = try counts(work, "ingest").computed

        // A new item at the top of a feed (every later item's line moves) …
        let feed = root + "/SampleData/feeds/highland-voice.xml"
        try AtomicFile.write(Array("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Host>Good evening, a new show tonight about the harvest.\n".utf8),
                             to: root + "/SampleData/transcripts/highland-voice/2026-01-19-new-show.vtt")
        try edit(feed) {
            $0.replacingOccurrences(of: "  <item>", with: """
                  <item>
                    <title>New Show, 19 Jan 2026</title>
                    <guid isPermaLink="false">highland-voice-2026-01-19-new-show</guid>
                    <pubDate>Mon, 19 Jan 2026 20:00:00 +0300</pubDate>
                    <podcast:transcript url="../transcripts/highland-voice/2026-01-19-new-show.vtt" type="text/vtt" language="en"/>
                  </item>
                  <item>
                """, options: [], range: $0.range(of: "  <item>"))
        }
        // … and one transcript edited.
        let folder = root + "/SampleData/transcripts/coast-fm"
        let txt = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first { $0.hasSuffix(".txt") })
        try edit(folder + "/" + txt) { $0 + "\nCaller: The kite festival is back next week, bring the children.\n" }

        let second = try run(root, work)
        #expect(second.code == 3)
        for stage in ["ingest", "normalize", "detect"] {
            #expect(try counts(work, stage) == (episodes - 1, 2), "\(stage): the new and the edited episode computed, the rest reused")
        }
        let fresh = Repo.temporaryFolder("fresh")
        #expect(try run(root, fresh).code == 3)
        try same(fresh, work)
        #expect(try Repo.read(work + "/ingest/episodes.jsonl").contains("2026-01-19-new-show"))
    }

    @Test func anOutputChangedAfterItWasIndexedIsNotTrusted() throws {
        let root = try sampleCopy()
        let work = Repo.temporaryFolder("work")
        #expect(try run(root, work).code == 3)
        let episodes = try counts(work, "ingest").computed
        let reference = try copyOutputs(work)
        // Someone rewrites the normalized records (same length, different bytes).
        let path = work + "/normalize/episodes.jsonl"
        var bytes = try FileSystem.read(path)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "a")))
        bytes[at] = UInt8(ascii: "b")
        try AtomicFile.write(bytes, to: path)

        #expect(try run(root, work).code == 3)
        #expect(try counts(work, "ingest") == (episodes, 0))
        #expect(try counts(work, "normalize") == (0, episodes))
        #expect(try reuse(work, "normalize")["previous"] as? String == "discarded (an output changed after it was indexed)")
        try same(reference, work)
    }

    @Test func sigkillDuringAReusingRunThenRerunGivesTheFreshBytes() throws {
        let root = try sampleCopy()
        let work = Repo.temporaryFolder("work")
        #expect(try run(root, work).code == 3)
        try edit(root + "/SampleData/lexicon.csv") { $0 + "weather hour,offensive,1,en,a test entry added by the incremental-run test\n" }
        let fresh = Repo.temporaryFolder("fresh")
        #expect(try run(root, fresh).code == 3)
        // Killed while each per-episode stage of the reusing run is writing (its temporary
        // output exists), then rerun.
        for point in ["ingest/episodes.jsonl", "normalize/episodes.jsonl", "detect/hits.jsonl"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Repo.binary)
            p.arguments = ["run", root + "/Pipelines/sample.yaml", "--work", work, "--jobs", "1"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            let temporary = work + "/" + point + ".tmp-\(p.processIdentifier)"
            for _ in 0..<20_000 where p.isRunning && !FileManager.default.fileExists(atPath: temporary) { usleep(200) }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(try run(root, work).code == 3)
            try same(fresh, work)
        }
    }
}
