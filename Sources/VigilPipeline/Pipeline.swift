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
        func finished(_ outcome: StageOutcome) throws {
            Progress.finish()
            report.outcomes.append(outcome)
            try ProblemLog.merge(ctx.workspace)
        }
        do {
            for step in steps(stages) {
                try StopRequest.check()
                if step == [.normalize, .detect] {
                    try NormalizeDetect.run(ctx, finished: finished)
                    continue
                }
                switch step[0] {
                case .ingest: try finished(IngestStage.run(ctx))
                case .normalize: try finished(NormalizeStage.run(ctx))
                case .detect: try finished(DetectStage.run(ctx))
                case .aggregate: try finished(AggregateStage.run(ctx))
                case .report: try finished(ReportStage.run(ctx))
                case .config: continue
                }
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

    /// The stages as they run: one at a time, but normalize followed by detect run as one
    /// pass (`NormalizeDetect`), with the same outputs.
    static func steps(_ stages: [Stage]) -> [[Stage]] {
        var steps: [[Stage]] = []
        for stage in stages {
            if stage == .detect, steps.last == [.normalize] {
                steps[steps.count - 1].append(stage)
            } else {
                steps.append([stage])
            }
        }
        return steps
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
