import Foundation
import Testing
import VigilCore
import VigilIO
import VigilPipeline

/// Reviews, redaction and the audit trail, end to end on the sample.
struct ResponsibleUseTests {
    func rows(_ path: String) throws -> [[String: String]] {
        let csv = CSVReader(bytes: try FileSystem.read(path))
        return csv.rows.map { r in Dictionary(uniqueKeysWithValues: csv.header.enumerated().map { ($0.element, $0.offset < r.fields.count ? r.fields[$0.offset] : "") }) }
    }

    func hits(_ work: String) throws -> [Hit] {
        try Repo.read(work + "/detect/hits.jsonl").split(separator: "\n").map { try JSONDecoder().decode(Hit.self, from: Data($0.utf8)) }
    }

    @Test func falsePositiveReviewsLeaveTheAggregatesAndTheAlert() throws {
        let first = Repo.temporaryFolder("before")
        try runSample(work: first, jobs: 2)
        let week = try rows(first + "/aggregate/region_week.csv").first { $0["region"] == "Northern Highlands" && $0["iso_week"] == "2026-W01" }!
        #expect(week["alert_level"] == "alert")
        // A reviewer marks every harmful hit of that region-week a false positive but one,
        // which is reclassified as counter-speech, and confirms nothing.
        let targets = try hits(first).filter { $0.region == "Northern Highlands" && $0.isoWeek == "2026-W01" && $0.isHarmful }
        #expect(targets.count == Int(week["harmful_hits"]!))
        var csv = CSVWriter(header: ["hit_id", "verdict", "reviewer", "note"])
        for (i, h) in targets.enumerated() { csv.append(row: [.text(h.hitID), .text(i == 0 ? "counter_speech" : "false_positive"), .text("rev-a"), .text("checked")]) }
        csv.append(row: [.text("no/such@1.1"), .text("confirmed"), .text("rev-a"), .text("stale")])
        let dir = Repo.temporaryFolder("reviews")
        try AtomicFile.write(csv.bytes, to: dir + "/reviews.csv")
        var config = try PipelineConfig.load(Repo.sample)
        config.reviews = dir + "/reviews.csv"
        let second = dir + "/work"
        let report = try Pipeline.run(Stage.pipeline, config: config, work: second, jobs: 2)
        #expect(report.problems > 0)
        let after = try rows(second + "/aggregate/region_week.csv").first { $0["region"] == "Northern Highlands" && $0["iso_week"] == "2026-W01" }!
        #expect(after["harmful_hits"] == "0")
        #expect(after["severity_score"] == "0")
        #expect(after["alert_level"] == "none")
        #expect(after["false_positives"] == String(targets.count - 1))
        #expect(after["hits_reviewed"] == "1")
        #expect(Int(after["counter_speech"]!)! == Int(week["counter_speech"]!)! + 1)
        // Other region-weeks are untouched; the stale review is reported, not silently dropped.
        let other = { (p: String) in try self.rows(p + "/aggregate/region_week.csv").first { $0["region"] == "Lake District" && $0["iso_week"] == "2025-W48" }! }
        #expect(try other(first) == other(second))
        #expect(try Repo.read(second + "/problems.jsonl").contains("detect.review_unmatched"))
        // The reviewed hits keep their ids and carry the verdict.
        let reviewed = try hits(second).filter { $0.review != nil }
        #expect(Set(reviewed.map(\.hitID)) == Set(targets.map(\.hitID)))
        #expect(reviewed.allSatisfy { $0.reviewer == "rev-a" })
    }

