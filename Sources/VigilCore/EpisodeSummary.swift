/// Per-episode counts: a row of `detect/episodes.csv`, the input of aggregate.
public struct EpisodeSummary: Sendable, Equatable {
    public var episodeID: String
    public var stationID: String
    public var region: String
    public var isoWeek: String
    public var published: String
    public var airtimeSeconds: Double?
    public var words: Int
    /// Every hit record of the episode.
    public var hitsTotal: Int
    /// Hits per lexicon category, neither negated nor reported.
    public var hits: [String: Int]
    /// Hits marked negated (any category).
    public var negated: Int
    /// Hits marked reported (quoted or reported speech).
    public var reported: Int
    /// Hits a reviewer has judged (any verdict), and those judged false positives.
    public var reviewed: Int
    public var falsePositives: Int
    /// Counter-speech entries plus negated hits.
    public var counterSpeech: Int
    /// Sum of severities of harmful (non-negated, not offensive, not counter-speech) hits.
    public var severityScore: Double
    /// Counted hits in segments speech-to-text was unsure of.
    public var lowConfidence: Int = 0

    public init(
        episodeID: String, stationID: String, region: String, isoWeek: String, published: String,
        airtimeSeconds: Double?, words: Int, hitsTotal: Int = 0, hits: [String: Int] = [:],
        negated: Int = 0, reported: Int = 0, counterSpeech: Int = 0, severityScore: Double = 0,
        reviewed: Int = 0, falsePositives: Int = 0, lowConfidence: Int = 0
    ) {
        self.lowConfidence = lowConfidence
        self.episodeID = episodeID
        self.stationID = stationID
        self.region = region
        self.isoWeek = isoWeek
        self.published = published
        self.airtimeSeconds = airtimeSeconds
        self.words = words
        self.hitsTotal = hitsTotal
        self.hits = hits
        self.negated = negated
        self.reported = reported
        self.reviewed = reviewed
        self.falsePositives = falsePositives
        self.counterSpeech = counterSpeech
        self.severityScore = severityScore
    }

    /// Harmful hits: counted hits outside `offensive` and `counter_speech`.
    public var harmfulHits: Int {
        hits.reduce(0) { $0 + (Category.isHarmful($1.key) ? $1.value : 0) }
    }

    /// Adds one hit to the counts. A false positive only counts as reviewed and false; a
    /// low-confidence harmful hit weighs `lowConfidenceWeight` × its severity.
    public mutating func count(_ hit: Hit, lowConfidenceWeight: Double = 0.5) {
        if hit.review != nil { reviewed += 1 }
        if hit.isFalsePositive {
            falsePositives += 1
            return
        }
        hitsTotal += 1
        if hit.lowConfidence { lowConfidence += 1 }
        if hit.isHarmful {
            hits[hit.category, default: 0] += 1
            severityScore += Double(hit.severity) * (hit.lowConfidence && hit.review == nil ? lowConfidenceWeight : 1)
        } else if hit.review == nil && hit.negated {
            negated += 1
        } else if hit.review == nil && hit.reported {
            reported += 1
        } else if !Category.isHarmful(hit.category) {
            hits[hit.category, default: 0] += 1
        }
        if hit.isCounterSpeech { counterSpeech += 1 }
    }
}
