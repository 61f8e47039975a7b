import Foundation
import VigilAggregate
import VigilCore
import VigilIO

/// Runs aggregate: `detect/episodes.csv` + registry → `aggregate/region_week.{csv,json}`
/// and `aggregate/station_week.{csv,json}`.
///
/// Region and week come from the registry (the source of truth) and the publication
/// time, so a rerun after a registry change regroups without re-detecting.
enum AggregateStage {
    static let schemaVersion = 1

    static func run(_ ctx: RunContext) throws(VigilError) -> StageOutcome {
        let started = Date()
        let stations = try ctx.stationsByID()
        let input = ctx.workspace.episodeCounts
        let csv = try CSVStream(path: input, stage: .aggregate)
        let cols = csv.columns
        let categories = csv.header.filter { $0.hasPrefix("hits_") && $0 != "hits_total" }.map { String($0.dropFirst(5)) }
        let needed = ["episode_id", "station_id", "published", "words", "hits_total", "negated", "counter_speech", "severity_score"]
        let missing = needed.filter { cols[$0] == nil }
        guard missing.isEmpty else {
            throw VigilError(.aggregate, "bad_artifact", "\(input) lacks column(s) \(missing.joined(separator: ", ")); rerun detect", file: input)
        }
        let log = try ProblemLog(workspace: ctx.workspace, stage: .aggregate)
        var aggregator = Aggregator(rule: ctx.config.thresholds, categories: categories)
        var episodes = 0
        while let fields = csv.next() {
            let record = CSVRecord(columns: cols, fields: fields)
            func field(_ name: String) -> String { CSVWriter.unescape(record[name] ?? "") }
            func int(_ name: String) -> Int { Int(field(name)) ?? 0 }
            let id = field("episode_id")
            guard let station = stations[field("station_id")] else {
                try log.record([VigilError(.aggregate, "unknown_station", "station '\(field("station_id"))' is not in the registry; episode not aggregated", file: input, line: csv.line, item: id)])
                continue
            }
            guard let published = Timestamp(rfc3339: field("published")) else {
                try log.record([VigilError(.aggregate, "bad_artifact", "published '\(field("published"))' is not RFC 3339 UTC", file: input, line: csv.line, item: id)])
                continue
            }
            var hits: [String: Int] = [:]
            for c in categories { hits[c] = int("hits_\(c)") }
            aggregator.add(EpisodeSummary(
                episodeID: id, stationID: station.stationID, region: station.region,
                isoWeek: station.isoWeek(of: published).description, published: field("published"),
                airtimeSeconds: Double(field("airtime_seconds")), words: int("words"),
                hitsTotal: int("hits_total"), hits: hits, negated: int("negated"), reported: int("reported"),
                counterSpeech: int("counter_speech"), severityScore: Double(field("severity_score")) ?? 0,
                reviewed: int("reviewed"), falsePositives: int("false_positives"), lowConfidence: int("low_confidence")))
            episodes += 1
        }
        // The lexicon entries behind each group-week's harmful hits (audit trail).
        if FileSystem.exists(ctx.workspace.hits) {
            let hits = try LineReader(path: ctx.workspace.hits, stage: .aggregate)
            let lines = JSONLines()
            // Hits decoded in parallel, in batches, added in file order.
            try OrderedParallel.run(
                jobs: ctx.jobs,
                next: { hits.batch() },
                transform: { batch -> [(region: String, station: String, week: ISOWeek, entry: String)] in
                    batch.compactMap { work in
                        guard let h = try? lines.decode(Hit.self, from: work.line, file: ctx.workspace.hits, lineNumber: work.number, stage: .aggregate), h.isHarmful,
                              let station = stations[h.stationID], let published = Timestamp(rfc3339: h.published) else { return nil }
                        return (station.region, h.stationID, station.isoWeek(of: published), "\(h.lexicon):\(h.lexiconLine) \(h.term)")
                    }
                },
                consume: { found in
                    for f in found { aggregator.addEntry(region: f.region, station: f.station, week: f.week, entry: f.entry) }
                })
        }
        let regionWeek = aggregator.regionWeek()
        let stationWeek = aggregator.stationWeek()
        let rule = ctx.config.thresholds
        let extra: [(String, JSONValue)] = [
            ("audit", Manifest.audit(ctx)),
            ("alert_rule", .object([
                ("min_words", .int(rule.minWords)), ("watch", .number(rule.watch)),
                ("warning", .number(rule.warning)), ("alert", .number(rule.alert)),
                ("baseline_weeks", .int(rule.baselineWeeks)),
                ("min_airtime_minutes", .number(rule.minAirtimeMinutes)),
                ("escalation_ratio", .number(rule.escalationRatio)),
                ("persistence_weeks", .int(rule.persistenceWeeks)),
            ])),
        ]
        let w = ctx.workspace
        try AtomicFile.write(regionWeek.csv(byteOrderMark: ctx.config.excel), to: w.regionWeekCSV)
        try AtomicFile.write(regionWeek.json(schemaVersion: schemaVersion, extra: [("grain", .string("region_week"))] + extra), to: w.regionWeekJSON)
        try AtomicFile.write(stationWeek.csv(byteOrderMark: ctx.config.excel), to: w.stationWeekCSV)
        try AtomicFile.write(stationWeek.json(schemaVersion: schemaVersion, extra: [("grain", .string("station_week"))] + extra), to: w.stationWeekJSON)
        try log.commit()
        let levelColumn = regionWeek.columns.firstIndex(of: "alert_level")!
        let alerts = regionWeek.rows.filter { $0[levelColumn] != .string("none") }.count
        let counts = [("episodes", episodes), ("region_weeks", regionWeek.rows.count), ("station_weeks", stationWeek.rows.count), ("region_weeks_watch_or_above", alerts)]
        try Manifest.writeStage(
            .aggregate, workspace: w, config: ctx.config, jobs: ctx.jobs, started: started,
            inputs: [Manifest.input(try ctx.registryPath())], counts: counts.map { ($0.0, .int($0.1)) }, problems: log)
        return StageOutcome(stage: .aggregate, counts: counts, problems: log.count)
    }
}
