import VigilCore

extension TranscriptParser {
    /// WebVTT: header, then blocks; NOTE/STYLE/REGION blocks are skipped; a cue is an
    /// optional identifier line, a timing line and text lines (joined with `\n`) split at
    /// voice tags. A block without a usable timing line is a `bad_cue` problem.
    static func parseWebVTT(_ t: TextBytes, file: String, into result: inout ParsedTranscript) throws(VigilError) {
        let lines = TextLine.split(t)
        guard let first = lines.first, isKeywordLine(t, first.range, "WEBVTT") else {
            throw badTranscript("WebVTT file does not start with \"WEBVTT\"", file: file, line: 1)
        }
        var i = 1
        while i < lines.count, !t.isBlank(lines[i].range), t.arrow(in: lines[i].range) == nil { i += 1 }
        var scratch: [UInt8] = []
        for block in TextLine.blocks(lines[i...], in: t) {
            let head = lines[block.lowerBound]
            if isKeywordLine(t, head.range, "NOTE") || isKeywordLine(t, head.range, "STYLE") || isKeywordLine(t, head.range, "REGION") {
                continue
            }
            let timingIndex: Int
            if t.arrow(in: head.range) != nil {
                timingIndex = block.lowerBound
            } else if block.count > 1, t.arrow(in: lines[block.lowerBound + 1].range) != nil {
                timingIndex = block.lowerBound + 1
            } else {
                result.problems.append(badCue("block without a timing line; skipped", file: file, line: head.number))
                continue
            }
            guard let times = timing(t, lines[timingIndex], file: file, problems: &result.problems) else { continue }
            let cue = lines[(timingIndex + 1)..<block.upperBound]
            guard let firstLine = cue.first, let lastLine = cue.last else { continue }
            func append(_ speaker: String?, _ text: String) {
                result.segments.append(Segment(start: times.start, end: times.end, speaker: speaker, text: text))
            }
            if isJoinedByLineFeeds(cue, in: t) {
                VoiceSpans.split(t, firstLine.range.lowerBound..<lastLine.range.upperBound, append)
            } else {
                // Lines ended by CR or CRLF: the cue text is the lines joined with `\n`.
                scratch.removeAll(keepingCapacity: true)
                for line in cue {
                    if line.number != firstLine.number { scratch.append(0x0A) }
                    scratch.append(contentsOf: t.bytes[line.range])
                }
                scratch.withUnsafeBufferPointer { VoiceSpans.split(TextBytes($0), 0..<$0.count, append) }
            }
        }
    }

    /// True when each line of `lines` but the last ends in a single `\n`, so that the bytes
    /// from the first line to the last are the lines joined with `\n`.
    private static func isJoinedByLineFeeds(_ lines: ArraySlice<TextLine>, in t: TextBytes) -> Bool {
        for k in lines.indices.dropLast() {
            let end = lines[k].range.upperBound
            guard t[end] == 0x0A, lines[k + 1].range.lowerBound == end + 1 else { return false }
        }
        return true
    }

    /// True when `line` is `keyword` alone or followed by a space or tab.
    static func isKeywordLine(_ t: TextBytes, _ line: Range<Int>, _ keyword: StaticString) -> Bool {
        guard t.hasPrefix(keyword, at: line.lowerBound, before: line.upperBound) else { return false }
        let i = line.lowerBound + keyword.utf8CodeUnitCount
        guard i < line.upperBound else { return true }
        // Anything but a space or tab after the keyword (a letter, or a mark that joins its
        // last letter) makes another word.
        let b = t[i]
        return b == 0x09 || (b == 0x20 && t.isLoneASCII(at: i, from: line.lowerBound, to: line.upperBound))
    }
}
