import VigilIO

/// One element of a JSON transcript's `segments` array, read leniently.
///
/// Why: one bad segment must not lose the file, so reading never fails: a field of the
/// wrong type reads as nil and the parser records a problem. Numbers must be JSON numbers
/// (`"1.5"` as a string is not accepted). Holds both the Whisper keys (`start`, `end`,
/// `text`) and the Podcasting 2.0 keys (`startTime`, `endTime`, `body`).
///
/// ```swift
/// let s = TranscriptJSONSegment(try FastJSON.parse(Array(#"{"start":1,"end":2,"text":"hi"}"#.utf8)))
/// s.start   // 1.0
/// ```
struct TranscriptJSONSegment {
    var isObject = true
    var id: Int?
    var start: Double?
    var end: Double?
    var text: String?
    var startTime: Double?
    var endTime: Double?
    var body: String?
    var speaker: String?
    var avgLogprob: Double?
    var noSpeechProb: Double?
    var compressionRatio: Double?
    var minWordProbability: Double?
    /// Which keys were present (for format sniffing and messages).
    var keys: Set<String> = []

    init(_ value: FastJSON) {
        guard case .object(let members) = value else {
            isObject = false
            return
        }
        // The last of duplicate keys wins.
        for m in members {
            keys.insert(m.key)
            let v = m.value
            switch m.key {
            case "id": id = v.int
            case "start": start = v.double
            case "end": end = v.double
            case "text": text = v.string
            case "startTime": startTime = v.double
            case "endTime": endTime = v.double
            case "body": body = v.string
            case "speaker": speaker = v.string
            case "avg_logprob": avgLogprob = v.double
            case "no_speech_prob": noSpeechProb = v.double
            case "compression_ratio": compressionRatio = v.double
            case "words": minWordProbability = Self.minProbability(v)
            default: break
            }
        }
    }

    /// The lowest `probability` of Whisper's `words`; nil when `words` is not an array of
    /// objects whose `probability` is a number or absent.
    static func minProbability(_ words: FastJSON) -> Double? {
        guard let list = words.array else { return nil }
        var lowest: Double?
        for w in list {
            guard case .object(let fields) = w else { return nil }
            guard let p = fields.last(where: { $0.key == "probability" })?.value else { continue }
            if p.isNull { continue }
            guard let d = p.double else { return nil }
            lowest = min(lowest ?? d, d)
        }
        return lowest
    }
}
