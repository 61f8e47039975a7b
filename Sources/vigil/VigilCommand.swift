import ArgumentParser
import Foundation
import VigilCore
import VigilPipeline

/// `vigil`: the command line over the VigilPipeline library. Each subcommand makes one
/// library call and maps its result to an exit code: 0 ok, 1 fatal, 2 usage,
/// 3 completed with rejected inputs (see `problems.jsonl`).
@main
struct VigilCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Early-warning signals of polarizing and inciting speech on community radio.",
        discussion: """
            Stages: ingest → normalize → detect → aggregate → report, each reading the previous stage's \
            artifacts in the work folder. `vigil run` with no arguments runs Pipelines/sample.yaml \
            on SampleData. Exit codes: 0 ok, 1 fatal error, 2 usage error, 3 finished but some \
            inputs were rejected (see WORK/problems.jsonl).
            """,
        version: "0.1.0",
        subcommands: [Run.self, Ingest.self, Normalize.self, Detect.self, Aggregate.self, Report.self, Validate.self, Lexicon.self, Model.self, Eval.self, Explain.self, StatusCommand.self, Merge.self])

    static func main() {
        Log.bootstrap(arguments: CommandLine.arguments)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                Log.logger.error("\(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)", metadata: ["code": "usage"])
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run every stage (ingest, normalize, detect, aggregate, report).")
    @OptionGroup var options: RunOptions
    @Option(help: "First stage to run (ingest, normalize, detect, aggregate, report); the earlier stages' artifacts must be in the work folder.")
    var from: Stage = .ingest
    @Option(help: "Last stage to run.")
    var to: Stage = .report

    func validate() throws {
        if to < from { throw ValidationError("--to \(to.rawValue) comes before --from \(from.rawValue)") }
    }

    func run() throws { try options.execute(Stage.pipeline.filter { $0 >= from && $0 <= to }) }
}

extension Stage: ExpressibleByArgument {
    public init?(argument: String) {
        guard let s = Stage(rawValue: argument), s != .config else { return nil }
        self = s
    }
    public static var allValueStrings: [String] { Stage.pipeline.map(\.rawValue) }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read the registry, feeds and transcripts into WORK/ingest/episodes.jsonl.")
    @OptionGroup var options: RunOptions
    func run() throws { try options.execute([.ingest]) }
}

struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tokenize WORK/ingest/episodes.jsonl into WORK/normalize/episodes.jsonl.")
    @OptionGroup var options: RunOptions
    func run() throws { try options.execute([.normalize]) }
}

struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Match the lexicons on WORK/normalize into WORK/detect/hits.jsonl and episodes.csv.",
        discussion: """
            With --texts FILE.jsonl, scores free texts instead ({"id","text"[,"language"]} per line)             and writes {"id","categories","score","hits"} per line to standard output; no registry             or work folder is needed, and the shipped lexicon and groups are the defaults.
            """)
    @OptionGroup var options: RunOptions
    @Option(help: "Score the texts of a JSON Lines file and print one result per line.")
    var texts: String?

    func run() throws {
        guard let texts else { return try options.execute([.detect]) }
        let config = try options.lexiconConfig()
        var out = FileHandle.standardOutput
        do {
            _ = try LexiconTools.scoreTexts(input: texts, config: config, jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount) { line in
                print(line, to: &out)
            }
        } catch {
            throw RunOptions.report(error)
        }
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}

struct Aggregate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sum WORK/detect/episodes.csv by region × ISO week and station × week.")
    @OptionGroup var options: RunOptions
    func run() throws { try options.execute([.aggregate]) }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write WORK/report/recommendations.{csv,json} and report.html from the aggregates and hits.")
    @OptionGroup var options: RunOptions
    func run() throws { try options.execute([.report]) }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a pipeline file, its registry and lexicons without running.")
    @OptionGroup var options: RunOptions
    func run() throws {
        let config = try options.resolveConfig()
        do {
            try Pipeline.validate(config)
            print("ok: \(config.source ?? "flags"): registry, \(config.lexicons.count) lexicon(s)\(config.groups == nil ? "" : ", groups") and thresholds are valid")
        } catch {
            throw RunOptions.report(error)
        }
    }
}
