/// Splits WebVTT cue text at voice tags (`<v Speaker>`, `<v.loud Speaker>`, `</v>`).
///
/// Why: a cue may hold several speakers; detection evidence needs the speaker of each
/// sentence. Voice tags are removed from the text; all other markup (`<i>`, `<c.x>`,
/// `<00:00:01.000>`) stays for the normalize stage. Each span is trimmed; text outside
/// any span has no speaker; spans holding only whitespace and dialogue dashes are dropped,
/// and a trailing dash line (the next speaker's `-`) is cut.
///
/// ```swift
/// VoiceSpans.split("- <v Ann>Hi\n- <v Bob>Hello")   // [("Ann", "Hi"), ("Bob", "Hello")]
/// ```
enum VoiceSpans {
    static func split(_ text: String) -> [(speaker: String?, text: String)] {
        var spans: [(speaker: String?, text: String)] = []
        var speaker: String?
        var runStart = text.startIndex
        var i = text.startIndex
        func flush(upTo end: String.Index) {
            if let cleaned = clean(text[runStart..<end]) { spans.append((speaker, cleaned)) }
        }
        while let lt = text[i...].firstIndex(of: "<") {
            let rest = text[lt...]
            if rest.hasPrefix("</v>") {
                flush(upTo: lt)
                speaker = nil
                i = text.index(lt, offsetBy: 4)
                runStart = i
            } else if let tag = voiceTag(rest) {
                flush(upTo: lt)
                speaker = tag.speaker
                i = tag.end
                runStart = i
            } else {
                i = text.index(after: lt)
            }
        }
        flush(upTo: text.endIndex)
        return spans
    }

    /// A `<v…>` tag at the start of `s`: the speaker (nil when unnamed) and the index after `>`.
    private static func voiceTag(_ s: Substring) -> (speaker: String?, end: String.Index)? {
        guard s.hasPrefix("<v") else { return nil }
        let afterV = s.index(s.startIndex, offsetBy: 2)
        guard afterV < s.endIndex, [" ", "\t", ".", ">"].contains(s[afterV]),
              let close = s[afterV...].firstIndex(of: ">") else { return nil }
        let annotation = s[afterV..<close].drop { $0 != " " && $0 != "\t" }.trimmedWhitespace()
        return (annotation.isEmpty ? nil : String(annotation), s.index(after: close))
    }

    private static func clean(_ run: Substring) -> String? {
        var text = run.trimmedWhitespace()
        while let last = text.last, last == "-" || last == "\u{2013}" || last == "\u{2014}" {
            let before = text.dropLast()
            guard before.isEmpty || before.last!.isWhitespace else { break }
            text = before.trimmedWhitespace()
        }
        return text.isEmpty ? nil : String(text)
    }
}
