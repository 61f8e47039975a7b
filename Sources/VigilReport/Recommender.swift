import VigilCore
import VigilIO

/// Turns region-week signals into the forum's recommendations.
///
/// For each region-week at `watch` or above:
/// 1. **monitor_and_challenge** — always: monitor media output, challenge hate speech and
///    incitement, support independent and community media.
/// 2. **engage_religious_leaders** — harmful hits target a religious group.
/// 3. **protect_defenders** — dissenters, journalists or defenders are labelled enemies
///    (`enemy_labeling` hits): build local NGO capacity and protect defenders.
/// 4. **diplomatic_pressure** — sustained escalation (`warning` or above and above baseline
///    for at least 3 weeks) or calls to violence at `warning` or above.
/// 5. **incentives** — de-escalation: the harmful rate is at most 0.75× its baseline, or
///    counter-speech is at least 30% of counted speech: reward stepping back.
public enum Recommender {
    static let titles: [Int: (String, String)] = [
        1: ("monitor_and_challenge", "Monitor media output and challenge hate speech and incitement; support independent and community media"),
        2: ("engage_religious_leaders", "Encourage religious leaders to have a moderating influence on their own faith communities"),
        3: ("protect_defenders", "Build the capacity of local NGOs to monitor violations and protect human-rights defenders"),
        4: ("diplomatic_pressure", "Make full use of diplomatic pressure against actions that inflame the conflict"),
        5: ("incentives", "Provide incentives to step back from the brink: reward restraint and counter-speech"),
    ]

    public static func recommend(_ rows: [WeekRow], evidence: EvidenceCollector) -> [Recommendation] {
        var out: [Recommendation] = []
        for row in rows.sorted(by: { ($0.region, $0.week) < ($1.region, $1.week) }) where row.rank >= 1 {
            let week = row.week.description
            func add(_ n: Int, _ trigger: String, _ numbers: [(String, Double)], _ kind: EvidenceCollector.Kind) {
                let (code, title) = titles[n]!
                out.append(Recommendation(
                    region: row.region, isoWeek: week, alertLevel: row.level, number: n, code: code, title: title,
                    trigger: trigger, numbers: numbers, evidence: evidence.top(kind, region: row.region, week: week),
                    entries: evidence.entries(region: row.region, week: week)))
            }
            let f = { (v: Double) in CSVWriter.format((v * 10).rounded() / 10) }
            add(1, "\(row.level) in \(row.region), \(week): \(row.reason)",
                [("severity_per_10k", row.severityPer10k), ("harmful_hits", Double(row.harmfulHits)), ("stations_with_hits", Double(row.stationsWithHits))],
                .harmful)
            let religious = evidence.count(.religious, region: row.region, week: week)
            if religious > 0 {
                add(2, "\(religious) harmful hit(s) target a religious group", [("religious_group_hits", Double(religious))], .religious)
            }
            let enemy = row.hits["enemy_labeling"] ?? 0
            if enemy > 0 {
                add(3, "\(enemy) hit(s) call dissenters, journalists or defenders enemies or traitors", [("hits_enemy_labeling", Double(enemy))], .enemyLabeling)
            }
            let violence = row.hits["violence_call"] ?? 0
            if row.rank >= 2 && (row.persistenceWeeks >= 3 || violence > 0) {
                var why: [String] = []
                if row.persistenceWeeks >= 3 { why.append("above baseline \(row.persistenceWeeks) weeks running") }
                if violence > 0 { why.append("\(violence) call(s) to violence") }
                add(4, "sustained or violent escalation at \(row.level): " + why.joined(separator: "; "),
                    [("persistence_weeks", Double(row.persistenceWeeks)), ("hits_violence_call", Double(violence))], .violence)
            }
            let falling = row.changeRatio.map { $0 <= 0.75 } ?? false
            let share = row.counterSpeechShare ?? 0
            if falling || share >= 0.3 {
                var why: [String] = []
                if let c = row.changeRatio, falling { why.append("harmful rate down to \(f(c))× its baseline") }
                if share >= 0.3 { why.append("counter-speech is \(Int((share * 100).rounded()))% of counted speech") }
                add(5, "de-escalation: " + why.joined(separator: "; "),
                    [("change_ratio", row.changeRatio ?? 0), ("counter_speech_share", share)], .counterSpeech)
            }
        }
        return out
    }
}
