/// The `NAME:` speaker rule for SRT cues and plain-text paragraphs.
///
/// Why: SRT and plain text have no speaker field; transcribers write `HOST: …` instead.
/// The rule: after optional leading spaces and an optional dialogue dash (`-` or `–` and a
/// space), one to three words separated by single spaces, then `:` and a space or the end
/// of the line. The first word starts with an uppercase letter; later words start with an
/// uppercase letter or a digit; words hold letters, marks, digits and `.` `'` `’` `-` `_`.
/// The name is at most 40 characters. The prefix (and dash) is removed from the text.
/// Matches: `HOST:`, `Caller 2:`, `Dr. Amina Yusuf:`, `SPEAKER_00:`. Not: `10:30`,
/// `http://…`, `the host said:`, `Four Long Word Name:`. A known limit: a sentence
/// starting with one capitalised word and a colon (`Warning: …`) is taken as a speaker.
///
/// ```swift
/// SpeakerPrefix.match(t, line)   // "Caller 2: we are tired" → ("Caller 2", range of "we are tired")
/// ```
enum SpeakerPrefix {
    /// The speaker and the rest of the line, or nil when `line` of `t` has no `NAME:` prefix.
    static func match(_ t: TextBytes, _ line: Range<Int>) -> (speaker: String, rest: Range<Int>)? {
        let end = line.upperBound
        var i = line.lowerBound
        while i < end, t[i] == 0x20 || t[i] == 0x09 { i += 1 }
        if i < end, t[i] == 0x2D || t.hasPrefix("\u{2013}", at: i, before: end) {
            var j = i + (t[i] == 0x2D ? 1 : 3)
            guard j < end, t[j] == 0x20 else { return nil }
            while j < end, t[j] == 0x20 { j += 1 }
            i = j
        }
        let nameStart = i
        var words = 0
        while true {
            guard i < end else { return nil }
            let (v, n) = t.scalar(at: i)
            guard startsWord(v, first: words == 0) else { return nil }
            words += 1
            i += n
            while i < end {
                let (w, m) = t.scalar(at: i)
                guard isWordScalar(w) else { break }
                i += m
            }
            if i < end, t[i] == 0x3A { break }
            guard words < 3, i < end, t[i] == 0x20 else { return nil }
            i += 1
        }
        let nameEnd = i
        let after = i + 1
        guard after == end || TextBytes.isWhitespace(t.scalar(at: after).value) else { return nil }
        let speaker = t.string(nameStart..<nameEnd)
        // Characters never outnumber bytes, so only a long name needs counting.
        guard nameEnd - nameStart <= 40 || speaker.count <= 40 else { return nil }
        return (speaker, t.trimmedWhitespace(after..<end))
    }

    /// Splits lines into speaker runs: each line with a prefix starts a run, other lines
    /// continue the current one (the first run has no speaker). Calls `run` with the speaker
    /// and the run's lines joined with `\n` and trimmed; runs without text are dropped.
    /// `scratch` holds the joined bytes of runs of more than one line.
    static func runs(
        _ t: TextBytes, _ lines: [Range<Int>], scratch: inout [UInt8], _ run: (_ speaker: String?, _ text: String) -> Void
    ) {
        var started = false
        var speaker: String?
        var first = 0..<0
        var count = 0
        func flush() {
            if count == 1 {
                let text = t.trimmedWhitespace(first)
                if !text.isEmpty { run(speaker, t.string(text)) }
            } else if count > 1 {
                scratch.withUnsafeBufferPointer { buffer in
                    let joined = TextBytes(buffer)
                    let text = joined.trimmedWhitespace(0..<buffer.count)
                    if !text.isEmpty { run(speaker, joined.string(text)) }
                }
            }
        }
        func append(_ line: Range<Int>) {
            if count == 0 {
                first = line
            } else {
                if count == 1 {
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: t.bytes[first])
                }
                scratch.append(0x0A)
                scratch.append(contentsOf: t.bytes[line])
            }
            count += 1
        }
        for line in lines {
            if let m = match(t, line) {
                if started { flush() }
                started = true
                speaker = m.speaker
                count = 0
                if !m.rest.isEmpty { append(m.rest) }
            } else {
                started = true
                append(line)
            }
        }
        if started { flush() }
    }

    private static func startsWord(_ v: UInt32, first: Bool) -> Bool {
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (!first && v >= 0x30 && v <= 0x39) }
        let p = Unicode.Scalar(v)!.properties
        return p.isUppercase || (!first && p.numericType == .decimal)
    }

    private static func isWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39)
                || v == 0x2E || v == 0x27 || v == 0x2D || v == 0x5F
        }
        let p = Unicode.Scalar(v)!.properties
        return p.isAlphabetic || p.numericType == .decimal || p.generalCategory == .nonspacingMark || v == 0x2019
    }
}
