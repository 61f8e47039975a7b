import VigilCore
import VigilDetect
import VigilIngest
import VigilIO

/// What every stage of one invocation shares: the config, the work folder, the job
/// count and the registry (read once).
final class RunContext {
    let config: PipelineConfig
    let workspace: Workspace
    let jobs: Int
    private var registryCache: RegistryParser.Result?
    private var detectorCache: Detector?
    private var inputsCache: InputReader?

    init(config: PipelineConfig, workspace: Workspace, jobs: Int) {
        self.config = config
        self.workspace = workspace
        self.jobs = jobs
    }

    /// The registry's path; a stage that needs it fails with a usage-style error without it.
    func registryPath() throws(VigilError) -> String {
        guard let path = config.registry else {
            throw VigilError(.config, "no_registry", "no stations registry: give --registry FILE or a pipeline file")
        }
        return path
    }

    /// The folder that registry paths are relative to.
    func registryRoot() throws(VigilError) -> String { FileSystem.directory(of: try registryPath()) }

    func registry() throws(VigilError) -> RegistryParser.Result {
        if let registryCache { return registryCache }
        let path = try registryPath()
        let result = try RegistryParser.parse(try FileSystem.read(path), file: path)
        registryCache = result
        return result
    }

    /// The reader for feeds and transcripts (one fetcher, cache and host limit per invocation).
    func inputs() throws(VigilError) -> InputReader {
        if let inputsCache { return inputsCache }
        let reader = InputReader(config: config, registryRoot: try registryRoot(), workspace: workspace)
        inputsCache = reader
        return reader
    }

    /// The compiled lexicons (compiled once per invocation).
    func detector() throws(ConfigErrors) -> Detector {
        if let detectorCache { return detectorCache }
        let detector = try DetectStage.detector(config)
        detectorCache = detector
        return detector
    }

    func stationsByID() throws(VigilError) -> [String: Station] {
        Dictionary(try registry().stations.map { ($0.stationID, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

/// What a stage reports back: its counts and how many problems it recorded.
public struct StageOutcome: Sendable {
    public var stage: Stage
    public var counts: [(String, Int)]
    public var problems: Int
    /// Episodes copied from the previous run instead of computed (incremental runs).
    public var reused: Int = 0
}
