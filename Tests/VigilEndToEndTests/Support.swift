import Foundation
import Testing
import VigilCore
import VigilIO
import VigilPipeline

/// Paths and helpers shared by the end-to-end tests.
enum Repo {
    /// The repository root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var sample: String { root + "/Pipelines/sample.yaml" }
    static var sampleData: String { root + "/SampleData" }
    static var golden: String { root + "/Tests/VigilEndToEndTests/Golden" }

    /// The `vigil` binary built beside the test bundle.
    static var binary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("vigil").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root + "/.build/debug/vigil"
    }

    /// A fresh, empty folder under the system temp folder.
    static func temporaryFolder(_ name: String = #function) -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-tests-\(getpid())")
        let clean = name.filter { $0.isLetter || $0.isNumber }
        let dir = base.appendingPathComponent("\(clean)-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try FileSystem.read(path), as: UTF8.self)
    }
}

/// The outputs whose bytes must not depend on job count, stage split or machine.
let dataOutputs = [
    "ingest/episodes.jsonl", "normalize/episodes.jsonl", "detect/hits.jsonl", "detect/episodes.csv",
    "aggregate/region_week.csv", "aggregate/region_week.json", "aggregate/station_week.csv",
    "aggregate/station_week.json", "problems.jsonl", "report/recommendations.csv",
    "report/recommendations.json", "report/report.html",
]

/// The outputs kept as golden files (the large intermediate artifacts are compared
/// between runs instead).
let goldenOutputs = [
    "detect/hits.jsonl", "detect/episodes.csv", "aggregate/region_week.csv", "aggregate/region_week.json",
    "aggregate/station_week.csv", "aggregate/station_week.json", "problems.jsonl",
    "report/recommendations.csv", "report/recommendations.json",
]

/// Runs the sample pipeline through the library.
@discardableResult
func runSample(stages: [Stage] = Stage.pipeline, work: String, jobs: Int) throws -> Pipeline.Report {
    let config = try PipelineConfig.load(Repo.sample)
    return try Pipeline.run(stages, config: config, work: work, jobs: jobs)
}

/// Runs the `vigil` binary; returns exit code, stdout and stderr.
func vigil(_ arguments: [String], in directory: String? = nil) throws -> (code: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Repo.binary)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["VIGIL_LOOPBACK_ONLY"] = "1"  // tests never reach past loopback
    process.environment = environment
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
