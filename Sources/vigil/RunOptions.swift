import ArgumentParser
import Logging
import Foundation
import VigilCore
import VigilFetch
import VigilIngest
import VigilPipeline

/// Flags shared by `run` and every stage command.
struct RunOptions: ParsableArguments {
    @Argument(help: "Pipeline YAML file (default: Pipelines/sample.yaml when no --registry is given).")
    var pipeline: String?

    @Option(help: "Stations registry CSV (overrides the pipeline file).")
    var registry: String?

    @Option(name: .customLong("lexicon"), help: "Lexicon CSV; repeat for several (replaces the pipeline file's list; default: the shipped English lexicon).")
    var lexicons: [String] = []

    @Option(help: "Groups CSV that fills {group} slots in lexicon terms (default: the shipped groups list).")
    var groups: String?

    @Option(name: .customLong("cues"), help: "Context-cue CSV (phrase, kind, language); repeat for several (default: the shipped English cues).")
    var cues: [String] = []

    @Option(help: "Hallmark model file (vigil model train) that adds hits per sentence for categories no lexicon entry found (replaces the pipeline's detect.model).")
    var model: String?

    @Option(help: "Work folder for artifacts and outputs (default: the pipeline's `work`, else ./vigil-work).")
    var work: String?

    @Option(help: "Process only shard K of N of the stations (K/N, K from 1), for N parallel processes; combine with vigil merge.")
    var shard: String?

    @Option(help: "Ingest only items published on or after this date (YYYY-MM-DD, UTC, or RFC 3339).")
    var since: String?

    @Option(help: "Ingest only items published before the end of this date (YYYY-MM-DD, UTC, or RFC 3339).")
    var until: String?

    @Flag(help: "Write CSV outputs with a UTF-8 byte-order mark so that Excel reads them as UTF-8.")
    var excel = false

    @Option(help: "Reviews CSV (hit_id, verdict, reviewer, note) applied to the hits.")
    var reviews: String?

    @Flag(help: "Do not redact phone numbers, e-mails and names in evidence (authorised analysts only; recorded in the manifest).")
    var unredacted = false

    @Option(help: "Diagnostics on standard error: text (default) or json (one object per line).")
    var logFormat: LogFormat = .text

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Use only the fetch cache (WORK/fetch) and local files; make no network request.")
    var offline = false

    @Flag(help: "Compute every episode afresh instead of copying unchanged ones from the previous run in the work folder.")
    var noReuse = false

    @Option(name: .customLong("archive"), help: ArgumentHelp("Folder of transcripts named like the items' enclosures; repeat for several (added to the pipeline's `archives`).", valueName: "dir"))
    var archives: [String] = []

