import ArgumentParser
import Foundation
import VigilDetect
import VigilPipeline

struct Lexicon: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work on lexicons.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report syntax errors, duplicates, conflicts, shadowed entries and unknown categories.",
            discussion: "Without FILE, checks the shipped default lexicon. Exit 1 when there are errors; warnings alone exit 0.")

        @Argument(help: "Lexicon CSV files.")
        var files: [String] = []

        @Option(help: "Groups CSV for {group} slots (default: the shipped groups list).")
        var groups: String?

        func run() throws {
            let findings: [LexiconChecker.Finding]
            do { findings = try LexiconTools.check(lexicons: files, groups: groups) } catch { throw RunOptions.report(error) }
            for f in findings { print(f) }
            let errors = findings.filter { $0.level == .error }.count
            print("\(files.isEmpty ? "shipped default lexicon" : files.joined(separator: ", ")): \(errors) error(s), \(findings.count - errors) warning(s)")
            if errors > 0 { throw ExitCode(1) }
        }
    }
}

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure lexicons on labelled examples: precision, recall and F1 per category.",
        discussion: """
            Each line: {"id","text","labels":[harmful categories],"kind"?}. FILE may be a folder \
            (every *.jsonl in it). Defaults: the shipped lexicon, groups and cues.
            """)

    @Argument(help: "Labelled JSON Lines files or folders.")
    var paths: [String]

    @Option(name: .customLong("lexicon"), help: "Lexicon CSV; repeat for several.")
    var lexicons: [String] = []
    @Option(help: "Groups CSV.")
    var groups: String?
    @Option(name: .customLong("cues"), help: "Context-cue CSV; repeat for several.")
    var cues: [String] = []
    @Option(help: "Hallmark model file (vigil model train) used beside the lexicons.")
    var model: String?
    @Option(help: "Misclassified examples to print (default: all).")
    var showMisses: Int?

    func run() throws {
        var config = PipelineConfig()
        config.lexicons = lexicons
        config.groups = groups
        config.cues = cues
        config.model = model
        let report: Evaluator.Report
        do { report = try LexiconTools.evaluate(paths: paths, config: config) } catch { throw RunOptions.report(error) }
        print(EvalTable.render(report, showMisses: showMisses))
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a region-week got its alert level, hit by hit.",
        discussion: "Reads WORK/aggregate/region_week.csv, WORK/detect/hits.jsonl and WORK/manifest.json; exit 1 when the recomputed numbers differ from the aggregate.")

    @Argument(help: "Region, as in the registry.")
    var region: String
    @Argument(help: "ISO week, YYYY-Www.")
    var week: String
    @Option(help: "Work folder (default: ./vigil-work).")
    var work: String = "vigil-work"

    func run() throws {
        let e: Explainer.Explanation
        do { e = try Explainer.explain(region: region, week: week, work: work) } catch { throw RunOptions.report(error) }
        print(e.text, terminator: "")
        if !e.consistent { throw ExitCode(1) }
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what a work folder holds and whether it is current for the pipeline.",
        discussion: "Exit 0 when every stage has run and its inputs and configuration are unchanged, 1 otherwise.")
    @OptionGroup var options: RunOptions

    func run() throws {
        let config = try? options.resolveConfig()
        let work = options.work ?? config?.work ?? "vigil-work"
        let r = Status.describe(work: work, config: config)
        print(r.text, terminator: "")
        if !r.current { throw ExitCode(1) }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine shard work folders (vigil run --shard K/N) into one, then aggregate and report.",
        discussion: "The merged outputs are byte-identical to a single run over all stations.")
    @OptionGroup var options: RunOptions
    @Argument(help: "The shard work folders, any order.")
    var shards: [String]

    func run() throws {
        var config = try options.resolveConfig()
        config.shard = nil
        let work = options.work ?? config.work ?? "vigil-work"
        let report: Pipeline.Report
        do {
            report = try Merger.merge(shards: shards, into: work, config: config, jobs: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        } catch {
            throw RunOptions.report(error)
        }
        print("merged \(shards.count) shard(s) into \(work): \(report.outcomes.map { $0.stage.rawValue }.joined(separator: ", ")) rerun")
        let problems = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: Workspace(root: work).problems))) ?? Data(), as: UTF8.self)
            .split(separator: "\n").count
        if problems > 0 {
            print("\(problems) input problem(s) recorded in \(Workspace(root: work).problems); everything else was processed")
            throw ExitCode(3)
        }
    }
}
