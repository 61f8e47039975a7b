import VigilCore

/// Reads a transcript file (WebVTT, SRT, Whisper JSON, Podcasting 2.0 JSON or plain text)
/// into segments.
///
/// Why: transcripts come in five formats and are often sloppy; every format becomes the
/// same `Segment` records, bad cues are skipped and recorded with their line, and only a
/// file that cannot be read as its format at all is rejected.
///
/// Common rules: invalid UTF-8 is repaired (U+FFFD per maximal invalid subpart) and noted
/// once as `ingest.invalid_utf8` with the number of repairs and the line of the first bad
/// byte; a UTF-8 BOM is stripped, and a UTF-16 BOM makes the file read as UTF-16; segments
/// without text are left out. Files above `maxBytes` are refused (`ingest.too_large`). Speakers come from WebVTT voice tags (`VoiceSpans`), JSON speaker fields, or
/// the `NAME:` rule (`SpeakerPrefix`) in SRT and plain text.
///
/// Errors: throws only `VigilError` with code `ingest.bad_transcript` (no `WEBVTT` header,
/// SRT without any timing line, JSON that does not parse or has no `segments` array) or
/// `ingest.too_large`.
///
/// ```swift
/// let format = TranscriptParser.detectFormat(mimeType: ref.type, path: path, data: bytes) ?? .text
/// let parsed = try TranscriptParser.parse(bytes, format: format, file: path)
/// ```
public enum TranscriptParser {
    /// The largest transcript accepted, in bytes: 50 MiB, about 100 hours of speech as WebVTT.
    public static let maxBytes = 50 * 1_048_576

    /// Parses `data` as `format`. `file` labels problems; `maxBytes` is the size cap.
    public static func parse(
        _ data: [UInt8], format: TranscriptFormat, file: String, maxBytes: Int = TranscriptParser.maxBytes
    ) throws(VigilError) -> ParsedTranscript {
        try parse(data, format: format, file: file, maxBytes: maxBytes, sniffed: nil)
    }

    /// The same, reusing the JSON document `detect` read while sniffing the format when the
    /// decoded text is exactly the bytes it read (valid UTF-8, not UTF-16).
    static func parse(
        _ data: [UInt8], format: TranscriptFormat, file: String, maxBytes: Int, sniffed: TranscriptJSONDocument?
    ) throws(VigilError) -> ParsedTranscript {
        guard data.count <= maxBytes else {
            throw VigilError(.ingest, "too_large", "transcript is \(data.count) bytes, more than the \(maxBytes)-byte limit; not read",
                             file: file)
        }
        var result = ParsedTranscript()
        var exact = false
        var text = decode(data, file: file, problems: &result.problems, exact: &exact)
        switch format {
        case .whisperJSON, .podcastJSON:
            try parseJSON(text, format: format, file: file, into: &result, document: exact ? sniffed : nil)
        case .vtt, .srt, .text:
            // The line formats read the decoded text's bytes in place.
            let outcome = text.withUTF8 { buffer in
                Result { () throws(VigilError) in
                    let t = TextBytes(buffer)
                    switch format {
                    case .vtt: try parseWebVTT(t, file: file, into: &result)
                    case .srt: try parseSRT(t, file: file, into: &result)
                    default: parseText(t, into: &result)
                    }
                }
            }
            try outcome.get()
        }
        return result
    }

    /// Decodes UTF-8, repairing and counting invalid bytes (one problem) and dropping a BOM;
    /// a UTF-16 BOM switches to UTF-16. `exact` is set when the text's UTF-8 is the data's
    /// bytes (without a UTF-8 BOM): valid UTF-8, no repair, not UTF-16.
    static func decode(_ data: [UInt8], file: String, problems: inout [VigilError], exact: inout Bool) -> String {
        if data.count >= 2, (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) {
            let decoded = Transcoder.decodeUTF16(data[2...], bigEndian: data[0] == 0xFE)
            if decoded.replaced > 0 {
                problems.append(VigilError(
                    .ingest, "invalid_utf8", "transcript is not valid UTF-16; \(decoded.replaced) bad code unit(s) replaced with U+FFFD",
                    file: file))
            }
            return String(decoding: decoded.bytes, as: UTF8.self)
        }
        // Valid UTF-8 (nearly every file) is checked once, by the standard library.
        if var valid = String(validating: data, as: UTF8.self) {
            if valid.unicodeScalars.first == "\u{FEFF}" { valid.unicodeScalars.removeFirst() }
            exact = true
            return valid
        }
        var text = String(decoding: data, as: UTF8.self)
        let invalid = Transcoder.scanUTF8(data[...]).invalid
        if invalid > 0 {
            var offset = 0
            for (a, b) in zip(text.utf8, data) {
                if a != b { break }
                offset += 1
            }
            let line = 1 + data[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            problems.append(VigilError(
                .ingest, "invalid_utf8",
                "transcript is not valid UTF-8; \(invalid) bad byte sequence(s) replaced with U+FFFD (first on line \(line))",
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
    static func timing(_ t: TextBytes, _ line: TextLine, file: String, problems: inout [VigilError]) -> (start: Double, end: Double)? {
        guard let times = CueTiming.parse(t, line.range) else {
            problems.append(badCue("bad cue timing \"\(t.string(line.range).prefix(80))\"; cue skipped", file: file, line: line.number))
            return nil
        }
        guard times.end >= times.start else {
            problems.append(badCue("cue ends before it starts; cue skipped", file: file, line: line.number))
            return nil
        }
        return times
    }
}
