/// Splits WebVTT cue text at voice tags (`<v Speaker>`, `<v.loud Speaker>`, `</v>`).
///
/// Why: a cue may hold several speakers; detection evidence needs the speaker of each
/// sentence. Voice tags are removed from the text; all other markup (`<i>`, `<c.x>`,
/// `<00:00:01.000>`) stays for the normalize stage. Each span is trimmed; text outside
/// any span has no speaker; spans holding only whitespace and dialogue dashes are dropped,
/// and a trailing dash line (the next speaker's `-`) is cut. Tag brackets are characters of
/// their own: `<` carrying a combining mark starts no tag.
///
/// ```swift
/// VoiceSpans.split(t, range) { print($0, $1) }   // "- <v Ann>Hi\n- <v Bob>Hello" → Ann Hi, Bob Hello
/// ```
enum VoiceSpans {
    /// Calls `span` with the speaker and text of each span of the cue text `range`, in order.
    static func split(_ t: TextBytes, _ range: Range<Int>, _ span: (_ speaker: String?, _ text: String) -> Void) {
        let end = range.upperBound
        var speaker: String?
        var runStart = range.lowerBound
        var i = range.lowerBound
        while let lt = t.firstLone(0x3C, in: i..<end) {
            if t.hasPrefix("</v>", at: lt, before: end), t.isLoneASCII(at: lt + 3, from: lt, to: end) {
                if let cleaned = clean(t, runStart..<lt) { span(speaker, cleaned) }
                speaker = nil
                i = lt + 4
                runStart = i
            } else if let tag = voiceTag(t, at: lt, before: end) {
                if let cleaned = clean(t, runStart..<lt) { span(speaker, cleaned) }
                speaker = tag.speaker
                i = tag.end
                runStart = i
            } else {
                i = lt + 1
            }
        }
        if let cleaned = clean(t, runStart..<end) { span(speaker, cleaned) }
    }

    /// A `<v…>` tag at `lt`: the speaker (nil when unnamed) and the offset after `>`.
    private static func voiceTag(_ t: TextBytes, at lt: Int, before end: Int) -> (speaker: String?, end: Int)? {
        let afterV = lt + 2
        guard afterV < end, t[lt + 1] == 0x76 else { return nil }
        let b = t[afterV]
        guard b == 0x09 || ((b == 0x20 || b == 0x2E || b == 0x3E) && t.isLoneASCII(at: afterV, from: lt, to: end)),
              let close = t.firstLone(0x3E, in: afterV..<end) else { return nil }
        // The annotation starts at the first space or tab (after `<v` or its classes).
        var blank = afterV
        while blank < close, !(t[blank] == 0x09 || (t[blank] == 0x20 && t.isLoneASCII(at: blank, from: afterV, to: close))) {
            blank += 1
        }
        let annotation = t.trimmedWhitespace(blank..<close)
        return (annotation.isEmpty ? nil : t.string(annotation), close + 1)
    }

    private static func clean(_ t: TextBytes, _ run: Range<Int>) -> String? {
        var text = t.trimmedWhitespace(run)
        while !text.isEmpty, let dash = trailingDash(t, text) {
            guard dash == text.lowerBound || t.whitespaceCharacterStart(endingAt: dash, after: text.lowerBound) != nil else { break }
            text = t.trimmedWhitespace(text.lowerBound..<dash)
        }
        return text.isEmpty ? nil : t.string(text)
    }

    /// Where `text` ends in a dash (`-`, `–` or `—`), or nil. A dash glued to a Prepend scalar
    /// is no character of its own, but then no whitespace precedes it either, so `clean`
    /// stops there all the same.
    private static func trailingDash(_ t: TextBytes, _ text: Range<Int>) -> Int? {
        let end = text.upperBound
        if t[end - 1] == 0x2D { return end - 1 }
        guard end - text.lowerBound >= 3, t[end - 3] == 0xE2, t[end - 2] == 0x80, t[end - 1] == 0x93 || t[end - 1] == 0x94 else {
            return nil
        }
        return end - 3
    }
}
