import VigilCore

extension TranscriptParser {
    /// Plain text: paragraphs separated by blank lines, split further by the `NAME:` rule;
    /// no times.
    static func parseText(_ text: String, into result: inout ParsedTranscript) {
        for block in TextLine.blocks(TextLine.split(text)) {
            for run in SpeakerPrefix.runs(block.map { $0.text.trimmedBlanks() }) {
                result.segments.append(Segment(speaker: run.speaker, text: run.text))
            }
        }
    }
}
