import Foundation
import Testing
import VigilCore
import VigilIO
import VigilPipeline

/// Operations: one run per work folder, clean stops, crash safety, stage and date control.
@Suite(.serialized)
struct OperationsTests {
    /// A corpus big enough that a run takes a while (generated, deterministic).
    static let corpus: String = {
        let dir = Repo.temporaryFolder("opscorpus")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Repo.root + "/scripts/generate-corpus", dir, "--size", "6MB"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try? p.run()
        p.waitUntilExit()
        return dir
    }()

    func args(_ work: String, jobs: Int = 2) -> [String] {
        ["run", "--registry", Self.corpus + "/stations.csv", "--lexicon", Self.corpus + "/lexicon.csv",
         "--cues", Self.corpus + "/cues.csv", "--work", work, "--jobs", String(jobs)]
    }

    func start(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Repo.binary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits until `path` exists (the run has reached that point), up to a bound.
    func waitFor(_ path: String, _ process: Process) -> Bool {
        for _ in 0..<2000 where process.isRunning {
            if FileManager.default.fileExists(atPath: path) { return true }
            usleep(5_000)
        }
        return FileManager.default.fileExists(atPath: path)
    }

    func same(_ a: String, _ b: String) throws {
        for name in dataOutputs {
            #expect(try FileSystem.read(a + "/" + name) == (try FileSystem.read(b + "/" + name)), "\(name)")
        }
    }

    @Test func secondConcurrentRunIsRefusedAndStaleLockTakenOver() throws {
        let work = Repo.temporaryFolder()
        // A live process (this test) holds the lock.
        try AtomicFile.write(Array("\(getpid())\n".utf8), to: work + "/vigil.lock")
        let busy = try vigil(args(work))
        #expect(busy.code == 4)
        #expect(busy.err.contains("another vigil run (process \(getpid())) is using"))
        #expect(!FileSystem.exists(work + "/ingest/episodes.jsonl"))
        // A lock from another host cannot be checked: it is never taken over.
        try AtomicFile.write(Array("12345 some-other-host\n".utf8), to: work + "/vigil.lock")
        let remote = try vigil(args(work))
        #expect(remote.code == 4)
        #expect(remote.err.contains("on host some-other-host"))
        // A lock left by a process that no longer exists is taken over.
        try AtomicFile.write(Array("2147483000\n".utf8), to: work + "/vigil.lock")
        let r = try vigil(args(work))
        #expect(r.code == 0, "\(r.err)")
        #expect(r.err.contains("took over a stale lock left by process 2147483000"))
        #expect(!FileSystem.exists(work + "/vigil.lock"), "released at the end")
    }

    @Test func sigkillAtSeveralPointsThenRerunGivesIdenticalOutputs() throws {
        let reference = Repo.temporaryFolder("reference")
        #expect(try vigil(args(reference)).code == 0)
        for point in ["ingest/episodes.jsonl", "normalize/episodes.jsonl", "detect/hits.jsonl"] {
            let work = Repo.temporaryFolder("killed")
            let p = try start(args(work))
            // Kill as soon as the stage before `point` has finished (its output appeared).
            _ = waitFor(work + "/" + point, p)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let rerun = try vigil(args(work))
            #expect(rerun.code == 0, "rerun after SIGKILL at \(point): \(rerun.err)")
            try same(reference, work)
        }
    }

    @Test func sigtermStopsCleanlyAndARerunCompletes() throws {
        let reference = Repo.temporaryFolder("reference")
        #expect(try vigil(args(reference, jobs: 1)).code == 0)
        let work = Repo.temporaryFolder("stopped")
        let p = try start(args(work, jobs: 1))
        _ = waitFor(work + "/vigil.lock", p)
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130 || p.terminationStatus == 0, "clean stop (or it had finished)")
        if p.terminationStatus == 130 {
            #expect(!FileSystem.exists(work + "/report/report.html"), "a stopped run does not pretend to have finished")
            let leftovers = (try? FileManager.default.subpathsOfDirectory(atPath: work))?.filter { $0.contains(".tmp-") } ?? []
            #expect(leftovers.isEmpty, "no half-written files: \(leftovers)")
            #expect(!FileSystem.exists(work + "/vigil.lock"), "lock released")
        }
        #expect(try vigil(args(work, jobs: 1)).code == 0)
        try same(reference, work)
    }

