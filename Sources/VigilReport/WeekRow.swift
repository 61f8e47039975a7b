import VigilCore
import VigilIO

/// One row of `aggregate/region_week.csv`, as the report reads it.
public struct WeekRow: Sendable, Equatable {
    public var region: String
    public var week: ISOWeek
    public var level: String
    public var reason: String
    public var episodes: Int
    public var stations: Int
    public var stationsWithHits: Int
    public var words: Int
    public var harmfulHits: Int
    public var ratePer10k: Double
    public var severityPer10k: Double
    public var baselineRate: Double?
    public var changeRatio: Double?
    public var persistenceWeeks: Int
    public var counterSpeech: Int
    public var counterSpeechShare: Double?
    public var enoughData: Bool
    /// Counted hits per category (`hits_<category>` columns).
    public var hits: [String: Int]
    /// Counted hits, and those a reviewer has judged.
    public var hitsTotal: Int = 0
    public var hitsReviewed: Int = 0

    public init(region: String, week: ISOWeek, level: String, reason: String = "", episodes: Int = 1, stations: Int = 1,
                stationsWithHits: Int = 0, words: Int = 1000, harmfulHits: Int = 0, ratePer10k: Double = 0,
                severityPer10k: Double = 0, baselineRate: Double? = nil, changeRatio: Double? = nil,
                persistenceWeeks: Int = 0, counterSpeech: Int = 0, counterSpeechShare: Double? = nil,
                enoughData: Bool = true, hits: [String: Int] = [:]) {
        self.region = region
        self.week = week
        self.level = level
        self.reason = reason
        self.episodes = episodes
        self.stations = stations
        self.stationsWithHits = stationsWithHits
        self.words = words
        self.harmfulHits = harmfulHits
        self.ratePer10k = ratePer10k
        self.severityPer10k = severityPer10k
        self.baselineRate = baselineRate
        self.changeRatio = changeRatio
        self.persistenceWeeks = persistenceWeeks
        self.counterSpeech = counterSpeech
        self.counterSpeechShare = counterSpeechShare
        self.enoughData = enoughData
        self.hits = hits
    }

    /// Reads a region-week CSV row; nil when the region or week is unusable.
    public init?(_ r: CSVRecord) {
        guard let region = r["region"], let week = r["iso_week"].flatMap(ISOWeek.init) else { return nil }
        func int(_ k: String) -> Int { r[k].flatMap { Int($0) } ?? 0 }
        func num(_ k: String) -> Double? { r[k].flatMap { Double($0) } }
        var hits: [String: Int] = [:]
        for (name, _) in r.columns where name.hasPrefix("hits_") && name != "hits_total" {
            hits[String(name.dropFirst(5))] = int(name)
        }
        self.init(
            region: region, week: week, level: r["alert_level"] ?? "none", reason: r["alert_reason"] ?? "",
            episodes: int("episodes"), stations: int("stations"), stationsWithHits: int("stations_with_hits"),
            words: int("words"), harmfulHits: int("harmful_hits"), ratePer10k: num("rate_per_10k") ?? 0,
            severityPer10k: num("severity_per_10k") ?? 0, baselineRate: num("baseline_rate"),
            changeRatio: num("change_ratio"), persistenceWeeks: int("persistence_weeks"),
            counterSpeech: int("counter_speech"), counterSpeechShare: num("counter_speech_share"),
            enoughData: r["enough_data"] != "false", hits: hits)
        hitsTotal = int("hits_total")
        hitsReviewed = int("hits_reviewed")
    }

    /// Index of the level in `none, watch, warning, alert`.
    public var rank: Int { ["none", "watch", "warning", "alert"].firstIndex(of: level) ?? 0 }
}
