/// One lexicon match in a transcript: a record of `detect/hits.jsonl`.
public struct Hit: Codable, Sendable, Equatable {
    /// `episode_id@segment.token`: stable across reruns of the same inputs.
    public var hitID: String
    public var episodeID: String
    public var stationID: String
    public var region: String
    /// ISO week of publication in the station's time zone.
    public var isoWeek: String
    public var published: String
    public var category: String
    /// The lexicon term as written (with `*` and `{group}`).
    public var term: String
    /// The normalized tokens that matched.
    public var matched: String
    /// The group a `{group}` slot matched, if any.
    public var group: String?
    /// That group's kind (ethnic, religious, national, migrant, …), if any.
    public var groupKind: String?
    public var severity: Int
    /// Start time (seconds) of the segment where the match begins, nil for untimed text.
    public var start: Double?
    /// End time of the segment where the match ends.
    public var end: Double?
    public var speaker: String?
    /// Original text around the match, markup removed.
    public var snippet: String
    /// Preceded by negation or condemnation: counted as counter-speech.
    public var negated: Bool
    /// Preceded by reporting or quoting ("he said …"): shown, not counted as harmful.
    public var reported: Bool
    /// Role of the speaker (host, caller, guest, or a role from the registry), if known.
    public var speakerRole: String?
    /// The station's estimated audience (registry), if known.
    public var audience: Int?
    /// Imminence cues near a call to violence ("tonight", "before the vote").
    public var imminence: [String]
    /// A reviewer's verdict from the reviews file: `confirmed`, `false_positive` or
    /// `counter_speech`; nil when unreviewed.
    public var review: String?
    public var reviewer: String?
    /// The match lies in a segment speech-to-text was unsure of (weighted down; see ASRRule).
    public var lowConfidence: Bool = false
    /// The moment in the audio: the enclosure URL with a Media Fragments `#t=START,END`.
    public var audioURL: String?
    /// Index of the segment where the match begins, and of its first token there.
    public var segment: Int
    public var token: Int
    /// Lexicon file (basename) and line of the entry.
    public var lexicon: String
    public var lexiconLine: Int

    public init(
        hitID: String, episodeID: String, stationID: String, region: String, isoWeek: String,
        published: String, category: String, term: String, matched: String, group: String?,
        groupKind: String? = nil, severity: Int, start: Double?, end: Double?, speaker: String?, snippet: String,
        negated: Bool, reported: Bool = false, speakerRole: String? = nil, audience: Int? = nil,
        imminence: [String] = [], review: String? = nil, reviewer: String? = nil, segment: Int, token: Int, lexicon: String, lexiconLine: Int
    ) {
        self.hitID = hitID
        self.episodeID = episodeID
        self.stationID = stationID
        self.region = region
        self.isoWeek = isoWeek
        self.published = published
        self.category = category
        self.term = term
        self.matched = matched
        self.group = group
        self.groupKind = groupKind
        self.severity = severity
        self.start = start
        self.end = end
        self.speaker = speaker
        self.snippet = snippet
        self.negated = negated
        self.reported = reported
        self.speakerRole = speakerRole
        self.audience = audience
        self.imminence = imminence
        self.review = review
        self.reviewer = reviewer
        self.segment = segment
        self.token = token
        self.lexicon = lexicon
        self.lexiconLine = lexiconLine
    }

