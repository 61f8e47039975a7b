import VigilCore
import VigilIO

/// Collects one stage's problem records, in input order, into `STAGE/problems.jsonl`,
/// and rebuilds the run's `problems.jsonl` from all stages.
final class ProblemLog {
    private let file: AtomicFile
    private let lines = JSONLines()
    private(set) var count = 0
    private(set) var byCode: [String: Int] = [:]

    init(workspace: Workspace, stage: Stage) throws(VigilError) {
        file = try AtomicFile(path: workspace.problems(of: stage))
    }

    func record(_ problems: [VigilError]) throws(VigilError) {
        for p in problems {
            try file.write(lines.encode(p))
            count += 1
            byCode[p.code, default: 0] += 1
        }
    }

    func commit() throws(VigilError) { try file.commit() }

    /// `problems.jsonl`: every stage's problems, in stage order.
    static func merge(_ workspace: Workspace) throws(VigilError) {
        var all: [UInt8] = []
        for stage in Stage.pipeline where FileSystem.exists(workspace.problems(of: stage)) {
            all += try FileSystem.read(workspace.problems(of: stage))
        }
        try AtomicFile.write(all, to: workspace.problems)
    }
}
