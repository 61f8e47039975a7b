import VigilCore

/// The top level of a Whisper or Podcasting 2.0 JSON transcript, read leniently.
///
/// Why: the two formats share the `segments` key; reading both with one type lets the
/// parser and the format sniffer share the work. Decoding throws only when the top level
/// is not a JSON object; a `segments` value that is not an array reads as nil.
///
/// ```swift
/// let doc = try JSONDecoder().decode(TranscriptJSONDocument.self, from: data)
/// doc.segments?.count
/// ```
struct TranscriptJSONDocument: Decodable {
    var segments: [TranscriptJSONSegment]?
    var language: String?
    var version: String?
    var hasText = false

    enum CodingKeys: String, CodingKey {
        case segments, language, version, text
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        segments = try? c.decodeIfPresent([TranscriptJSONSegment].self, forKey: .segments)
        language = try? c.decodeIfPresent(String.self, forKey: .language)
        version = try? c.decodeIfPresent(String.self, forKey: .version)
        hasText = c.contains(.text)
    }

    /// The format the segments' keys point to, or nil when they point to neither.
    var format: TranscriptFormat? {
        guard let segments else { return nil }
        if let first = segments.first(where: \.isObject) {
            if first.keys.contains("startTime") || first.keys.contains("body") { return .podcastJSON }
            if first.keys.contains("start") || first.keys.contains("text") { return .whisperJSON }
            return nil
        }
        return version != nil ? .podcastJSON : (hasText ? .whisperJSON : nil)
    }
}