    enum CodingKeys: String, CodingKey {
        case hitID = "hit_id", episodeID = "episode_id", stationID = "station_id", region
        case isoWeek = "iso_week", published, category, term, matched, group, groupKind = "group_kind", severity, start, end
        case speaker, snippet, negated, reported, speakerRole = "speaker_role", audience, imminence, review, reviewer
        case lowConfidence = "low_confidence", audioURL = "audio_url"
        case segment, token, lexicon, lexiconLine = "lexicon_line"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hitID = try c.decode(String.self, forKey: .hitID)
        episodeID = try c.decode(String.self, forKey: .episodeID)
        stationID = try c.decode(String.self, forKey: .stationID)
        region = try c.decode(String.self, forKey: .region)
        isoWeek = try c.decode(String.self, forKey: .isoWeek)
        published = try c.decode(String.self, forKey: .published)
        category = try c.decode(String.self, forKey: .category)
        term = try c.decode(String.self, forKey: .term)
        matched = try c.decode(String.self, forKey: .matched)
        group = try c.decodeIfPresent(String.self, forKey: .group)
        groupKind = try c.decodeIfPresent(String.self, forKey: .groupKind)
        severity = try c.decode(Int.self, forKey: .severity)
        start = try c.decodeIfPresent(Double.self, forKey: .start)
        end = try c.decodeIfPresent(Double.self, forKey: .end)
        speaker = try c.decodeIfPresent(String.self, forKey: .speaker)
        snippet = try c.decode(String.self, forKey: .snippet)
        negated = try c.decode(Bool.self, forKey: .negated)
        reported = try c.decodeIfPresent(Bool.self, forKey: .reported) ?? false
        speakerRole = try c.decodeIfPresent(String.self, forKey: .speakerRole)
        audience = try c.decodeIfPresent(Int.self, forKey: .audience)
        imminence = try c.decodeIfPresent([String].self, forKey: .imminence) ?? []
        review = try c.decodeIfPresent(String.self, forKey: .review)
        reviewer = try c.decodeIfPresent(String.self, forKey: .reviewer)
        lowConfidence = try c.decodeIfPresent(Bool.self, forKey: .lowConfidence) ?? false
        audioURL = try c.decodeIfPresent(String.self, forKey: .audioURL)
        segment = try c.decode(Int.self, forKey: .segment)
        token = try c.decode(Int.self, forKey: .token)
        lexicon = try c.decode(String.self, forKey: .lexicon)
        lexiconLine = try c.decode(Int.self, forKey: .lexiconLine)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hitID, forKey: .hitID)
        try c.encode(episodeID, forKey: .episodeID)
        try c.encode(stationID, forKey: .stationID)
        try c.encode(region, forKey: .region)
        try c.encode(isoWeek, forKey: .isoWeek)
        try c.encode(published, forKey: .published)
        try c.encode(category, forKey: .category)
        try c.encode(term, forKey: .term)
        try c.encode(matched, forKey: .matched)
        try c.encode(group, forKey: .group)
        try c.encode(groupKind, forKey: .groupKind)
        try c.encode(severity, forKey: .severity)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(negated, forKey: .negated)
        try c.encode(reported, forKey: .reported)
        try c.encode(speakerRole, forKey: .speakerRole)
        try c.encode(audience, forKey: .audience)
        try c.encode(imminence, forKey: .imminence)
        try c.encode(review, forKey: .review)
        try c.encode(reviewer, forKey: .reviewer)
        try c.encode(lowConfidence, forKey: .lowConfidence)
        try c.encode(audioURL, forKey: .audioURL)
        try c.encode(segment, forKey: .segment)
        try c.encode(token, forKey: .token)
        try c.encode(lexicon, forKey: .lexicon)
        try c.encode(lexiconLine, forKey: .lexiconLine)
    }

    /// Counts towards alerts: a harmful category, neither negated nor reported — unless a
    /// reviewer confirmed it (a review overrides the detector's context).
    public var isHarmful: Bool {
        switch review {
        case "confirmed": return Category.isHarmful(category)
        case "false_positive", "counter_speech": return false
        default: return !negated && !reported && Category.isHarmful(category)
        }
    }
    /// Counts as counter-speech: a counter-speech entry, a negated use, or reviewed as such.
    public var isCounterSpeech: Bool {
        switch review {
        case "counter_speech": return true
        case "false_positive": return false
        case "confirmed": return category == Category.counterSpeech
        default: return negated || category == Category.counterSpeech
        }
    }
    /// A reviewer marked it a false positive: it stops counting.
    public var isFalsePositive: Bool { review == "false_positive" }
}
