import VigilCore

extension TranscriptParser {
    /// WebVTT: header, then blocks; NOTE/STYLE/REGION blocks are skipped; a cue is an
    /// optional identifier line, a timing line and text lines (joined with `\n`) split at
    /// voice tags. A block without a usable timing line is a `bad_cue` problem.
    static func parseWebVTT(_ text: String, file: String, into result: inout ParsedTranscript) throws(VigilError) {
        let lines = TextLine.split(text)
        guard let first = lines.first, isKeywordLine(first.text, "WEBVTT") else {
            throw badTranscript("WebVTT file does not start with \"WEBVTT\"", file: file, line: 1)
        }
        var i = 1
        while i < lines.count, !lines[i].isBlank, !lines[i].text.hasArrow { i += 1 }
        for block in TextLine.blocks(lines[i...]) {
            let head = block[0].text
            if isKeywordLine(head, "NOTE") || isKeywordLine(head, "STYLE") || isKeywordLine(head, "REGION") { continue }
            let timingIndex: Int
            if head.hasArrow {
                timingIndex = 0
            } else if block.count > 1, block[1].text.hasArrow {
                timingIndex = 1
            } else {
                result.problems.append(badCue("block without a timing line; skipped", file: file, line: block[0].number))
                continue
            }
            guard let t = timing(block[timingIndex], file: file, problems: &result.problems) else { continue }
            let cueText = block[(timingIndex + 1)...].map(\.text).joined(separator: "\n")
            for span in VoiceSpans.split(cueText) {
                result.segments.append(Segment(start: t.start, end: t.end, speaker: span.speaker, text: span.text))
            }
        }
    }

    /// True when `line` is `keyword` alone or followed by a space or tab.
    static func isKeywordLine(_ line: Substring, _ keyword: String) -> Bool {
        guard line.hasPrefix(keyword) else { return false }
        let rest = line.dropFirst(keyword.count)
        return rest.isEmpty || rest.first == " " || rest.first == "\t"
    }
}
