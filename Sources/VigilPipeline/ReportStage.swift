import Foundation
import VigilCore
import VigilIO
import VigilReport

/// Runs report: `aggregate/region_week.csv` + `detect/hits.jsonl` + `problems.jsonl` →
/// `report/recommendations.{csv,json}` and `report/report.html`.
enum ReportStage {
    static let schemaVersion = 1

    static func run(_ ctx: RunContext) throws(VigilError) -> StageOutcome {
        let started = Date()
        let w = ctx.workspace
        let log = try ProblemLog(workspace: w, stage: .report)
        var rows: [WeekRow] = []
        let csv = try CSVStream(path: w.regionWeekCSV, stage: .report)
        let cols = csv.columns
        while let fields = csv.next() {
            if let row = WeekRow(CSVRecord(columns: cols, fields: fields)) { rows.append(row) }
        }
        var evidence = EvidenceCollector()
        let hits = try LineReader(path: w.hits, stage: .report)
        let lines = JSONLines()
        // Hits decoded in parallel, in batches, collected in file order.
        try OrderedParallel.run(
            jobs: ctx.jobs,
            next: { hits.batch() },
            transform: { batch -> [Result<Hit, VigilError>] in
                batch.map { work in
                    do throws(VigilError) {
                        return .success(try lines.decode(Hit.self, from: work.line, file: w.hits, lineNumber: work.number, stage: .report))
                    } catch {
                        return .failure(error)
                    }
                }
            },
            consume: { results in
                for result in results {
                    switch result {
                    case .success(let hit): evidence.add(hit)
                    case .failure(let e): try log.record([e])
                    }
                }
            })
        var byCode: [String: Int] = [:]
        var examples: [String] = []
        if FileSystem.exists(w.problems) {
            let reader = try LineReader(path: w.problems, stage: .report)
            while let line = reader.next() {
                guard let p = try? JSONDecoder().decode(VigilError.self, from: Data(line)) else { continue }
                byCode[p.code, default: 0] += 1
                if examples.count < 20 { examples.append(p.description) }
            }
        }
        let names = Dictionary((try? ctx.registry().stations.map { ($0.stationID, $0.name) }) ?? [], uniquingKeysWith: { a, _ in a })
        let recommendations = Recommender.recommend(rows, evidence: evidence)
        let table = RecommendationTable.table(recommendations)
        try AtomicFile.write(table.csv(byteOrderMark: ctx.config.excel), to: w.path("report/recommendations.csv"))
        try AtomicFile.write(RecommendationTable.json(recommendations, schemaVersion: schemaVersion, audit: Manifest.audit(ctx)), to: w.path("report/recommendations.json"))
        let page = ReportPage.render(
            rows: rows, recommendations: recommendations, evidence: evidence,
            problems: .init(byCode: byCode.sorted { $0.key < $1.key }, examples: examples), stations: names,
            audio: PlayLinks(maps: ctx.config.maps))
        try AtomicFile.write(Array(page.utf8), to: w.path("report/report.html"))
        try log.commit()
        let counts = [
            ("region_weeks", rows.count), ("region_weeks_watch_or_above", rows.filter { $0.rank >= 1 }.count),
            ("recommendations", recommendations.count),
        ]
        try Manifest.writeStage(
            .report, workspace: w, config: ctx.config, jobs: ctx.jobs, started: started, inputs: [],
            counts: counts.map { ($0.0, .int($0.1)) }, problems: log)
        return StageOutcome(stage: .report, counts: counts, problems: log.count)
    }
}
