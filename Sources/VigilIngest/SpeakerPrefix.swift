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
/// SpeakerPrefix.match("Caller 2: we are tired")   // ("Caller 2", "we are tired")
/// ```
enum SpeakerPrefix {
    /// The speaker and the rest of the line, or nil when the line has no `NAME:` prefix.
    static func match(_ line: Substring) -> (speaker: String, rest: Substring)? {
        let scalars = line.unicodeScalars
        let end = scalars.endIndex
        var i = scalars.startIndex
        while i < end, scalars[i] == " " || scalars[i] == "\t" { i = scalars.index(after: i) }
        if i < end, scalars[i] == "-" || scalars[i] == "\u{2013}" {
            var j = scalars.index(after: i)
            guard j < end, scalars[j] == " " else { return nil }
            while j < end, scalars[j] == " " { j = scalars.index(after: j) }
            i = j
        }
        let nameStart = i
        var words = 0
        while true {
            guard i < end, startsWord(scalars[i], first: words == 0) else { return nil }
            words += 1
            i = scalars.index(after: i)
            while i < end, isWordScalar(scalars[i]) { i = scalars.index(after: i) }
            if i < end, scalars[i] == ":" { break }
            guard words < 3, i < end, scalars[i] == " " else { return nil }
            i = scalars.index(after: i)
        }
        let nameEnd = i
        let after = scalars.index(after: i)
        guard after == end || scalars[after].properties.isWhitespace else { return nil }
        let speaker = String(line[nameStart..<nameEnd])
        guard speaker.count <= 40 else { return nil }
        return (speaker, line[after...].trimmedWhitespace())
    }

    /// Splits lines into speaker runs: each line with a prefix starts a run, other lines
    /// continue the current one (the first run has no speaker). Runs without text are dropped.
    static func runs(_ lines: [Substring]) -> [(speaker: String?, text: String)] {
        var runs: [(speaker: String?, lines: [Substring])] = []
        for line in lines {
            if let m = match(line) {
                runs.append((m.speaker, m.rest.isEmpty ? [] : [m.rest]))
            } else if runs.isEmpty {
                runs.append((nil, [line]))
            } else {
                runs[runs.count - 1].lines.append(line)
            }
        }
        return runs.compactMap { run in
            let text = run.lines.joined(separator: "\n")[...].trimmedWhitespace()
            return text.isEmpty ? nil : (run.speaker, String(text))
        }
    }

    private static func startsWord(_ s: Unicode.Scalar, first: Bool) -> Bool {
        s.properties.isUppercase || (!first && s.properties.numericType == .decimal)
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType == .decimal
            || s.properties.generalCategory == .nonspacingMark
            || s == "." || s == "'" || s == "\u{2019}" || s == "-" || s == "_"
    }
}
