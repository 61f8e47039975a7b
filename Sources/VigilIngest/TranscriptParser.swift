import VigilCore

/// Reads a transcript file (WebVTT, SRT, Whisper JSON, Podcasting 2.0 JSON or plain text)
/// into segments.
///
/// Why: transcripts come in five formats and are often sloppy; every format becomes the
/// same `Segment` records, bad cues are skipped and recorded with their line, and only a
/// file that cannot be read as its format at all is rejected.
///
/// Common rules: invalid UTF-8 is repaired (U+FFFD) and noted once as `ingest.invalid_utf8`
/// with the line of the first bad byte; a UTF-8 BOM is stripped; segments without text are
/// left out. Speakers come from WebVTT voice tags (`VoiceSpans`), JSON speaker fields, or
/// the `NAME:` rule (`SpeakerPrefix`) in SRT and plain text.
///
/// Errors: throws only `VigilError` with code `ingest.bad_transcript` (no `WEBVTT` header,
/// SRT without any timing line, JSON that does not parse or has no `segments` array).
///
/// ```swift
/// let format = TranscriptParser.detectFormat(mimeType: ref.type, path: path, data: bytes) ?? .text
/// let parsed = try TranscriptParser.parse(bytes, format: format, file: path)
/// ```
public enum TranscriptParser {
    /// Parses `data` as `format`. `file` labels problems.
    public static func parse(_ data: [UInt8], format: TranscriptFormat, file: String) throws(VigilError) -> ParsedTranscript {
        var result = ParsedTranscript()
        let text = decode(data, file: file, problems: &result.problems)
        switch format {
        case .vtt: try parseWebVTT(text, file: file, into: &result)
        case .srt: try parseSRT(text, file: file, into: &result)
        case .whisperJSON, .podcastJSON: try parseJSON(text, format: format, file: file, into: &result)
        case .text: parseText(text, into: &result)
        }
        return result
    }

    /// Decodes UTF-8, repairing invalid bytes (one problem) and dropping a BOM.
    static func decode(_ data: [UInt8], file: String, problems: inout [VigilError]) -> String {
        var text = String(decoding: data, as: UTF8.self)
        if !text.utf8.elementsEqual(data) {
            var offset = 0
            for (a, b) in zip(text.utf8, data) {
                if a != b { break }
                offset += 1
            }
            let line = 1 + data[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            problems.append(VigilError(
                .ingest, "invalid_utf8", "transcript is not valid UTF-8; bad bytes were replaced with U+FFFD",
                file: file, line: line))
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    static func badTranscript(_ message: String, file: String, line: Int? = nil) -> VigilError {
        VigilError(.ingest, "bad_transcript", message, file: file, line: line)
    }

    static func badCue(_ message: String, file: String, line: Int) -> VigilError {
        VigilError(.ingest, "bad_cue", message, file: file, line: line)
    }

    /// Checks a timing line; records `ingest.bad_cue` and returns nil when it is unusable.
    static func timing(_ line: TextLine, file: String, problems: inout [VigilError]) -> (start: Double, end: Double)? {
        guard let t = CueTiming.parse(line.text) else {
            problems.append(badCue("bad cue timing \"\(line.text.prefix(80))\"; cue skipped", file: file, line: line.number))
            return nil
        }
        guard t.end >= t.start else {
            problems.append(badCue("cue ends before it starts; cue skipped", file: file, line: line.number))
            return nil
        }
        return t
    }
}