    @Option(name: .customLong("map"), help: ArgumentHelp("Read URLs starting with PREFIX from DIR instead of the network (feeds, transcripts, and the audio report.html plays), e.g. https://media.example.org/=archive/example/; repeat for several (a prefix given here replaces the pipeline's).", valueName: "prefix=dir"))
    var maps: [String] = []

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for m in maps where Self.parseMap(m) == nil {
            throw ValidationError("--map must be PREFIX=DIR with an http(s) URL prefix, got '\(m)'")
        }
    }

    /// The config from the pipeline file (or the sample), with flags applied.
    func resolveConfig() throws -> PipelineConfig {
        var config = PipelineConfig()
        var path = pipeline
        if path == nil && registry == nil {
            guard let sample = Self.findSample() else {
                throw ValidationError("no pipeline given and Pipelines/sample.yaml not found here; give PIPELINE.yaml or --registry/--lexicon")
            }
            path = sample
        }
        if let path {
            do { config = try PipelineConfig.load(path) } catch { throw Self.report(error) }
        }
        if let registry { config.registry = registry }
        if !lexicons.isEmpty { config.lexicons = lexicons }
        if let groups { config.groups = groups }
        if !cues.isEmpty { config.cues = cues }
        if let model { config.model = model }
        config.excel = excel
        if let shard {
            guard let s = Shard(shard) else { throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N (got '\(shard)')") }
            config.shard = s
        }
        if let since {
            guard let t = DateParser.parse(since) else { throw ValidationError("--since: '\(since)' is not a date (YYYY-MM-DD or RFC 3339)") }
            config.since = t
        }
        if let until {
            guard let t = DateParser.parse(until) else { throw ValidationError("--until: '\(until)' is not a date (YYYY-MM-DD or RFC 3339)") }
            // A date alone means the whole day.
            config.until = until.count == 10 ? Timestamp(seconds: t.seconds + 86_400) : t
        }
        if let reviews { config.reviews = reviews }
        if unredacted { config.unredacted = true }
        config.archives += archives
        for entry in maps.compactMap(Self.parseMap) {
            config.maps.removeAll { $0.prefix == entry.prefix }
            config.maps.append(entry)
        }
        config.fetch.offline = offline
        if noReuse { config.reuse = false }
        if config.registry == nil { throw ValidationError("no stations registry: give --registry FILE or a pipeline file") }
        return config
    }

    /// The config for the lexicon tools: a pipeline file if given (never the sample),
    /// then the flags; no registry needed.
    func lexiconConfig() throws -> PipelineConfig {
        var config = PipelineConfig()
        if let pipeline {
            do { config = try PipelineConfig.load(pipeline) } catch { throw Self.report(error) }
        }
        if !lexicons.isEmpty { config.lexicons = lexicons }
        if let groups { config.groups = groups }
        if !cues.isEmpty { config.cues = cues }
        if let model { config.model = model }
        return config
    }

    func execute(_ stages: [Stage]) throws {
        let config = try resolveConfig()
        let workDir = work ?? config.work ?? "vigil-work"
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let report: Pipeline.Report
        Self.installStopHandlers()
        Progress.enableIfTerminal()
        let started = Date()
        do {
            report = try Pipeline.run(stages, config: config, work: workDir, jobs: jobs)
        } catch {
            throw Self.report(error)
        }
        if let pid = report.lockTakenOverFrom {
            Log.logger.notice("took over a stale lock left by process \(pid), which is no longer running", metadata: ["code": "lock_taken_over"])
        }
        for outcome in report.outcomes {
            Log.logger.info("stage finished", metadata: ["stage": "\(outcome.stage.rawValue)", "problems": "\(outcome.problems)"]
                .merging((outcome.counts + (Self.reusing(outcome.stage) ? [("reused", outcome.reused)] : [])).map { ($0.0, Logger.MetadataValue.string("\($0.1)")) }, uniquingKeysWith: { a, _ in a }))
            var counts = outcome.counts.filter { !($0.0.hasPrefix("format_") || $0.0.hasPrefix("fetch_")) || $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            if Self.reusing(outcome.stage) { counts += " (reused \(outcome.reused))" }
            print("\(outcome.stage.rawValue): \(counts)\(outcome.problems > 0 ? "; \(outcome.problems) problem(s)" : "")")
        }
        let w = Workspace(root: workDir)
        if stages.contains(.report) {
            print("report: \(w.path("report/report.html")), recommendations: \(w.path("report/recommendations.csv"))")
        }
        if stages.contains(.aggregate) {
            print("results: \(w.regionWeekCSV) (region × week), \(w.stationWeekCSV) (station × week), \(w.hits) (evidence)")
        } else if let last = stages.last {
            print("artifacts: \(w.path(last.rawValue))/")
        }
        // One line for logs of unattended runs.
        func count(_ stage: Stage, _ key: String) -> Int? { report.outcomes.first { $0.stage == stage }?.counts.first { $0.0 == key }?.1 }
        var summary = ["stages \(report.outcomes.map(\.stage.rawValue).joined(separator: ","))"]
        if let e = count(.ingest, "episodes") ?? count(.normalize, "episodes") ?? count(.detect, "episodes") {
            // Reused: copied by every per-episode stage that ran; new: computed by at least one.
            let reused = report.outcomes.filter { Self.reusing($0.stage) }.map(\.reused).min() ?? 0
            summary.append("episodes \(e)")
            summary.append("new \(e - reused)")
            summary.append("reused \(reused)")
        }
        if let r = count(.ingest, "items_rejected") { summary.append("rejected \(r)") }
        if let h = count(.detect, "hits") { summary.append("hits \(h)") }
        if let a = count(.aggregate, "region_weeks_watch_or_above") { summary.append("region-weeks at watch or above \(a)") }
        summary.append("problems \(report.problems)")
        summary.append("time \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        print("summary: " + summary.joined(separator: "; "))
        if report.problems > 0 {
            print("\(report.problems) input problem(s) recorded in \(w.problems); everything else was processed")
            throw ExitCode(3)
        }
    }

    /// Stages that copy unchanged episodes from the previous run.
    static func reusing(_ stage: Stage) -> Bool { stage == .ingest || stage == .normalize || stage == .detect }

    /// `PREFIX=DIR` (split at the first `=` after the URL's scheme), nil when malformed.
    static func parseMap(_ text: String) -> URLMap.Entry? {
        guard WebURL.isWeb(text), let eq = text.firstIndex(of: "=") else { return nil }
        let prefix = String(text[..<eq]), folder = String(text[text.index(after: eq)...])
        guard !folder.isEmpty, prefix.count > "https://".count else { return nil }
        return URLMap.Entry(prefix: prefix, folder: folder)
    }

    /// Prints every configuration error like a compiler and returns exit code 1.
    /// Prints every error like a compiler and returns the exit code: 1 fatal, 4 the work
    /// folder is in use by another run, 130 stopped by a signal (nothing half-written).
    static func report(_ error: any Error) -> ExitCode {
        let errors = (error as? ConfigErrors)?.errors ?? [(error as? VigilError) ?? VigilError(.config, "error", "\(error)")]
        for e in errors {
            var metadata: Logger.Metadata = ["code": "\(e.code)"]
            if let f = e.file { metadata["file"] = "\(f)" }
            if let l = e.line { metadata["line"] = "\(l)" }
            if let i = e.item { metadata["item"] = "\(i)" }
            Log.logger.error("\(e)", metadata: metadata)
        }
        if errors.contains(where: { $0.code == "config.work_folder_busy" }) { return ExitCode(4) }
        if errors.contains(where: { $0.code == "config.stopped" }) { return ExitCode(130) }
        return ExitCode(1)
    }

    /// SIGINT and SIGTERM ask the pipeline to stop cleanly instead of killing it mid-write.
    static func installStopHandlers() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { StopRequest.request(signal: sig) }
            source.resume()
            stopSources.append(source)
        }
    }

    nonisolated(unsafe) static var stopSources: [any DispatchSourceSignal] = []

    /// `Pipelines/sample.yaml` in the current folder or above the executable (a checkout's
    /// `.build/debug/vigil`).
    static func findSample() -> String? {
        let relative = "Pipelines/sample.yaml"
        if FileManager.default.fileExists(atPath: relative) { return relative }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