    @Test func fromToAndStatus() throws {
        let work = Repo.temporaryFolder()
        let first = try vigil(args(work) + ["--to", "normalize"])
        #expect(first.code == 0)
        #expect(!FileSystem.exists(work + "/detect/hits.jsonl"))
        let status = try vigil(["status", "--registry", Self.corpus + "/stations.csv", "--lexicon", Self.corpus + "/lexicon.csv",
                                "--cues", Self.corpus + "/cues.csv", "--work", work])
        #expect(status.code == 1)
        #expect(status.out.contains("detect: not run"))
        #expect(try vigil(args(work) + ["--from", "detect"]).code == 0)
        let current = try vigil(["status", "--registry", Self.corpus + "/stations.csv", "--lexicon", Self.corpus + "/lexicon.csv",
                                 "--cues", Self.corpus + "/cues.csv", "--work", work])
        #expect(current.code == 0, "\(current.out)")
        #expect(current.out.contains("status: current"))
        let bad = try vigil(args(work) + ["--from", "report", "--to", "ingest"])
        #expect(bad.code == 2)
    }

    @Test func sinceAndUntilRestrictByPublicationDate() throws {
        let work = Repo.temporaryFolder()
        let r = try vigil(["run", Repo.sample, "--work", work, "--since", "2025-12-29", "--until", "2026-01-04"])
        #expect(r.code == 3)
        #expect(r.out.contains("items_out_of_range"))
        let weeks = Set(CSVReader(bytes: try FileSystem.read(work + "/aggregate/region_week.csv")).rows.map { $0.fields[1] })
        #expect(weeks.isSubset(of: ["2025-W52", "2026-W01", "2026-W02"]), "\(weeks)")
        #expect(weeks.contains("2026-W01"))
    }
}

/// Scale-out: shards as separate processes, merged back into a single run's bytes.
struct ShardTests {
    @Test func threeShardsMergedEqualASingleRun() throws {
        let single = Repo.temporaryFolder("single")
        #expect(try vigil(["run", Repo.sample, "--work", single, "--jobs", "2"]).code == 3)
        var shards: [String] = []
        var processes: [Process] = []
        for k in 1...3 {
            let work = Repo.temporaryFolder("shard\(k)")
            shards.append(work)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Repo.binary)
            p.arguments = ["run", Repo.sample, "--work", work, "--shard", "\(k)/3", "--jobs", "1"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            processes.append(p)
        }
        for p in processes { p.waitUntilExit() }
        // Every station is in exactly one shard.
        let counts = try shards.map { try Repo.read($0 + "/ingest/episodes.jsonl").split(separator: "\n").count }
        #expect(counts.allSatisfy { $0 > 0 })
        #expect(counts.reduce(0, +) == (try Repo.read(single + "/ingest/episodes.jsonl").split(separator: "\n").count))
        let merged = Repo.temporaryFolder("merged")
        let incomplete = try vigil(["merge", Repo.sample, "--work", Repo.temporaryFolder("partial"), shards[0], shards[2]])
        #expect(incomplete.code == 1)
        #expect(incomplete.err.contains("shard(s) 2 of 3 not given"))
        let m = try vigil(["merge", Repo.sample, "--work", merged, shards[2], shards[0], shards[1]])
        #expect(m.code == 3, "the sample's rejected inputs are still reported: \(m.err)")
        for name in dataOutputs {
            #expect(try FileSystem.read(single + "/" + name) == (try FileSystem.read(merged + "/" + name)), "\(name)")
        }
    }

    @Test func shardAssignmentIsStable() {
        #expect(Shard("2/3") != nil && Shard("0/3") == nil && Shard("4/3") == nil && Shard("x") == nil)
        let a = (0..<300).map { Shard.of("station-\($0)", count: 3) }
        #expect(a == (0..<300).map { Shard.of("station-\($0)", count: 3) })
        #expect(Set(a) == [1, 2, 3])
    }
}
