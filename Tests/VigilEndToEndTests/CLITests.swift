import Foundation
import Testing
import VigilCore
import VigilIO

/// The real binary: exit codes, messages, defaults.
struct CLITests {
    @Test func runWithoutPipelineUsesTheSample() throws {
        let work = Repo.temporaryFolder()
        let r = try vigil(["run", "--work", work, "--jobs", "2"], in: Repo.temporaryFolder("cwd"))
        #expect(r.code == 3, "sample has rejected inputs: exit 3 (\(r.err))")
        #expect(r.out.contains("results: \(work)/aggregate/region_week.csv"))
        #expect(r.out.contains("problem(s) recorded in \(work)/problems.jsonl"))
        #expect(FileSystem.exists(work + "/aggregate/region_week.csv"))
        #expect(FileSystem.exists(work + "/manifest.json"))
    }

    @Test func badJobsIsAUsageError() throws {
        let r = try vigil(["run", "--jobs", "0", "--work", Repo.temporaryFolder()])
        #expect(r.code == 2)
        #expect(r.err.contains("--jobs must be at least 1"))
    }

    @Test func unknownFlagIsAUsageError() throws {
        let r = try vigil(["run", "--frobnicate"])
        #expect(r.code == 2)
    }

    @Test func missingRegistryIsFatalAndNamed() throws {
        let r = try vigil(["run", "--registry", "/nonexistent/stations.csv", "--lexicon", Repo.sampleData + "/lexicon.csv", "--work", Repo.temporaryFolder()])
        #expect(r.code == 1)
        #expect(r.err.contains("/nonexistent/stations.csv"))
        #expect(r.err.contains("file not found"))
    }

    @Test func stageWithoutArtifactsSaysWhatToRunFirst() throws {
        let r = try vigil(["detect", "--work", Repo.temporaryFolder()])
        #expect(r.code == 1)
        #expect(r.err.contains("run the earlier stages first"))
    }

    @Test func badLexiconReportsEveryRowThenStops() throws {
        let dir = Repo.temporaryFolder()
        let lexicon = dir + "/bad.csv"
        try AtomicFile.write(Array("term,category,severity\nvermin,dehumanization,9\n,victimhood,2\n".utf8), to: lexicon)
        let r = try vigil(["run", "--registry", Repo.sampleData + "/stations.csv", "--lexicon", lexicon, "--work", dir + "/work"])
        #expect(r.code == 1)
        #expect(r.err.contains("bad.csv:2: item vermin: config.lexicon_bad_severity"))
        #expect(r.err.contains("bad.csv:3: config.lexicon_empty_term"))
        #expect(!FileSystem.exists(dir + "/work/ingest/episodes.jsonl"), "config errors stop before any stage writes")
    }

    @Test func flagsWithoutPipelineFile() throws {
        let work = Repo.temporaryFolder()
        let r = try vigil([
            "run", "--registry", Repo.sampleData + "/stations.csv", "--lexicon", Repo.sampleData + "/lexicon.csv",
            "--groups", Repo.sampleData + "/groups.csv", "--cues", Repo.root + "/Pipelines/lexicons/cues-en.csv",
            "--cues", Repo.sampleData + "/cues-local.csv", "--work", work, "--jobs", "1",
        ])
        #expect(r.code == 3)
        let sampleRun = Repo.temporaryFolder("viaPipeline")
        _ = try vigil(["run", Repo.sample, "--work", sampleRun, "--jobs", "1"])
        // Same inputs, same artifacts; only the alert thresholds (sample.yaml's own) differ.
        for name in dataOutputs where !name.hasPrefix("aggregate/") && !name.hasPrefix("report/") {
            #expect(try FileSystem.read(work + "/" + name) == (try FileSystem.read(sampleRun + "/" + name)), "\(name)")
        }
    }

    @Test func validateChecksWithoutRunning() throws {
        let r = try vigil(["validate", Repo.sample])
        #expect(r.code == 0)
        #expect(r.out.hasPrefix("ok:"))
    }
}

struct LoggingTests {
    @Test func jsonLogLinesForCollectors() throws {
        let bad = try vigil(["run", "--registry", "/nonexistent/stations.csv", "--log-format", "json", "--work", Repo.temporaryFolder()])
        #expect(bad.code == 1)
        let line = try #require(bad.err.split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["level"] == "error")
        #expect(object["code"] == "config.missing_file")
        #expect(object["file"] == "/nonexistent/stations.csv")
        let ok = try vigil(["run", Repo.sample, "--work", Repo.temporaryFolder(), "--log-format", "json"])
        #expect(ok.code == 3)
        let stages = ok.err.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
            .filter { $0["message"] == "stage finished" }.compactMap { $0["stage"] }
        #expect(stages == ["ingest", "normalize", "detect", "aggregate", "report"])
        #expect(ok.out.contains("summary: stages ingest,normalize,detect,aggregate,report; episodes "))
    }
}
