import VigilIO

/// The alert rule: how a region-week's numbers become `none`, `watch`, `warning` or
/// `alert`. Thresholds come from the pipeline config (`thresholds:`).
///
/// Rule (v2):
/// 1. A week with fewer than `minWords` words, or with known airtime under
///    `minAirtimeMinutes`, is `none` and says so (`enough_data` false): too little to judge.
/// 2. The severity-weighted score per 10,000 words (`severity_per_10k`: the sum of the
///    severities of harmful hits — not negated, not reported, not offensive or
///    counter-speech — per 10,000 words) gives the base level: ≥ `alert` → alert,
///    ≥ `warning` → warning, ≥ `watch` → watch, else none.
/// 3. Escalation raises it one level: the harmful rate is at least `escalationRatio` times
///    its trailing baseline and has been above baseline for at least `persistenceWeeks`
///    consecutive weeks.
public struct AlertRule: Sendable, Equatable, Codable {
    public var minWords: Int
    public var watch: Double
    public var warning: Double
    public var alert: Double
    /// Weeks in the trailing baseline.
    public var baselineWeeks: Int
    /// Airtime below which a week is too thin to judge (0: no airtime minimum).
    public var minAirtimeMinutes: Double
    /// Change ratio (rate / baseline) that, held for `persistenceWeeks`, raises the level.
    public var escalationRatio: Double
    /// Consecutive weeks above baseline needed for the escalation raise.
    public var persistenceWeeks: Int

    public init(
        minWords: Int = 300, watch: Double = 10, warning: Double = 25, alert: Double = 50, baselineWeeks: Int = 4,
        minAirtimeMinutes: Double = 0, escalationRatio: Double = 2, persistenceWeeks: Int = 2
    ) {
        self.minWords = minWords
        self.watch = watch
        self.warning = warning
        self.alert = alert
        self.baselineWeeks = baselineWeeks
        self.minAirtimeMinutes = minAirtimeMinutes
        self.escalationRatio = escalationRatio
        self.persistenceWeeks = persistenceWeeks
    }

    enum CodingKeys: String, CodingKey {
        case minWords = "min_words", watch, warning, alert, baselineWeeks = "baseline_weeks"
        case minAirtimeMinutes = "min_airtime_minutes", escalationRatio = "escalation_ratio", persistenceWeeks = "persistence_weeks"
    }

    public init(from decoder: any Decoder) throws {
        let d = AlertRule()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minWords = try c.decodeIfPresent(Int.self, forKey: .minWords) ?? d.minWords
        watch = try c.decodeIfPresent(Double.self, forKey: .watch) ?? d.watch
        warning = try c.decodeIfPresent(Double.self, forKey: .warning) ?? d.warning
        alert = try c.decodeIfPresent(Double.self, forKey: .alert) ?? d.alert
        baselineWeeks = try c.decodeIfPresent(Int.self, forKey: .baselineWeeks) ?? d.baselineWeeks
        minAirtimeMinutes = try c.decodeIfPresent(Double.self, forKey: .minAirtimeMinutes) ?? d.minAirtimeMinutes
        escalationRatio = try c.decodeIfPresent(Double.self, forKey: .escalationRatio) ?? d.escalationRatio
        persistenceWeeks = try c.decodeIfPresent(Int.self, forKey: .persistenceWeeks) ?? d.persistenceWeeks
    }

    /// Problems with the thresholds themselves (must rise: watch < warning < alert).
    public var problems: [String] {
        var out: [String] = []
        if !(watch > 0 && watch < warning && warning < alert) { out.append("thresholds must satisfy 0 < watch < warning < alert") }
        if minWords < 0 { out.append("min_words must be ≥ 0") }
        if baselineWeeks < 1 { out.append("baseline_weeks must be ≥ 1") }
        if minAirtimeMinutes < 0 { out.append("min_airtime_minutes must be ≥ 0") }
        if escalationRatio <= 1 { out.append("escalation_ratio must be > 1") }
        if persistenceWeeks < 1 { out.append("persistence_weeks must be ≥ 1") }
        return out
    }

    public static let levels = ["none", "watch", "warning", "alert"]

    /// What the numbers of one group-week are, for `assess`.
    public struct Signals: Sendable {
        public var words: Int
        public var airtimeMinutes: Double
        public var severityPer10k: Double
        public var changeRatio: Double?
        public var persistence: Int
        public init(words: Int, airtimeMinutes: Double, severityPer10k: Double, changeRatio: Double?, persistence: Int) {
            self.words = words
            self.airtimeMinutes = airtimeMinutes
            self.severityPer10k = severityPer10k
            self.changeRatio = changeRatio
            self.persistence = persistence
        }
    }

    /// Whether there is enough speech to judge.
    public func enoughData(_ s: Signals) -> Bool {
        s.words >= minWords && (s.airtimeMinutes <= 0 || s.airtimeMinutes >= minAirtimeMinutes)
    }

    /// One decimal, for sentences.
    static func words(_ v: Double) -> String { CSVWriter.format((v * 10).rounded() / 10) }

    /// The level and the reason in plain words.
    public func assess(_ s: Signals) -> (level: String, reason: String) {
        guard s.words >= minWords else {
            return ("none", "too little speech to judge: \(s.words) words, under min_words \(minWords)")
        }
        if s.airtimeMinutes > 0 && s.airtimeMinutes < minAirtimeMinutes {
            return ("none", "too little airtime to judge: \(Self.words(s.airtimeMinutes)) minutes, under min_airtime_minutes \(Self.words(minAirtimeMinutes))")
        }
        var index = 0
        var reason = "severity \(Self.words(s.severityPer10k)) per 10,000 words"
        if s.severityPer10k >= alert { index = 3; reason += " ≥ alert \(Self.words(alert))" }
        else if s.severityPer10k >= warning { index = 2; reason += " ≥ warning \(Self.words(warning))" }
        else if s.severityPer10k >= watch { index = 1; reason += " ≥ watch \(Self.words(watch))" }
        else { reason += " under watch \(Self.words(watch))" }
        if let change = s.changeRatio, change >= escalationRatio, s.persistence >= persistenceWeeks, index < 3 {
            index += 1
            reason += "; raised one level: harmful rate \(Self.words(change))× its baseline, above baseline \(s.persistence) weeks running"
        }
        return (Self.levels[index], reason)
    }

    /// The base level, before escalation.
    public func level(words: Int, severityPer10k: Double) -> String {
        assess(Signals(words: words, airtimeMinutes: 0, severityPer10k: severityPer10k, changeRatio: nil, persistence: 0)).level
    }
}
