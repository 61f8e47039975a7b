import Foundation
import VigilCore
import VigilDetect
import VigilIO

/// `manifest.json`: what ran, on what, with what result. Each stage writes its own
/// section (`STAGE/manifest.json`); the top file gathers them. Timings and wall-clock
/// times live here only, never in data files.
enum Manifest {
    static let schemaVersion = 1
    static let toolVersion = "0.1.0"

    /// An input file's identity: path, size and SHA-256.
    static func input(_ path: String) -> JSONValue {
        guard let bytes = try? FileSystem.read(path) else {
            return .object([("path", .string(path)), ("missing", .bool(true))])
        }
        return .object([("path", .string(path)), ("bytes", .int(bytes.count)), ("sha256", .string(SHA256.hex(bytes)))])
    }

    static func writeStage(
        _ stage: Stage, workspace: Workspace, config: PipelineConfig, jobs: Int, started: Date,
        inputs: [JSONValue], counts: [(String, JSONValue)], problems: ProblemLog, reuse: JSONValue? = nil
    ) throws(VigilError) {
        let seconds = Date().timeIntervalSince(started)
        let section: JSONValue = .object([
            ("stage", .string(stage.rawValue)),
            ("started_at", .string(Timestamp(seconds: Int64(started.timeIntervalSince1970)).rfc3339)),
            ("seconds", .number(seconds)),
            ("jobs", .int(jobs)),
            ("config_sha256", .string(SHA256.hex(Array(config.fingerprint.serialized().utf8)))),
            ("inputs", .array(inputs)),
            ("counts", .object(counts)),
            ("problems", .int(problems.count)),
            ("problems_by_code", .object(problems.byCode.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
        ] + (reuse.map { [("reuse", $0)] } ?? []))
        try AtomicFile.write(Array((section.serialized(indent: 2) + "\n").utf8), to: workspace.manifest(of: stage))
        try merge(workspace, config: config)
    }

    /// What an alert or recommendation rests on: the config's fingerprint and hash, and the
    /// lexicon, groups, cue and review files with their SHA-256 (the version of each).
    static func audit(_ ctx: RunContext) -> JSONValue {
        let c = ctx.config
        var inputs = (c.lexicons + [c.groups, c.reviews, c.redactNames].compactMap { $0 } + c.cues).map { path in
            .object([("path", .string(FileSystem.basename(path))), ("sha256", .string((try? FileSystem.read(path)).map { SHA256.hex($0) } ?? "missing"))])
        } as [JSONValue]
        if c.lexicons.isEmpty { inputs.append(.object([("path", .string("shipped:default-en.csv")), ("sha256", .string(SHA256.hex(Array(DefaultLexicons.lexiconCSV.utf8))))])) }
        if c.groups == nil { inputs.append(.object([("path", .string("shipped:groups-en.csv")), ("sha256", .string(SHA256.hex(Array(DefaultLexicons.groupsCSV.utf8))))])) }
        if c.cues.isEmpty { inputs.append(.object([("path", .string("shipped:cues-en.csv")), ("sha256", .string(SHA256.hex(Array(DefaultLexicons.cuesCSV.utf8))))])) }
        return .object([
            ("tool_version", .string(toolVersion)),
            ("config", c.fingerprint(portable: true)),
            ("config_sha256", .string(SHA256.hex(Array(c.fingerprint(portable: true).serialized().utf8)))),
            ("inputs", .array(inputs)),
            ("redaction", .string(c.unredacted ? "off" : "on")),
        ])
    }

    static func merge(_ workspace: Workspace, config: PipelineConfig) throws(VigilError) {
        var stages: [(String, JSONValue)] = []
        for stage in Stage.pipeline where FileSystem.exists(workspace.manifest(of: stage)) {
            let text = String(decoding: try FileSystem.read(workspace.manifest(of: stage)), as: UTF8.self)
            stages.append((stage.rawValue, .raw(text.trimmingCharacters(in: .whitespacesAndNewlines))))
        }
        let doc: JSONValue = .object([
            ("schema_version", .int(schemaVersion)),
            ("tool", .string("vigil")),
            ("version", .string(toolVersion)),
            ("pipeline", JSONValue(config.source)),
            ("config", config.fingerprint),
            ("stages", .object(stages)),
        ])
        try AtomicFile.write(Array((doc.serialized(indent: 2) + "\n").utf8), to: workspace.manifest)
    }
}
