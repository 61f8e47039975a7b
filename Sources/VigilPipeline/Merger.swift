import Foundation
import VigilCore
import VigilIO

/// `vigil merge`: shard work folders (`--shard K/N`) put back together into one work folder
/// whose outputs are byte-identical to a single run's.
///
/// Every artifact of a run lists stations in registry order, and each station lives in
/// exactly one shard, so the shards' artifacts are merged line by line in registry order of
/// their station (a k-way merge: one line per shard in memory). Aggregate and report then run
/// on the merged folder.
public enum Merger {
    static let artifacts = ["ingest/episodes.jsonl", "normalize/episodes.jsonl", "detect/hits.jsonl"]

    public static func merge(shards: [String], into work: String, config: PipelineConfig, jobs: Int) throws(ConfigErrors) -> Pipeline.Report {
        guard !shards.isEmpty else { throw ConfigErrors([VigilError(.config, "no_shards", "give the shard work folders to merge")]) }
        let ctx = RunContext(config: config, workspace: Workspace(root: work), jobs: jobs)
        do {
            try checkComplete(shards)
            let lock = try RunLock(workspace: Workspace(root: work))
            defer { lock.release() }
            let registryPath = try ctx.registryPath()
            var order: [String: Int] = [:]
            for (i, s) in try ctx.registry().stations.enumerated() { order[s.stationID] = i }
            let w = Workspace(root: work)
            for name in artifacts {
                try mergeLines(shards.map { Workspace(root: $0).path(name) }, into: w.path(name)) { line in
                    (try? FastJSON.parse(line))?["station_id"]?.string.flatMap { order[$0] } ?? Int.max
                }
            }
            try mergeCSV(shards.map { Workspace(root: $0).episodeCounts }, into: w.episodeCounts, order: order)
            let registryFile = registryPath
            for stage in [Stage.ingest, .normalize, .detect] {
                try mergeLines(shards.map { Workspace(root: $0).problems(of: stage) }, into: w.problems(of: stage)) { line in
                    guard let p = try? JSONDecoder().decode(VigilError.self, from: Data(line)) else { return Int.max }
                    if p.file == registryFile { return -1 }
                    return p.stationID.flatMap { order[$0] } ?? Int.max
                }
                try mergeManifests(shards.map { Workspace(root: $0).manifest(of: stage) }, stage: stage, into: w, config: config)
            }
            try ProblemLog.merge(w)
        } catch {
            throw ConfigErrors([error])
        }
        return try Pipeline.run([.aggregate, .report], config: config, work: work, jobs: jobs)
    }

    /// Every shard 1…N of one N, each once: a missing shard would silently shrink the result.
    static func checkComplete(_ shards: [String]) throws(VigilError) {
        var seen: [Int: String] = [:]
        var count: Int? = nil
        for dir in shards {
            let manifest = (try? JSONSerialization.jsonObject(with: Data(FileSystem.read(Workspace(root: dir).manifest)))) as? [String: Any]
            guard let text = (manifest?["config"] as? [String: Any])?["shard"] as? String, let s = Shard(text) else {
                throw VigilError(.config, "not_a_shard", "\(dir) is not the work folder of a vigil run --shard K/N", file: dir)
            }
            if let c = count, c != s.count { throw VigilError(.config, "shards_mismatch", "\(dir) is shard \(text), the others are of \(c)", file: dir) }
            count = s.count
            if let other = seen[s.index] { throw VigilError(.config, "shards_mismatch", "\(dir) and \(other) are both shard \(s.index)", file: dir) }
            seen[s.index] = dir
        }
        let missing = (1...(count ?? 1)).filter { seen[$0] == nil }
        if !missing.isEmpty {
            throw VigilError(.config, "shards_missing", "shard(s) \(missing.map(String.init).joined(separator: ", ")) of \(count ?? 0) not given; the merge would miss their stations")
        }
    }

    /// Merges files each already in order of `key`, keeping each file's own order for equal keys.
    static func mergeLines(_ inputs: [String], into output: String, key: ([UInt8]) -> Int) throws(VigilError) {
        let out = try AtomicFile(path: output)
        var readers: [LineReader] = []
        for path in inputs {
            guard FileSystem.exists(path) else { throw VigilError(.config, "missing_artifact", "\(path) not found: run every stage in each shard first", file: path) }
            readers.append(try LineReader(path: path, stage: .config))
        }
        var heads: [(line: [UInt8], key: Int)?] = readers.map { r in r.next().map { ($0, key($0)) } }
        while true {
            var best: Int? = nil
            for (i, h) in heads.enumerated() {
                guard let h else { continue }
                if best == nil || h.key < heads[best!]!.key { best = i }
            }
            guard let i = best else { break }
            try out.write(heads[i]!.line)
            try out.write([0x0A])
            heads[i] = readers[i].next().map { ($0, key($0)) }
        }
        try out.commit()
    }

    static func mergeCSV(_ inputs: [String], into output: String, order: [String: Int]) throws(VigilError) {
        let header = try FileSystem.read(inputs[0]).split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first.map(Array.init) ?? []
        let stationColumn = CSVReader(bytes: header).header.firstIndex(of: "station_id") ?? 1
        let bodies = inputs.map { $0 + ".body" }
        for (input, body) in zip(inputs, bodies) {
            var lines = try FileSystem.read(input).split(separator: 0x0A, omittingEmptySubsequences: true)
            if !lines.isEmpty { lines.removeFirst() }
            try AtomicFile.write(Array(lines.joined(separator: [0x0A])) + (lines.isEmpty ? [] : [0x0A]), to: body)
        }
        let tmp = output + ".rows"
        try mergeLines(bodies, into: tmp) { line in
            let fields = CSVReader.parse(line).first?.fields ?? []
            return stationColumn < fields.count ? order[CSVWriter.unescape(fields[stationColumn])] ?? Int.max : Int.max
        }
        try AtomicFile.write(header + [0x0A] + (try FileSystem.read(tmp)), to: output)
        FileSystem.remove(tmp)
        for b in bodies { FileSystem.remove(b) }
    }

    /// A stage manifest for the merged folder: the first shard's, with counts summed.
    static func mergeManifests(_ inputs: [String], stage: Stage, into w: Workspace, config: PipelineConfig) throws(VigilError) {
        var sums: [String: Int] = [:]
        var first: [String: Any]? = nil
        for path in inputs {
            guard let m = (try? JSONSerialization.jsonObject(with: Data(FileSystem.read(path)))) as? [String: Any] else { continue }
            if first == nil { first = m }
            for (k, v) in m["counts"] as? [String: Any] ?? [:] { if let n = v as? Int { sums[k, default: 0] += n } }
        }
        let doc: JSONValue = .object([
            ("stage", .string(stage.rawValue)),
            ("merged_from", .array(inputs.map { .string(FileSystem.directory(of: FileSystem.directory(of: $0))) })),
            ("started_at", .string((first?["started_at"] as? String) ?? "")),
            ("counts", .object(sums.keys.sorted().map { ($0, .int(sums[$0]!)) })),
            ("problems", .int(sums.isEmpty ? 0 : ((first?["problems"] as? Int) ?? 0))),
        ])
        try AtomicFile.write(Array((doc.serialized(indent: 2) + "\n").utf8), to: w.manifest(of: stage))
        try Manifest.merge(w, config: config)
    }
}
