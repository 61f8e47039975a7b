import VigilCore

extension TranscriptParser {
    /// SRT, tolerant of real-world files: every line holding `-->` starts a cue; the cue's
    /// text is the non-blank lines up to the next cue, minus a digits-only index line right
    /// before it. So missing index lines, missing or extra blank lines and CRLF all work.
    /// A bad timing line is a `bad_cue` problem and its text is skipped.
    static func parseSRT(_ t: TextBytes, file: String, into result: inout ParsedTranscript) throws(VigilError) {
        let lines = TextLine.split(t)
        let timingLines = lines.indices.filter { t.arrow(in: lines[$0].range) != nil }
        guard !timingLines.isEmpty else {
            if lines.allSatisfy({ t.isBlank($0.range) }) { return }
            throw badTranscript("SRT file has no timing line (\"00:00:01,000 --> 00:00:04,000\")", file: file)
        }
        var body: [Range<Int>] = []
        var scratch: [UInt8] = []
        for (k, timingLine) in timingLines.enumerated() {
            let next = k + 1 < timingLines.count ? timingLines[k + 1] : lines.count
            body.removeAll(keepingCapacity: true)
            for line in lines[(timingLine + 1)..<next] where !t.isBlank(line.range) { body.append(line.range) }
            if next < lines.count, let last = body.last, isIndexLine(t, last) { body.removeLast() }
            guard let times = timing(t, lines[timingLine], file: file, problems: &result.problems) else { continue }
            for j in body.indices { body[j] = t.trimmedBlanks(body[j]) }
            SpeakerPrefix.runs(t, body, scratch: &scratch) { speaker, text in
                result.segments.append(Segment(start: times.start, end: times.end, speaker: speaker, text: text))
            }
        }
    }

    private static func isIndexLine(_ t: TextBytes, _ line: Range<Int>) -> Bool {
        let digits = t.trimmedBlanks(line)
        return !digits.isEmpty && digits.allSatisfy { t[$0] >= 0x30 && t[$0] <= 0x39 }
    }
}
