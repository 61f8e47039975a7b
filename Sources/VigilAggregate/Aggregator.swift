import VigilCore
import VigilIO

/// The aggregate stage: sums episode counts by region × ISO week and station × week.
///
/// Memory holds one cell per group-week, never per episode: feed it summaries one at a
/// time with `add`, then ask for the tables.
public struct Aggregator: Sendable {
    struct Cell: Sendable {
        var stations = Set<String>()
        var stationsWithHits = Set<String>()
        var episodes = 0
        var airtime = 0.0
        var words = 0
        var hitsTotal = 0
        var hits: [String: Int] = [:]
        var negated = 0
        var reported = 0
        var reviewed = 0
        var falsePositives = 0
        var counterSpeech = 0
        var severity = 0.0
        /// Harmful hits per lexicon entry (`file:line term`), for the audit trail.
        var entries: [String: Int] = [:]
        var lowConfidence = 0
    }

    struct Key: Hashable, Comparable {
        var group: String
        var week: ISOWeek
        static func < (a: Key, b: Key) -> Bool { (a.group, a.week) < (b.group, b.week) }
    }

    public let rule: AlertRule
    private var categories: [String]
    private var regions: [Key: Cell] = [:]
    private var stations: [Key: Cell] = [:]
    private var stationRegion: [String: String] = [:]

    /// `categories`: the lexicon's categories; standard ones always get columns.
    public init(rule: AlertRule, categories: [String]) {
        self.rule = rule
        self.categories = Category.columns(adding: categories)
    }

    /// Adds one episode. Episodes without a week (no usable date) are not aggregated.
    public mutating func add(_ e: EpisodeSummary) {
        guard let week = ISOWeek(e.isoWeek) else { return }
        for c in e.hits.keys where !categories.contains(c) {
            categories = Category.columns(adding: categories + [c])
        }
        stationRegion[e.stationID] = e.region
        Self.accumulate(&regions[Key(group: e.region, week: week), default: Cell()], e)
        Self.accumulate(&stations[Key(group: e.stationID, week: week), default: Cell()], e)
    }

    private static func accumulate(_ cell: inout Cell, _ e: EpisodeSummary) {
        cell.stations.insert(e.stationID)
        if e.harmfulHits > 0 { cell.stationsWithHits.insert(e.stationID) }
        cell.episodes += 1
        cell.airtime += e.airtimeSeconds ?? 0
        cell.words += e.words
        cell.hitsTotal += e.hitsTotal
        for (c, n) in e.hits { cell.hits[c, default: 0] += n }
        cell.negated += e.negated
        cell.reported += e.reported
        cell.reviewed += e.reviewed
        cell.falsePositives += e.falsePositives
        cell.counterSpeech += e.counterSpeech
        cell.severity += e.severityScore
        cell.lowConfidence += e.lowConfidence
    }

    /// Counts a harmful hit's lexicon entry in its region-week and station-week, so that every
    /// alert names the entries behind it (`top_entries`).
    public mutating func addEntry(region: String, station: String, week: String, entry: String) {
        guard let w = ISOWeek(week) else { return }
        addEntry(region: region, station: station, week: w, entry: entry)
    }

    public mutating func addEntry(region: String, station: String, week w: ISOWeek, entry: String) {
        regions[Key(group: region, week: w)]?.entries[entry, default: 0] += 1
        stations[Key(group: station, week: w)]?.entries[entry, default: 0] += 1
    }

    /// `aggregate/region_week` rows, sorted by region then week.
    public func regionWeek() -> Table {
        table(regions, leading: ["region", "iso_week", "stations"]) { key, cell in
            [.string(key.group), .string(key.week.description), .int(cell.stations.count)]
        }
    }

    /// `aggregate/station_week` rows, sorted by station then week.
    public func stationWeek() -> Table {
        table(stations, leading: ["station_id", "region", "iso_week"]) { key, _ in
            [.string(key.group), .string(stationRegion[key.group] ?? ""), .string(key.week.description)]
        }
    }

    /// Every column after the leading ones, in order.
    public var metricColumns: [String] {
        ["episodes", "airtime_minutes", "words", "hits_total"] + categories.map { "hits_\($0)" }
            + ["negated", "reported", "counter_speech", "harmful_hits", "rate_per_10k", "severity_score",
               "severity_per_10k", "counter_speech_share", "baseline_rate", "change_ratio",
               "enough_data", "alert_level", "rate_per_hour", "stations_with_hits", "persistence_weeks",
               "alert_reason", "hits_reviewed", "hits_unreviewed", "false_positives", "low_confidence", "top_entries"]
    }

    private func table(_ cells: [Key: Cell], leading: [String], _ lead: (Key, Cell) -> [JSONValue]) -> Table {
        var t = Table(columns: leading + metricColumns)
        let rates = cells.mapValues { Self.rate($0) }
        var baselines: [Key: Double] = [:]
        var persistence: [Key: Int] = [:]
        for key in cells.keys.sorted() {
            let previous = (1...rule.baselineWeeks).compactMap { rates[Key(group: key.group, week: key.week.adding(weeks: -$0))] }
            if !previous.isEmpty { baselines[key] = previous.reduce(0, +) / Double(previous.count) }
            let above = baselines[key].map { rates[key]! > $0 } ?? false
            persistence[key] = above ? (persistence[Key(group: key.group, week: key.week.adding(weeks: -1))] ?? 0) + 1 : 0
        }
        for key in cells.keys.sorted() {
            let cell = cells[key]!
            let harmful = cell.hits.reduce(0) { $0 + (Category.isHarmful($1.key) ? $1.value : 0) }
            let rate = rates[key]!
            let severityRate = cell.words > 0 ? cell.severity * 10_000 / Double(cell.words) : 0
            let baseline = baselines[key]
            let change: Double? = baseline.flatMap { $0 > 0 ? rate / $0 : nil }
            let shareBase = cell.counterSpeech + harmful
            let signals = AlertRule.Signals(
                words: cell.words, airtimeMinutes: cell.airtime / 60, severityPer10k: severityRate,
                changeRatio: change, persistence: persistence[key] ?? 0)
            let (level, reason) = rule.assess(signals)
            var row = lead(key, cell)
            row += [.int(cell.episodes), .number(cell.airtime / 60), .int(cell.words), .int(cell.hitsTotal)]
            row += categories.map { .int(cell.hits[$0] ?? 0) }
            row += [
                .int(cell.negated), .int(cell.reported), .int(cell.counterSpeech), .int(harmful), .number(rate),
                .number(cell.severity), .number(severityRate),
                shareBase > 0 ? .number(Double(cell.counterSpeech) / Double(shareBase)) : .null,
                JSONValue(baseline), JSONValue(change), .bool(rule.enoughData(signals)), .string(level),
                cell.airtime > 0 ? .number(Double(harmful) * 3600 / cell.airtime) : .null,
                .int(cell.stationsWithHits.count), .int(persistence[key] ?? 0), .string(reason),
                .int(cell.reviewed - cell.falsePositives), .int(cell.hitsTotal - (cell.reviewed - cell.falsePositives)), .int(cell.falsePositives), .int(cell.lowConfidence),
                .string(cell.entries.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(5).map { "\($0.key) ×\($0.value)" }.joined(separator: "; ")),
            ]
            t.rows.append(row)
        }
        return t
    }

    /// Harmful hits per 10,000 words.
    private static func rate(_ c: Cell) -> Double {
        guard c.words > 0 else { return 0 }
        let harmful = c.hits.reduce(0) { $0 + (Category.isHarmful($1.key) ? $1.value : 0) }
        return Double(harmful) * 10_000 / Double(c.words)
    }
}
