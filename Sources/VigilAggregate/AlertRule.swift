/// The alert rule: how a region-week's numbers become `none`, `watch`, `warning` or
/// `alert`. Thresholds come from the pipeline config (`thresholds:`).
///
/// Rule (v1): a week with fewer than `minWords` words is `none` (too little speech to
/// judge; `enough_data` is false). Otherwise the severity-weighted score per 10,000 words
/// (`severity_per_10k`: the sum of severities of harmful, non-negated hits, per 10,000
/// words) is compared with the thresholds: ≥ `alert` → alert, ≥ `warning` → warning,
/// ≥ `watch` → watch.
public struct AlertRule: Sendable, Equatable, Codable {
    public var minWords: Int
    public var watch: Double
    public var warning: Double
    public var alert: Double
    /// Weeks in the trailing baseline.
    public var baselineWeeks: Int

    public init(minWords: Int = 300, watch: Double = 10, warning: Double = 25, alert: Double = 50, baselineWeeks: Int = 4) {
        self.minWords = minWords
        self.watch = watch
        self.warning = warning
        self.alert = alert
        self.baselineWeeks = baselineWeeks
    }

    enum CodingKeys: String, CodingKey {
        case minWords = "min_words", watch, warning, alert, baselineWeeks = "baseline_weeks"
    }

    public init(from decoder: any Decoder) throws {
        let d = AlertRule()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minWords = try c.decodeIfPresent(Int.self, forKey: .minWords) ?? d.minWords
        watch = try c.decodeIfPresent(Double.self, forKey: .watch) ?? d.watch
        warning = try c.decodeIfPresent(Double.self, forKey: .warning) ?? d.warning
        alert = try c.decodeIfPresent(Double.self, forKey: .alert) ?? d.alert
        baselineWeeks = try c.decodeIfPresent(Int.self, forKey: .baselineWeeks) ?? d.baselineWeeks
    }

    /// Problems with the thresholds themselves (must rise: watch < warning < alert).
    public var problems: [String] {
        var out: [String] = []
        if !(watch > 0 && watch < warning && warning < alert) { out.append("thresholds must satisfy 0 < watch < warning < alert") }
        if minWords < 0 { out.append("min_words must be ≥ 0") }
        if baselineWeeks < 1 { out.append("baseline_weeks must be ≥ 1") }
        return out
    }

    public func level(words: Int, severityPer10k: Double) -> String {
        guard words >= minWords else { return "none" }
        if severityPer10k >= alert { return "alert" }
        if severityPer10k >= warning { return "warning" }
        if severityPer10k >= watch { return "watch" }
        return "none"
    }
}
