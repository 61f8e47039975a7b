import VigilCore
import VigilIO

/// Reviewers' verdicts on hits, applied by every later run: a false positive stops
/// counting, a hit reviewed as counter-speech moves there, a confirmed hit counts as
/// harmful whatever the detector thought of its context.
///
/// The reviews file is CSV: `hit_id` (stable across reruns), or `episode_id, term, start`
/// when no id was kept; `verdict` (`confirmed`, `false_positive`, `counter_speech`);
/// `reviewer` and `note` optional.
public struct ReviewBook: Sendable {
    public struct Review: Sendable, Equatable {
        public var verdict: String
        public var reviewer: String?
        public var note: String?
        public var line: Int
    }

    public static let verdicts = ["confirmed", "false_positive", "counter_speech"]
    public static let empty = ReviewBook()

    private var byID: [String: Review] = [:]
    private var byPlace: [String: Review] = [:]
    /// Every review, by line, to report the ones that matched nothing.
    public private(set) var all: [Review] = []
    public let file: String?

    init() { file = nil }

    /// Parses a reviews file; every bad row is an error.
    public init(csv bytes: [UInt8], file: String) throws(CompiledLexicon.CompileErrors) {
        self.file = file
        let csv = CSVReader(bytes: bytes)
        let cols = csv.columns
        var errors: [VigilError] = []
        if cols["verdict"] == nil || (cols["hit_id"] == nil && (cols["episode_id"] == nil || cols["term"] == nil)) {
            throw .init(errors: [VigilError(.config, "reviews_missing_column", "a reviews file needs verdict and hit_id (or episode_id, term, start)", file: file, line: 1)])
        }
        for (line, fields) in csv.rows {
            let f = CSVRecord(columns: cols, fields: fields)
            guard let verdict = f["verdict"]?.lowercased(), Self.verdicts.contains(verdict) else {
                errors.append(VigilError(.config, "reviews_bad_verdict", "verdict must be confirmed, false_positive or counter_speech (got '\(f["verdict"] ?? "")')", file: file, line: line))
                continue
            }
            let review = Review(verdict: verdict, reviewer: f["reviewer"], note: f["note"], line: line)
            if let id = f["hit_id"] {
                byID[id] = review
            } else if let episode = f["episode_id"], let term = f["term"] {
                byPlace[Self.place(episode, term, f["start"].flatMap(Double.init))] = review
            } else {
                errors.append(VigilError(.config, "reviews_bad_row", "give hit_id, or episode_id and term (and start)", file: file, line: line))
                continue
            }
            all.append(review)
        }
        if !errors.isEmpty { throw .init(errors: errors) }
    }

    static func place(_ episode: String, _ term: String, _ start: Double?) -> String {
        "\(episode)|\(term)|\(start.map { String(Int(($0 * 10).rounded())) } ?? "-")"
    }

    public var isEmpty: Bool { all.isEmpty }

    /// The review of a hit, if any.
    public func review(for hit: Hit) -> Review? {
        byID[hit.hitID] ?? byPlace[Self.place(hit.episodeID, hit.term, hit.start)]
    }
}
