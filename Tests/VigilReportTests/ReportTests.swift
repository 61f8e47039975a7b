import Testing
import VigilCore
import VigilIO
import VigilReport

func hit(_ region: String, _ week: String, _ category: String, severity: Int = 2, kind: String? = nil, negated: Bool = false, id: String = "h") -> Hit {
    Hit(hitID: id, episodeID: "s/e", stationID: "s", region: region, isoWeek: week, published: "2026-01-05T08:00:00Z",
        category: category, term: "t", matched: "t", group: kind == nil ? nil : "g", groupKind: kind, severity: severity,
        start: 75, end: 80, speaker: "Caller 2", snippet: "they are \(category)", negated: negated, speakerRole: "caller",
        segment: 0, token: 0, lexicon: "l.csv", lexiconLine: 2)
}

let w1 = ISOWeek("2026-W01")!

struct RecommenderTests {
    @Test func eachRecommendationHasItsTrigger() {
        var ev = EvidenceCollector()
        ev.add(hit("North", "2026-W01", "dehumanization", severity: 3, kind: "religious", id: "a"))
        ev.add(hit("North", "2026-W01", "enemy_labeling", id: "b"))
        ev.add(hit("North", "2026-W01", "violence_call", severity: 3, id: "c"))
        ev.add(hit("North", "2026-W01", "dehumanization", negated: true, id: "d"))
        let rows = [
            WeekRow(region: "North", week: w1, level: "warning", reason: "r", persistenceWeeks: 1,
                    hits: ["enemy_labeling": 1, "violence_call": 1]),
            WeekRow(region: "Lake", week: w1, level: "watch", changeRatio: 0.4, counterSpeechShare: 0.5),
            WeekRow(region: "Coast", week: w1, level: "none"),
        ]
        let recs = Recommender.recommend(rows, evidence: ev)
        #expect(recs.map { "\($0.region) \($0.number)" } == ["Lake 1", "Lake 5", "North 1", "North 2", "North 3", "North 4"])
        #expect(recs[1].trigger == "de-escalation: harmful rate down to 0.4× its baseline; counter-speech is 50% of counted speech")
        #expect(recs[3].evidence.map(\.hitID) == ["a"])
        #expect(recs[4].trigger == "1 hit(s) call dissenters, journalists or defenders enemies or traitors")
        #expect(recs[5].trigger == "sustained or violent escalation at warning: 1 call(s) to violence")
        #expect(recs[5].evidence.map(\.hitID) == ["c"])
        // Strongest evidence first: severity 3 before 2; negated hits are counter-speech evidence only.
        #expect(recs[2].evidence.map(\.hitID) == ["a", "c", "b"])
    }

    @Test func evidenceKeepsOnlyTheStrongest() {
        var ev = EvidenceCollector(keep: 2)
        for i in 0..<50 { ev.add(hit("North", "2026-W01", "victimhood", severity: i == 30 ? 3 : 1, id: "h\(i)")) }
        #expect(ev.top(.harmful, region: "North", week: "2026-W01").map(\.hitID) == ["h30", "h0"])
        #expect(ev.count(.harmful, region: "North", week: "2026-W01") == 50)
        #expect(ev.top(.harmful, region: "North", week: "2026-W01").first?.line == "s at 0:01:15, Caller 2 (caller): “they are victimhood”")
    }

    @Test func readsRegionWeekRows() throws {
        let csv = "region,iso_week,alert_level,alert_reason,words,hits_victimhood,hits_total,change_ratio,enough_data\nNorth,2026-W01,watch,why,900,3,5,,false\n"
        let r = CSVReader(bytes: Array(csv.utf8))
        let row = try #require(WeekRow(CSVRecord(columns: r.columns, fields: r.rows[0].fields)))
        #expect(row.level == "watch" && row.rank == 1 && row.words == 900)
        #expect(row.hits == ["victimhood": 3])
        #expect(row.changeRatio == nil && row.enoughData == false)
    }
}

struct ReportPageTests {
    @Test func pageIsSelfContainedAndLabelsLevelsInWords() {
        var ev = EvidenceCollector()
        ev.add(hit("North <b>", "2026-W01", "violence_call", severity: 3, id: "x"))
        let rows = [WeekRow(region: "North <b>", week: w1, level: "alert", reason: "r", severityPer10k: 60, baselineRate: 2, changeRatio: 3)]
        let page = ReportPage.render(rows: rows, recommendations: Recommender.recommend(rows, evidence: ev), evidence: ev,
                                     problems: .init(byCode: [("ingest.bad_date", 1)], examples: ["f.xml:3: ingest.bad_date: x"]), stations: ["s": "Radio S"])
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("@import") && !page.contains("url("))
        #expect(page.contains("North &lt;b&gt;"), "text is escaped")
        #expect(!page.contains("North <b>"))
        #expect(page.contains("<svg class=\"trend\""))
        #expect(page.contains("<strong>alert</strong>"))
        #expect(page.contains("flagged for human review"))
        #expect(page.contains("Radio S · 0:01:15 · Caller 2 (caller)"))
        #expect(page.contains("ingest.bad_date"))
    }
}

struct ReviewedCountsTests {
    @Test func heatMapShowsReviewedCounts() {
        var row = WeekRow(region: "North", week: w1, level: "watch", reason: "r")
        row.hitsTotal = 31
        row.hitsReviewed = 4
        let page = ReportPage.render(rows: [row], recommendations: [], evidence: EvidenceCollector(),
                                     problems: .init(byCode: [], examples: []), stations: [:])
        #expect(page.contains("reviewed 4/31"))
    }
}
