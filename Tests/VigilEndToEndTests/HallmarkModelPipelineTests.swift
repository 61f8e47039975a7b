import Foundation
import Testing
import VigilCore
import VigilIO

/// The hallmark model through the `vigil` binary: training, a pipeline run with it, reuse, errors.
@Suite(.serialized)
struct HallmarkModelPipelineTests {
    /// A model trained on the eval set's first file (quick: few iterations).
    func train(_ folder: String, name: String = "m.tsv", extra: [String] = []) throws -> String {
        let out = folder + "/" + name
        let r = try vigil(["model", "train", Repo.root + "/SampleData/eval/dev.jsonl", "--groups", Repo.root + "/SampleData/groups.csv",
                           "--iterations", "200", "--out", out] + extra)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("features, 8 categories, threshold"))  // seven harmful, and counter-speech
        return out
    }

    func hits(_ work: String) throws -> [[String: Any]] {
        try Repo.read(work + "/detect/hits.jsonl").split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func trainingTwiceGivesTheSameFile() throws {
        let dir = Repo.temporaryFolder()
        let a = try train(dir, name: "a.tsv"), b = try train(dir, name: "b.tsv")
        #expect(try FileSystem.read(a) == (try FileSystem.read(b)))
        #expect(try Repo.read(a).hasPrefix("# Vigil hallmark model, trained by `vigil model train` on 260 examples"))
    }

    @Test func aRunWithTheModelAddsExplainedHitsAndKeepsEveryLexiconHit() throws {
        let dir = Repo.temporaryFolder()
        let model = try train(dir)
        // The model through the pipeline file's detect.model.
        let pipeline = dir + "/with-model.yaml"
        let sample = try Repo.read(Repo.sample).replacingOccurrences(of: "../SampleData", with: Repo.root + "/SampleData")
            .replacingOccurrences(of: "../Pipelines", with: Repo.root + "/Pipelines")
            .replacingOccurrences(of: "  negation_window: 6 ", with: "  model: \(model)\n  negation_window: 6 ")
        try AtomicFile.write(Array(sample.utf8), to: pipeline)
        let withModel = dir + "/work-model", without = dir + "/work-lexicon"
        #expect(try vigil(["run", pipeline, "--work", withModel, "--jobs", "2"]).code == 3)
        #expect(try vigil(["run", Repo.sample, "--work", without, "--jobs", "2"]).code == 3)

        let all = try hits(withModel)
        let modelHits = all.filter { $0["lexicon"] as? String == "m.tsv" }
        #expect(!modelHits.isEmpty)
        for h in modelHits {
            #expect(h["lexicon_line"] as? Int == 0)
            #expect((h["term"] as? String)?.hasPrefix("model 0.") == true)
            #expect(h["group"] is NSNull)
        }
        // Every lexicon hit of the lexicon-only run is there, the same but for `negated` and
        // `reported` where the model read the sentence as counter-speech.
        let lexiconHits = try hits(without)
        var byID: [String: [String: Any]] = [:]
        for h in all { byID[h["hit_id"] as? String ?? ""] = h }
        #expect(all.count == lexiconHits.count + modelHits.count)
        var countered = 0
        for h in lexiconHits {
            let id = h["hit_id"] as? String ?? ""
            let other = try #require(byID[id], "\(id)")
            for (key, value) in h where key != "negated" && key != "reported" {
                #expect("\(value)" == "\(other[key] ?? "missing")", "\(id) \(key)")
            }
            if h["negated"] as? Bool == false && other["negated"] as? Bool == true { countered += 1 }
            #expect(!(h["negated"] as? Bool == true && other["negated"] as? Bool == false), "the model never un-negates")
        }
        #expect(countered < lexiconHits.count / 10)
        // The manifest records the model.
        #expect(try Repo.read(withModel + "/manifest.json").contains("\"model\":"))
    }

    @Test func aChangedModelRerunsDetectOnly() throws {
        let dir = Repo.temporaryFolder()
        let model = try train(dir)
        let work = dir + "/work"
        #expect(try vigil(["run", Repo.sample, "--work", work, "--model", model]).code == 3)
        #expect(try vigil(["status", Repo.sample, "--work", work, "--model", model]).code == 0)
        // Retrained with another threshold: status says detect is stale; detect reruns, normalize is reused.
        _ = try train(dir, extra: ["--threshold", "0.6"])
        let status = try vigil(["status", Repo.sample, "--work", work, "--model", model])
        #expect(status.code == 1)
        #expect(status.out.contains("m.tsv changed"), "\(status.out)")
        let second = try vigil(["run", Repo.sample, "--work", work, "--model", model])
        #expect(second.code == 3)
        let manifest = try Repo.read(work + "/manifest.json")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any])
        let stages = try #require(doc["stages"] as? [String: Any])
        func reuse(_ s: String) -> [String: Any] { ((stages[s] as? [String: Any])?["reuse"] as? [String: Any]) ?? [:] }
        #expect(reuse("normalize")["computed"] as? Int == 0)
        #expect((reuse("detect")["reused"] as? Int) == 0)
        #expect(reuse("detect")["changed"] as? [String] == ["model"])
    }

    @Test func aBrokenModelStopsTheRunWithItsLine() throws {
        let dir = Repo.temporaryFolder()
        let model = dir + "/broken.tsv"
        try AtomicFile.write(Array("vigil-hallmark-model\t1\nthreshold\t0.4\nfeature\tvictimhood\n<bias>\t-1\ntaking our\tlots\n".utf8), to: model)
        let work = dir + "/work"
        let r = try vigil(["run", Repo.sample, "--work", work, "--model", model])
        #expect(r.code == 1)
        #expect(r.err.contains("broken.tsv:5"))
        #expect(r.err.contains("config.bad_model"))
        #expect(!FileManager.default.fileExists(atPath: work + "/detect/hits.jsonl"))
    }

    @Test func evalAndTextsTakeTheModel() throws {
        let dir = Repo.temporaryFolder()
        let model = try train(dir)
        let eval = try vigil(["eval", Repo.root + "/SampleData/eval/dev.jsonl", "--groups", Repo.root + "/SampleData/groups.csv", "--model", model, "--show-misses", "0"])
        #expect(eval.code == 0)
        #expect(eval.out.contains("**overall (micro)**"))
        let texts = dir + "/t.jsonl"
        try AtomicFile.write(Array(#"{"id":"a","text":"the weather is fine today"}"#.utf8 + [0x0A]), to: texts)
        let scored = try vigil(["detect", "--texts", texts, "--model", model])
        #expect(scored.code == 0)
        #expect(scored.out.hasPrefix(#"{"id":"a","categories":[]"#))
    }

    @Test func theShippedModelReadsRealGroupNouns() throws {
        // Trained on fictional groups; the shipped groups list supplies real ones as {group}.
        let dir = Repo.temporaryFolder()
        let texts = dir + "/t.jsonl"
        let lines = [
            #"{"id":"plot","text":"why do the muslims buy every plot near the river, think about what they are preparing"}"#,
            #"{"id":"news","text":"the weather will be dry and warm across the region tomorrow"}"#,
        ]
        try AtomicFile.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: texts)
        let r = try vigil(["detect", "--texts", texts, "--model", Repo.root + "/Pipelines/models/hallmarks-en.tsv"])
        #expect(r.code == 0, "\(r.err)")
        let out = r.out.split(separator: "\n")
        #expect(out.count == 2)
        #expect(out[0].contains(#""categories":["threat_conspiracy"]"#))
        #expect(out[0].contains(#""lexicon":"hallmarks-en.tsv","lexicon_line":0"#))
        #expect(out[1].hasPrefix(#"{"id":"news","categories":[],"score":0,"hits":[]}"#))
    }
}
