import Testing
import VigilAggregate
import VigilCore
import VigilIO

func summary(_ id: String, station: String = "a", region: String = "North", week: String, words: Int = 1000, hits: [String: Int] = [:], severity: Int = 0, counter: Int = 0) -> EpisodeSummary {
    EpisodeSummary(
        episodeID: id, stationID: station, region: region, isoWeek: week, published: "2025-12-29T08:00:00Z",
        airtimeSeconds: 1800, words: words, hitsTotal: hits.values.reduce(0, +) + counter, hits: hits,
        counterSpeech: counter, severityScore: Double(severity))
}

func column(_ t: Table, _ name: String) -> [JSONValue] {
    let i = t.columns.firstIndex(of: name)!
    return t.rows.map { $0[i] }
}

struct AggregatorTests {
    @Test func groupsByRegionAndWeek() {
        var a = Aggregator(rule: AlertRule(), categories: ["dehumanization"])
        a.add(summary("1", station: "a", week: "2025-W52", hits: ["dehumanization": 2], severity: 6))
        a.add(summary("2", station: "b", week: "2025-W52", hits: ["victimhood": 1], severity: 2))
        a.add(summary("3", station: "a", week: "2026-W01"))
        a.add(summary("4", station: "c", region: "Coast", week: "2025-W52"))
        let t = a.regionWeek()
        #expect(column(t, "region") == [.string("Coast"), .string("North"), .string("North")])
        #expect(column(t, "iso_week") == [.string("2025-W52"), .string("2025-W52"), .string("2026-W01")])
        #expect(column(t, "stations") == [.int(1), .int(2), .int(1)])
        #expect(column(t, "episodes") == [.int(1), .int(2), .int(1)])
        #expect(column(t, "words") == [.int(1000), .int(2000), .int(1000)])
        #expect(column(t, "hits_dehumanization") == [.int(0), .int(2), .int(0)])
        #expect(column(t, "hits_victimhood") == [.int(0), .int(1), .int(0)])
        #expect(column(t, "rate_per_10k") == [.number(0), .number(15), .number(0)])
        #expect(column(t, "severity_per_10k") == [.number(0), .number(40), .number(0)])
        #expect(column(t, "airtime_minutes") == [.number(30), .number(60), .number(30)])
        // Every standard category has a column, zeros included.
        for c in Category.standard { #expect(t.columns.contains("hits_\(c)")) }
    }

    @Test func baselineAndChangeRatioUsePreviousWeeks() {
        var a = Aggregator(rule: AlertRule(baselineWeeks: 2), categories: [])
        a.add(summary("1", week: "2025-W51", hits: ["victimhood": 1]))    // rate 10
        a.add(summary("2", week: "2025-W52", hits: ["victimhood": 3]))    // rate 30
        a.add(summary("3", week: "2026-W01", hits: ["victimhood": 8]))    // rate 80, baseline (10+30)/2
        let t = a.regionWeek()
        #expect(column(t, "baseline_rate") == [.null, .number(10), .number(20)])
        #expect(column(t, "change_ratio") == [.null, .number(3), .number(4)])
    }

    @Test func alertLevels() {
        let rule = AlertRule(minWords: 500, watch: 10, warning: 25, alert: 50)
        #expect(rule.level(words: 100, severityPer10k: 999) == "none")
        #expect(rule.level(words: 1000, severityPer10k: 9.9) == "none")
        #expect(rule.level(words: 1000, severityPer10k: 10) == "watch")
        #expect(rule.level(words: 1000, severityPer10k: 30) == "warning")
        #expect(rule.level(words: 1000, severityPer10k: 50) == "alert")
        #expect(AlertRule(watch: 30, warning: 20, alert: 50).problems.count == 1)
    }

    @Test func counterSpeechShare() {
        var a = Aggregator(rule: AlertRule(), categories: [])
        a.add(summary("1", week: "2025-W52", hits: ["victimhood": 3], counter: 1))
        a.add(summary("2", region: "Lake", week: "2025-W52"))
        let t = a.regionWeek()
        #expect(column(t, "counter_speech_share") == [.null, .number(0.25)])
    }

    @Test func stationWeekCarriesRegion() {
        var a = Aggregator(rule: AlertRule(), categories: [])
        a.add(summary("1", station: "b", region: "Lake", week: "2025-W52"))
        a.add(summary("2", station: "a", region: "North", week: "2025-W52"))
        let t = a.stationWeek()
        #expect(t.columns.prefix(3) == ["station_id", "region", "iso_week"])
        #expect(column(t, "station_id") == [.string("a"), .string("b")])
        #expect(column(t, "region") == [.string("North"), .string("Lake")])
    }
}

struct EscalationTests {
    @Test func persistentEscalationRaisesOneLevel() {
        let rule = AlertRule(minWords: 100, watch: 10, warning: 25, alert: 50, baselineWeeks: 2, escalationRatio: 2, persistenceWeeks: 2)
        var a = Aggregator(rule: rule, categories: [])
        // Severity per 10k: 2, 6, 12, 30 — rising; the last two weeks are ≥ 2× baseline.
        for (i, (week, hits)) in [("2025-W50", 1), ("2025-W51", 3), ("2025-W52", 6), ("2026-W01", 15)].enumerated() {
            a.add(summary("\(i)", week: week, words: 10_000, hits: ["victimhood": hits], severity: hits * 2))
        }
        let t = a.regionWeek()
        #expect(column(t, "persistence_weeks") == [.int(0), .int(1), .int(2), .int(3)])
        #expect(column(t, "alert_level") == [.string("none"), .string("none"), .string("warning"), .string("alert")])
        let reasons = column(t, "alert_reason").map { if case .string(let s) = $0 { return s } else { return "" } }
        #expect(reasons[1] == "severity 6 per 10,000 words under watch 10")
        #expect(reasons[2] == "severity 12 per 10,000 words ≥ watch 10; raised one level: harmful rate 3× its baseline, above baseline 2 weeks running")
        #expect(reasons[3].hasSuffix("raised one level: harmful rate 3.3× its baseline, above baseline 3 weeks running"))
    }

    @Test func thinWeeksSaySo() {
        let rule = AlertRule(minWords: 500, minAirtimeMinutes: 60)
        #expect(rule.assess(.init(words: 100, airtimeMinutes: 0, severityPer10k: 999, changeRatio: nil, persistence: 0)) == ("none", "too little speech to judge: 100 words, under min_words 500"))
        let thin = rule.assess(.init(words: 1000, airtimeMinutes: 30, severityPer10k: 999, changeRatio: nil, persistence: 0))
        #expect(thin.level == "none")
        #expect(thin.reason.hasPrefix("too little airtime to judge: 30 minutes"))
    }

    @Test func spreadAndHourlyRate() {
        var a = Aggregator(rule: AlertRule(), categories: [])
        a.add(summary("1", station: "a", week: "2025-W52", hits: ["victimhood": 2]))
        a.add(summary("2", station: "b", week: "2025-W52"))
        a.add(summary("3", station: "c", week: "2025-W52", hits: ["offensive": 3]))
        let t = a.regionWeek()
        #expect(column(t, "stations_with_hits") == [.int(1)])
        #expect(column(t, "rate_per_hour") == [.number(2.0 * 3600 / 5400)])
    }
}
