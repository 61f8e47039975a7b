import VigilCore

extension TranscriptParser {
    /// SRT, tolerant of real-world files: every line holding `-->` starts a cue; the cue's
    /// text is the non-blank lines up to the next cue, minus a digits-only index line right
    /// before it. So missing index lines, missing or extra blank lines and CRLF all work.
    /// A bad timing line is a `bad_cue` problem and its text is skipped.
    static func parseSRT(_ text: String, file: String, into result: inout ParsedTranscript) throws(VigilError) {
        let lines = TextLine.split(text)
        let timingLines = lines.indices.filter { lines[$0].text.hasArrow }
        guard !timingLines.isEmpty else {
            if lines.allSatisfy(\.isBlank) { return }
            throw badTranscript("SRT file has no timing line (\"00:00:01,000 --> 00:00:04,000\")", file: file)
        }
        for (k, t) in timingLines.enumerated() {
            let next = k + 1 < timingLines.count ? timingLines[k + 1] : lines.count
            var body = lines[(t + 1)..<next].filter { !$0.isBlank }
            if next < lines.count, let last = body.last, isIndexLine(last.text) { body.removeLast() }
            guard let times = timing(lines[t], file: file, problems: &result.problems) else { continue }
            for run in SpeakerPrefix.runs(body.map { $0.text.trimmedBlanks() }) {
                result.segments.append(Segment(start: times.start, end: times.end, speaker: run.speaker, text: run.text))
            }
        }
    }

    private static func isIndexLine(_ line: Substring) -> Bool {
        let t = line.trimmedBlanks()
        return !t.isEmpty && t.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
