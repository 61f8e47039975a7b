import VigilCore
import VigilIO

/// The library entry point the CLI and the tests call: runs stages on a work folder.
public enum Pipeline {
    /// What a run did, stage by stage.
    public struct Report: Sendable {
        public var outcomes: [StageOutcome] = []
        /// Problems recorded by the stages that ran (rejected inputs).
        public var problems: Int { outcomes.reduce(0) { $0 + $1.problems } }
        /// The process whose stale lock this run took over, if any.
        public var lockTakenOverFrom: Int32?
    }

    /// Runs `stages` in order. Configuration errors throw `ConfigErrors` before any
    /// stage writes; bad input data never throws, it is recorded in `problems.jsonl`.
    public static func run(_ stages: [Stage], config: PipelineConfig, work: String, jobs: Int) throws(ConfigErrors) -> Report {
        let ctx = RunContext(config: config, workspace: Workspace(root: work), jobs: max(1, jobs))
        try preflight(stages, ctx)
        let lock: RunLock
        do { lock = try RunLock(workspace: ctx.workspace) } catch { throw ConfigErrors([error]) }
        defer { lock.release() }
        var report = Report()
        report.lockTakenOverFrom = lock.tookOverFrom
        do {
            for stage in stages {
                try StopRequest.check()
                let outcome: StageOutcome
                switch stage {
                case .ingest: outcome = try IngestStage.run(ctx)
                case .normalize: outcome = try NormalizeStage.run(ctx)
                case .detect: outcome = try DetectStage.run(ctx)
                case .aggregate: outcome = try AggregateStage.run(ctx)
                case .report: outcome = try ReportStage.run(ctx)
                case .config: continue
                }
                Progress.finish()
                report.outcomes.append(outcome)
                try ProblemLog.merge(ctx.workspace)
            }
        } catch let e as ConfigErrors {
            throw e
        } catch let e as VigilError {
            throw ConfigErrors([e])
        } catch {
            throw ConfigErrors([VigilError(.config, "internal", "\(error)")])
        }
        return report
    }

    /// Checks what the stages need before anything runs, reporting every gap at once.
    static func preflight(_ stages: [Stage], _ ctx: RunContext) throws(ConfigErrors) {
        var errors: [VigilError] = []
        let needsRegistry = stages.contains { $0 == .ingest || $0 == .detect || $0 == .aggregate }
        if needsRegistry {
            do { _ = try ctx.registry() } catch { errors.append(error) }
        }
        if stages.contains(.detect) {
            do { _ = try ctx.detector() } catch { errors += error.errors }
        }
        errors += ctx.config.thresholds.problems.map { VigilError(.config, "bad_thresholds", $0) }
        if let first = stages.first, first != .ingest {
            let needed: String
            switch first {
            case .normalize: needed = ctx.workspace.ingestEpisodes
            case .detect: needed = ctx.workspace.normalizeEpisodes
            case .report: needed = ctx.workspace.regionWeekCSV
            default: needed = ctx.workspace.episodeCounts
            }
            if !FileSystem.exists(needed) {
                errors.append(VigilError(.config, "missing_artifact", "\(needed) not found: run the earlier stages first (vigil run, or the stage before \(first.rawValue))", file: needed))
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
    }
}

extension Pipeline {
    /// Checks a config as `run` would, without running: registry, lexicons, groups, thresholds.
    public static func validate(_ config: PipelineConfig) throws(ConfigErrors) {
        let ctx = RunContext(config: config, workspace: Workspace(root: config.work ?? "vigil-work"), jobs: 1)
        var stages: [Stage] = [.ingest]
        if !config.lexicons.isEmpty { stages.append(.detect) }
        try preflight(stages, ctx)
    }
}
