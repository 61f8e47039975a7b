import Foundation
import Testing
import VigilCore
import VigilIO
@testable import VigilPipeline

/// `vigil run` normalizes and detects in one pass (`NormalizeDetect`); `vigil normalize` then
/// `vigil detect` run the stages one after the other. Every file either way writes (outputs,
/// reuse indexes, problem logs, manifests but for their timings) and every stage outcome must
/// be the same bytes, on fresh and on incremental runs, whatever the job count.
@Suite(.serialized)
struct FusedPassTests {
    /// Runs `stages` as `vigil run` does (normalize and detect fused) or one stage at a time.
    @discardableResult
    func run(_ stages: [Stage], config: PipelineConfig, work: String, jobs: Int, fused: Bool) throws -> [StageOutcome] {
        if fused { return try Pipeline.run(stages, config: config, work: work, jobs: jobs).outcomes }
        return try stages.flatMap { try Pipeline.run([$0], config: config, work: work, jobs: jobs).outcomes }
    }

    /// Every file of a work folder, as comparable bytes: the folder's own path and each
    /// output's file identity (mtime, inode) in `reuse.tsv`, and the timings (and with
    /// `ignoringJobs` the job count) in manifests, are left out.
    func files(_ work: String, ignoringJobs: Bool = false) throws -> [String: String] {
        var out: [String: String] = [:]
        let names = try FileManager.default.subpathsOfDirectory(atPath: work)
        for name in names where !name.contains(".tmp-") && !name.hasSuffix(".lock") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: work + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            var lines = try Repo.read(work + "/" + name).replacingOccurrences(of: work, with: "WORK")
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if name.hasSuffix("reuse.tsv") {
                lines = lines.map { $0.hasPrefix("output ") ? $0.split(separator: " ").prefix(3).joined(separator: " ") : $0 }
            }
            if name.hasSuffix("manifest.json") {
                let skipped = ["\"seconds\":", "\"started_at\":"] + (ignoringJobs ? ["\"jobs\":"] : [])
                lines = lines.filter { line in !skipped.contains { line.trimmingCharacters(in: .whitespaces).hasPrefix($0) } }
            }
            out[name] = lines.joined(separator: "\n")
        }
        return out
    }

    /// Expects two work folders to hold the same files with the same bytes.
    func expectSame(_ a: String, _ b: String, ignoringJobs: Bool = false, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let x = try files(a, ignoringJobs: ignoringJobs), y = try files(b, ignoringJobs: ignoringJobs)
        #expect(x.keys.sorted() == y.keys.sorted(), "\(what): the same files", sourceLocation: sourceLocation)
        #expect(x.count > 12, "\(what): every stage's files are compared", sourceLocation: sourceLocation)
        for name in x.keys.sorted() where y[name] != nil && x[name] != y[name] {
            let l = x[name]!.split(separator: "\n", omittingEmptySubsequences: false), r = y[name]!.split(separator: "\n", omittingEmptySubsequences: false)
            let at = zip(l, r).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(l.count, r.count)
            Issue.record("\(what): \(name) differs at line \(at + 1):\n  \(at < l.count ? l[at] : "<end>")\n  \(at < r.count ? r[at] : "<end>")", sourceLocation: sourceLocation)
        }
    }

    func expectSame(_ a: [StageOutcome], _ b: [StageOutcome], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        func text(_ o: [StageOutcome]) -> [String] { o.map { "\($0.stage) \($0.counts) problems \($0.problems) reused \($0.reused)" } }
        #expect(text(a) == text(b), "\(what): stage outcomes", sourceLocation: sourceLocation)
    }

    func reused(_ outcomes: [StageOutcome], _ stage: Stage) -> Int? { outcomes.first { $0.stage == stage }?.reused }

    /// A copy of `Pipelines/` and `SampleData/` that a test may edit, and its config.
    func sampleCopy() throws -> (root: String, config: () throws -> PipelineConfig) {
        let root = Repo.temporaryFolder("sample")
        for folder in ["Pipelines", "SampleData"] {
            try FileManager.default.copyItem(atPath: Repo.root + "/" + folder, toPath: root + "/" + folder)
        }
        return (root, { try PipelineConfig.load(root + "/Pipelines/sample.yaml") })
    }

    @Test func vigilRunFusesNormalizeAndDetectOnly() {
        #expect(Pipeline.steps(Stage.pipeline) == [[.ingest], [.normalize, .detect], [.aggregate], [.report]])
        #expect(Pipeline.steps([.normalize, .detect]) == [[.normalize, .detect]])
        #expect(Pipeline.steps([.detect, .normalize]) == [[.detect], [.normalize]])
        #expect(Pipeline.steps([.normalize]) == [[.normalize]])
        #expect(Pipeline.steps([.detect, .aggregate]) == [[.detect], [.aggregate]])
    }

    @Test func fusedRunIsTheStagesOneAfterAnotherForEveryJobCount() throws {
        let config = try PipelineConfig.load(Repo.sample)
        var fusedWork: [String] = []
        for jobs in [1, 2, 4] {
            let fused = Repo.temporaryFolder("fused\(jobs)"), staged = Repo.temporaryFolder("staged\(jobs)")
            let a = try run(Stage.pipeline, config: config, work: fused, jobs: jobs, fused: true)
            let b = try run(Stage.pipeline, config: config, work: staged, jobs: jobs, fused: false)
            #expect(a.map(\.stage) == Stage.pipeline)
            expectSame(a, b, "--jobs \(jobs)")
            try expectSame(fused, staged, "--jobs \(jobs)")
            fusedWork.append(fused)
        }
        try expectSame(fusedWork[0], fusedWork[1], ignoringJobs: true, "fused, --jobs 1 vs 2")
        try expectSame(fusedWork[0], fusedWork[2], ignoringJobs: true, "fused, --jobs 1 vs 4")
    }

    @Test func incrementalRunsAreTheSameFusedOrStaged() throws {
        let (root, config) = try sampleCopy()
        let fused = Repo.temporaryFolder("fused"), staged = Repo.temporaryFolder("staged")
        func both(_ what: String, reuse: Bool = true, jobs: (Int, Int) = (2, 2)) throws -> [StageOutcome] {
            var c = try config()
            c.reuse = reuse
            let a = try run(Stage.pipeline, config: c, work: fused, jobs: jobs.0, fused: true)
            let b = try run(Stage.pipeline, config: c, work: staged, jobs: jobs.1, fused: false)
            expectSame(a, b, what)
            try expectSame(fused, staged, ignoringJobs: jobs.0 != jobs.1, what)
            return a
        }
        let first = try both("first run")
        let episodes = try #require(first.first { $0.stage == .normalize }?.counts.first { $0.0 == "episodes" }?.1)
        #expect(episodes > 100)

        let unchanged = try both("unchanged rerun", jobs: (1, 4))
        #expect(reused(unchanged, .normalize) == episodes && reused(unchanged, .detect) == episodes, "everything reused")

        let path = root + "/SampleData/lexicon.csv"
        try AtomicFile.write(try FileSystem.read(path) + Array("market day,offensive,1,en,a test entry added by the fused-pass test\n".utf8), to: path)
        let lexicon = try both("changed lexicon", jobs: (4, 1))
        #expect(reused(lexicon, .normalize) == episodes && reused(lexicon, .detect) == 0, "normalize reused, detect recomputed")

        // A new episode at the top of a feed.
        try AtomicFile.write(Array("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Host>Good evening, a new show tonight about the harvest.\n".utf8),
                             to: root + "/SampleData/transcripts/highland-voice/2026-01-19-new-show.vtt")
        let feed = root + "/SampleData/feeds/highland-voice.xml"
        let text = try Repo.read(feed)
        let item = """
              <item>
                <title>New Show, 19 Jan 2026</title>
                <guid isPermaLink="false">highland-voice-2026-01-19-new-show</guid>
                <pubDate>Mon, 19 Jan 2026 20:00:00 +0300</pubDate>
                <podcast:transcript url="../transcripts/highland-voice/2026-01-19-new-show.vtt" type="text/vtt" language="en"/>
              </item>

            """
        let at = try #require(text.range(of: "  <item>"))
        try AtomicFile.write(Array(text.replacingCharacters(in: at.lowerBound..<at.lowerBound, with: item).utf8), to: feed)
        let added = try both("an added episode")
        #expect(reused(added, .normalize) == episodes && reused(added, .detect) == episodes, "only the new episode computed")

        let off = try both("--no-reuse", reuse: false)
        #expect(reused(off, .normalize) == 0 && reused(off, .detect) == 0)
        _ = try both("rerun after --no-reuse")
    }

    @Test func aBadIngestRecordAndAnUnknownStationAreLoggedAlike() throws {
        let config = try PipelineConfig.load(Repo.sample)
        let ingested = Repo.temporaryFolder("ingested")
        try runSample(stages: [.ingest], work: ingested, jobs: 1)
        // A malformed record near the top (so normalize's lines are one behind ingest's), two
        // episodes of stations not in the registry (one with an id the key scan cannot read).
        let path = ingested + "/ingest/episodes.jsonl"
        var lines = try Repo.read(path).split(separator: "\n").map(String.init)
        #expect(lines.count > 100)
        lines.insert("{\"episode_id\":\"broken\",", at: 3)
        for (n, station) in [(10, "nowhere-fm"), (40, "no\\\"where")] {
            let range = try #require(lines[n].range(of: #""station_id":"[^"]*""#, options: .regularExpression))
            lines[n].replaceSubrange(range, with: "\"station_id\":\"\(station)\"")
        }
        try AtomicFile.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)

        let fused = Repo.temporaryFolder("fused"), staged = Repo.temporaryFolder("staged")
        for work in [fused, staged] { try FileManager.default.removeItem(atPath: work) }
        try FileManager.default.copyItem(atPath: ingested, toPath: fused)
        try FileManager.default.copyItem(atPath: ingested, toPath: staged)
        for pass in ["fresh", "rerun (normalize reused)"] {
            let a = try run([.normalize, .detect], config: config, work: fused, jobs: 2, fused: true)
            let b = try run([.normalize, .detect], config: config, work: staged, jobs: 2, fused: false)
            expectSame(a, b, pass)
            try expectSame(fused, staged, pass)
            #expect(a.map(\.problems) == [1, 2], "\(pass): one bad record, two unknown stations")
        }

        // Detect names the line in normalize's output, not ingest's.
        let problems = try Repo.read(fused + "/detect/problems.jsonl").split(separator: "\n")
        let normalized = try Repo.read(fused + "/normalize/episodes.jsonl").split(separator: "\n")
        #expect(problems.count == 2)
        for problem in problems {
            let p = try JSONDecoder().decode(VigilError.self, from: Data(problem.utf8))
            #expect(p.code == "detect.unknown_station")
            let line = try #require(p.line)
            #expect(normalized[line - 1].contains("\"episode_id\":\"\(p.item ?? "?")\""), "\(problem)")
        }
        #expect(try Repo.read(fused + "/normalize/problems.jsonl").contains("\"code\":\"normalize.bad_artifact\""))
        #expect(try Repo.read(fused + "/problems.jsonl").split(separator: "\n").count == 3 + (try Repo.read(ingested + "/ingest/problems.jsonl")).split(separator: "\n").count)
    }
}
