import VigilCore

extension TranscriptParser {
    /// Plain text: paragraphs separated by blank lines, split further by the `NAME:` rule;
    /// no times.
    static func parseText(_ t: TextBytes, into result: inout ParsedTranscript) {
        let lines = TextLine.split(t)
        var scratch: [UInt8] = []
        for block in TextLine.blocks(lines[...], in: t) {
            SpeakerPrefix.runs(t, lines[block].map { t.trimmedBlanks($0.range) }, scratch: &scratch) { speaker, text in
                result.segments.append(Segment(speaker: speaker, text: text))
            }
        }
    }
}
