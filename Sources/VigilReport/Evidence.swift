import VigilCore

/// A hit as shown to a monitor beside a recommendation.
public struct Evidence: Sendable, Equatable {
    public var hitID: String
    public var stationID: String
    public var episodeID: String
    public var published: String
    public var start: Double?
    public var speaker: String?
    public var speakerRole: String?
    public var category: String
    public var term: String
    public var severity: Int
    public var snippet: String
    public var imminence: [String]
    public var counterSpeech: Bool
    public var lowConfidence: Bool
    /// Link to the moment in the audio, if the episode has an enclosure and the hit a time.
    public var audioURL: String?

    public init(_ hit: Hit) {
        hitID = hit.hitID
        stationID = hit.stationID
        episodeID = hit.episodeID
        published = hit.published
        start = hit.start
        speaker = hit.speaker
        speakerRole = hit.speakerRole
        category = hit.category
        term = hit.term
        severity = hit.severity
        snippet = hit.snippet
        imminence = hit.imminence
        counterSpeech = hit.isCounterSpeech
        lowConfidence = hit.lowConfidence
        audioURL = hit.audioURL
    }

    /// `h:mm:ss` of the start, or empty.
    public var time: String {
        guard let start else { return "" }
        let s = Int(start)
        return "\(s / 3600):\(s % 3600 / 60 < 10 ? "0" : "")\(s % 3600 / 60):\(s % 60 < 10 ? "0" : "")\(s % 60)"
    }

    /// One line: `station, time, speaker (role): “snippet”`.
    public var line: String {
        var who = speaker ?? "unknown speaker"
        if let role = speakerRole, role.lowercased() != who.lowercased() { who += " (\(role))" }
        let when = time.isEmpty ? "" : " at \(time)"
        return "\(stationID)\(when), \(who): “\(snippet)”"
    }
}

/// Keeps, per region-week and kind of evidence, the strongest few hits: bounded memory
/// whatever the number of hits. Strongest: severity, then imminence cues, then text order.
public struct EvidenceCollector: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case harmful, religious, enemyLabeling, violence, counterSpeech
        /// Harmful hits speech-to-text was unsure of: listed apart, never the top evidence.
        case lowConfidence
    }

    struct Key: Hashable { var region: String; var week: String; var kind: Kind }

    public let keep: Int
    private var top: [Key: [(order: Int, evidence: Evidence)]] = [:]
    private var totals: [Key: Int] = [:]
    private var seen = 0
    /// Harmful hits per region and term / category, for the report's "top terms".
    public private(set) var terms: [String: [String: Int]] = [:]
    public private(set) var categories: [String: [String: Int]] = [:]
    /// Harmful hits per region-week and lexicon entry (`file:line`), for the audit trail.
    private var entries: [String: [String: (entry: EntryRef, hits: Int)]] = [:]

    /// A lexicon entry as named in the audit trail.
    public struct EntryRef: Sendable, Equatable {
        public var lexicon: String
        public var line: Int
        public var term: String
        public var category: String
    }

    public init(keep: Int = 3) { self.keep = keep }

    public mutating func add(_ hit: Hit) {
        seen += 1
        var kinds: [Kind] = []
        if hit.isHarmful && hit.lowConfidence && hit.review == nil {
            kinds.append(.lowConfidence)
        } else if hit.isHarmful {
            kinds.append(.harmful)
            if hit.groupKind == "religious" { kinds.append(.religious) }
            if hit.category == "enemy_labeling" { kinds.append(.enemyLabeling) }
            if hit.category == "violence_call" { kinds.append(.violence) }
            terms[hit.region, default: [:]][hit.term, default: 0] += 1
            let ref = EntryRef(lexicon: hit.lexicon, line: hit.lexiconLine, term: hit.term, category: hit.category)
            entries["\(hit.region)|\(hit.isoWeek)", default: [:]]["\(hit.lexicon):\(hit.lexiconLine)", default: (ref, 0)].hits += 1
            categories[hit.region, default: [:]][hit.category, default: 0] += 1
        }
        if hit.isCounterSpeech { kinds.append(.counterSpeech) }
        let evidence = Evidence(hit)
        for kind in kinds {
            let key = Key(region: hit.region, week: hit.isoWeek, kind: kind)
            totals[key, default: 0] += 1
            var list = top[key, default: []]
            list.append((seen, evidence))
            list.sort { Self.stronger($0, $1) }
            if list.count > keep { list.removeLast() }
            top[key] = list
        }
    }

    static func stronger(_ a: (order: Int, evidence: Evidence), _ b: (order: Int, evidence: Evidence)) -> Bool {
        if a.evidence.severity != b.evidence.severity { return a.evidence.severity > b.evidence.severity }
        if a.evidence.imminence.isEmpty != b.evidence.imminence.isEmpty { return !a.evidence.imminence.isEmpty }
        return a.order < b.order
    }

    public func top(_ kind: Kind, region: String, week: String) -> [Evidence] {
        top[Key(region: region, week: week, kind: kind)]?.map(\.evidence) ?? []
    }

    /// The lexicon entries behind a region-week's harmful hits, most hits first.
    public func entries(region: String, week: String) -> [(entry: EntryRef, hits: Int)] {
        (entries["\(region)|\(week)"] ?? [:]).values.sorted {
            ($1.hits, $0.entry.lexicon, $0.entry.line) < ($0.hits, $1.entry.lexicon, $1.entry.line)
        }
    }

    /// All hits of that kind in the region-week (not only the kept ones).
    public func count(_ kind: Kind, region: String, week: String) -> Int { totals[Key(region: region, week: week, kind: kind)] ?? 0 }
}