    @Test func evidenceIsRedactedInEveryOutputUnlessUnredacted() throws {
        let dir = Repo.temporaryFolder()
        try AtomicFile.write(Array("station_id,name,region,feed\nst,St FM,North,feeds/f.xml\n".utf8), to: dir + "/c/stations.csv")
        try AtomicFile.write(Array("""
            <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>f</title>
            <item><guid>e1</guid><title>t</title><pubDate>Mon, 29 Dec 2025 08:00:00 +0000</pubDate>
            <podcast:transcript url="../t/a.vtt" type="text/vtt"/></item></channel></rss>
            """.utf8), to: dir + "/c/feeds/f.xml")
        var vtt = "WEBVTT\n\n"
        for i in 0..<30 {
            vtt += "00:00:\(String(format: "%02d", i)).000 --> 00:00:\(String(format: "%02d", i + 1)).000\n<v Amina Okello>Call me on +256 772 123 456 or amina@example.org, journalists are traitors, refugees are cockroaches, Joseph Mwangi agrees\n\n"
        }
        try AtomicFile.write(Array(vtt.utf8), to: dir + "/c/t/a.vtt")
        try AtomicFile.write(Array("Joseph Mwangi\n".utf8), to: dir + "/names.txt")
        let yaml = "registry: c/stations.csv\nprivacy: {names: names.txt, redact_speakers: true}\n"
        try AtomicFile.write(Array(yaml.utf8), to: dir + "/p.yaml")
        let redacted = try vigil(["run", dir + "/p.yaml", "--work", dir + "/w1"])
        #expect(redacted.code == 0, "\(redacted.err)")
        let outputs = ["detect/hits.jsonl", "report/recommendations.csv", "report/recommendations.json", "report/report.html"]
        for name in outputs {
            let text = try Repo.read(dir + "/w1/" + name)
            #expect(!text.contains("772 123 456") && !text.contains("amina@example.org") && !text.contains("Mwangi") && !text.contains("Okello"), "\(name) leaks personal data")
            #expect(text.contains("[phone]") && text.contains("[email]") && text.contains("[name]"), "\(name) shows the redaction")
        }
        #expect(try Repo.read(dir + "/w1/manifest.json").contains("\"redaction\": \"on\""))
        let open = try vigil(["run", dir + "/p.yaml", "--work", dir + "/w2", "--unredacted"])
        #expect(open.code == 0)
        #expect(try Repo.read(dir + "/w2/detect/hits.jsonl").contains("+256 772 123 456"))
        #expect(try Repo.read(dir + "/w2/manifest.json").contains("\"redaction\": \"off\""))
        #expect(try Repo.read(dir + "/w2/report/recommendations.json").contains("\"redaction\": \"off\""))
    }

    @Test func explainReproducesTheAlertNumbers() throws {
        let work = Repo.temporaryFolder()
        try runSample(work: work, jobs: 2)
        let r = try vigil(["explain", "Northern Highlands", "2026-W01", "--work", work])
        #expect(r.code == 0, "\(r.err)")
        let row = try rows(work + "/aggregate/region_week.csv").first { $0["region"] == "Northern Highlands" && $0["iso_week"] == "2026-W01" }!
        #expect(r.out.contains("Northern Highlands, 2026-W01: \(row["alert_level"]!)"))
        #expect(r.out.contains("severity per 10,000 words = \(row["severity_score"]!) × 10,000 / \(row["words"]!) ="))
        #expect(r.out.contains("check: recomputed from detect/hits.jsonl: \(row["harmful_hits"]!) harmful hits, severity score \(row["severity_score"]!) — matches region_week.csv"))
        #expect(r.out.contains("rule: \(row["alert_reason"]!)"))
        let missing = try vigil(["explain", "Nowhere", "2026-W01", "--work", work])
        #expect(missing.code == 1)
        #expect(missing.err.contains("no row for region 'Nowhere'"))
    }

    @Test func recommendationsNameTheirEntriesAndInputs() throws {
        let json = try Repo.read(Repo.golden + "/report/recommendations.json")
        #expect(json.contains("\"audit\""))
        #expect(json.contains("\"sha256\""))
        #expect(json.contains("\"entries\""))
        #expect(json.contains("\"lexicon\": \"lexicon.csv\""))
    }
}
