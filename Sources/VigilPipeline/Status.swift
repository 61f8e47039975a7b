import Foundation
import VigilCore
import VigilIO

/// `vigil status`: what a work folder holds, and whether it is current for a config.
public enum Status {
    public struct Report: Sendable {
        public var text: String
        /// True when every stage has run and nothing it read has changed since.
        public var current: Bool
    }

    public static func describe(work: String, config: PipelineConfig?) -> Report {
        let w = Workspace(root: work)
        var text = "work folder: \(work)\n"
        var current = true
        if FileSystem.exists(w.path("vigil.lock")) {
            let pid = String(decoding: (try? FileSystem.read(w.path("vigil.lock"))) ?? [], as: UTF8.self).trimmingSpaces()
            text += "lock: held by process \(pid)\n"
        }
        let manifest = (try? JSONSerialization.jsonObject(with: Data(FileSystem.read(w.manifest)))) as? [String: Any]
        let stages = manifest?["stages"] as? [String: Any] ?? [:]
        let fingerprint = config.map { SHA256.hex(Array($0.fingerprint.serialized().utf8)) }
        for stage in Stage.pipeline {
            guard let s = stages[stage.rawValue] as? [String: Any] else {
                text += "\(stage.rawValue): not run\n"
                current = false
                continue
            }
            let counts = (s["counts"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
                .filter { ($0.value as? Int).map { $0 != 0 } ?? true }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            var line = "\(stage.rawValue): ran \(s["started_at"] ?? "?") in \(s["seconds"] ?? "?") s; \(counts); problems \(s["problems"] ?? 0)"
            var reasons: [String] = []
            if let fingerprint, let had = s["config_sha256"] as? String, had != fingerprint { reasons.append("the configuration changed") }
            for input in s["inputs"] as? [[String: Any]] ?? [] {
                guard let path = input["path"] as? String, let had = input["sha256"] as? String else { continue }
                let resolved = FileSystem.exists(path) ? path : config?.registry.map { FileSystem.join(FileSystem.directory(of: $0), path) } ?? path
                guard let bytes = try? FileSystem.read(resolved) else { reasons.append("\(path) is missing"); continue }
                if SHA256.hex(bytes) != had { reasons.append("\(path) changed") }
            }
            if !reasons.isEmpty {
                current = false
                line += " — stale: " + reasons.joined(separator: ", ")
            }
            text += line + "\n"
        }
        text += current ? "status: current\n" : "status: not current — rerun (vigil run, or --from the first stale stage)\n"
        return Report(text: text, current: current)
    }
}
