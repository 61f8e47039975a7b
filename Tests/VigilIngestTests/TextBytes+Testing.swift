@testable import VigilIngest

/// Substring entry points to the byte parsers, for tests written against text.
///
/// Why: the parsers take `TextBytes` and offsets; tables of lines read better as strings.
///
/// ```swift
/// CueTiming.parse("00:01.000 --> 00:02.000"[...])   // (1.0, 2.0)
/// ```
enum TextBytesTesting {
    /// Runs `body` on the bytes of `text` and the range covering all of them.
    static func with<R>(_ text: Substring, _ body: (TextBytes, Range<Int>) -> R) -> R {
        Array(text.utf8).withUnsafeBufferPointer { body(TextBytes($0), 0..<$0.count) }
    }

    /// The part of `text` at the byte offsets `range`.
    static func slice(_ text: Substring, _ range: Range<Int>) -> Substring {
        let u = text.utf8
        return text[u.index(u.startIndex, offsetBy: range.lowerBound)..<u.index(u.startIndex, offsetBy: range.upperBound)]
    }
}

extension CueTiming {
    static func parse(_ line: Substring) -> (start: Double, end: Double)? {
        TextBytesTesting.with(line) { parse($0, $1) }
    }
}

extension SpeakerPrefix {
    static func match(_ line: Substring) -> (speaker: String, rest: Substring)? {
        TextBytesTesting.with(line) { match($0, $1) }.map { ($0.speaker, TextBytesTesting.slice(line, $0.rest)) }
    }
}

extension VoiceSpans {
    static func split(_ text: String) -> [(speaker: String?, text: String)] {
        var spans: [(speaker: String?, text: String)] = []
        TextBytesTesting.with(text[...]) { t, range in split(t, range) { spans.append(($0, $1)) } }
        return spans
    }
}

extension Substring {
    /// `trimmedBlanks` of the byte parsers, as a Substring.
    func trimmedBlanks() -> Substring {
        TextBytesTesting.slice(self, TextBytesTesting.with(self) { $0.trimmedBlanks($1) })
    }
}
