/// One element of a JSON transcript's `segments` array, read leniently.
///
/// Why: one bad segment must not lose the file, so decoding never throws: a field of the
/// wrong type reads as nil and the parser records a problem. Numbers must be JSON numbers
/// (`"1.5"` as a string is not accepted). Holds both the Whisper keys (`start`, `end`,
/// `text`) and the Podcasting 2.0 keys (`startTime`, `endTime`, `body`).
///
/// ```swift
/// let s = try JSONDecoder().decode(TranscriptJSONSegment.self, from: Data(#"{"start":1,"end":2,"text":"hi"}"#.utf8))
/// s.start   // 1.0
/// ```
struct TranscriptJSONSegment: Decodable {
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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, start, end, text, startTime, endTime, body, speaker, words
        case avgLogprob = "avg_logprob", noSpeechProb = "no_speech_prob", compressionRatio = "compression_ratio"
    }

    struct Word: Decodable { var probability: Double? }

    init(from decoder: any Decoder) {
        guard let c = try? decoder.container(keyedBy: CodingKeys.self) else {
            isObject = false
            return
        }
        keys = Set(c.allKeys.map(\.rawValue))
        id = try? c.decodeIfPresent(Int.self, forKey: .id)
        start = try? c.decodeIfPresent(Double.self, forKey: .start)
        end = try? c.decodeIfPresent(Double.self, forKey: .end)
        text = try? c.decodeIfPresent(String.self, forKey: .text)
        startTime = try? c.decodeIfPresent(Double.self, forKey: .startTime)
        endTime = try? c.decodeIfPresent(Double.self, forKey: .endTime)
        body = try? c.decodeIfPresent(String.self, forKey: .body)
        speaker = try? c.decodeIfPresent(String.self, forKey: .speaker)
        avgLogprob = try? c.decodeIfPresent(Double.self, forKey: .avgLogprob)
        noSpeechProb = try? c.decodeIfPresent(Double.self, forKey: .noSpeechProb)
        compressionRatio = try? c.decodeIfPresent(Double.self, forKey: .compressionRatio)
        minWordProbability = ((try? c.decodeIfPresent([Word].self, forKey: .words)) ?? nil)?.compactMap(\.probability).min()
    }
}
