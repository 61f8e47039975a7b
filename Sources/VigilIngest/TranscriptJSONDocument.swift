import VigilCore
import VigilIO

/// The top level of a Whisper or Podcasting 2.0 JSON transcript, read leniently.
///
/// Why: the two formats share the `segments` key; reading both with one type lets the
/// parser and the format sniffer share the work. Reading fails only when the bytes are not
/// JSON or the top level is not an object; a `segments` value that is not an array reads as
/// nil. Parsed with `FastJSON` (strict, depth-limited), several times faster than
/// `JSONDecoder`, which took a third of ingest.
///
/// ```swift
/// let doc = try TranscriptJSONDocument(json: bytes)
/// doc.segments?.count
/// ```
struct TranscriptJSONDocument {
    var segments: [TranscriptJSONSegment]?
    var language: String?
    var version: String?
    var hasText = false

    /// Why the bytes could not be read as a JSON transcript.
    struct Unreadable: Error {
        var message: String
    }

    init(json bytes: [UInt8]) throws(Unreadable) {
        let root: FastJSON
        do { root = try FastJSON.parse(bytes) } catch {
            throw Unreadable(message: "\(error.message) at byte \(error.offset)")
        }
        guard case .object(let members) = root else { throw Unreadable(message: "the top level is not an object") }
        func last(_ key: String) -> FastJSON? { members.last { $0.key == key }?.value }
        segments = last("segments")?.array.map { $0.map(TranscriptJSONSegment.init) }
        language = last("language")?.string
        version = last("version")?.string
        hasText = members.contains { $0.key == "text" }
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
