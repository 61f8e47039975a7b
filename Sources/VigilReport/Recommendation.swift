/// One monitoring recommendation for a region-week, after the five of the atrocity-
/// prevention forum (DESIGN.md, `shared/context/forum-notes.txt`), with the trigger that
/// fired in plain words, the numbers behind it and the top evidence.
public struct Recommendation: Sendable, Equatable {
    public var region: String
    public var isoWeek: String
    public var alertLevel: String
    /// 1–5, the forum's numbering.
    public var number: Int
    public var code: String
    public var title: String
    public var trigger: String
    public var numbers: [(String, Double)]
    public var evidence: [Evidence]
    /// The lexicon entries behind the region-week's harmful hits (audit trail).
    public var entries: [(entry: EvidenceCollector.EntryRef, hits: Int)] = []

    public static func == (a: Recommendation, b: Recommendation) -> Bool {
        a.region == b.region && a.isoWeek == b.isoWeek && a.number == b.number && a.trigger == b.trigger
            && a.evidence == b.evidence && a.numbers.map(\.0) == b.numbers.map(\.0) && a.numbers.map(\.1) == b.numbers.map(\.1)
    }
}
