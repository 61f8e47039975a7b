import VigilCore

extension TranscriptParser {
    /// Whisper JSON (`segments[].start/end/text`, optional `speaker`, top-level `language`) and
    /// Podcasting 2.0 JSON (`segments[].startTime/endTime/body/speaker`). Texts are trimmed.
    /// A segment that is not an object, lacks a numeric start or end, ends before it starts or
    /// has no text string is skipped with an `ingest.bad_segment` problem naming its index.
    static func parseJSON(_ text: String, format: TranscriptFormat, file: String, into result: inout ParsedTranscript, document: TranscriptJSONDocument? = nil) throws(VigilError) {
        let doc: TranscriptJSONDocument
        if let document {
            doc = document
        } else {
            do {
                doc = try TranscriptJSONDocument(json: Array(text.utf8))
            } catch {
                throw badTranscript("not a JSON object: \(error.message)", file: file)
            }
        }
        guard let segments = doc.segments else {
            throw badTranscript("JSON transcript has no \"segments\" array", file: file)
        }
        result.language = doc.language
        let podcast = format == .podcastJSON
        for (index, s) in segments.enumerated() {
            let label = "segment \(index)" + (s.id.map { " (id \($0))" } ?? "")
            func skip(_ why: String) {
                result.problems.append(VigilError(.ingest, "bad_segment", "\(label) \(why); skipped", file: file))
            }
            guard s.isObject else { skip("is not an object"); continue }
            let start = podcast ? s.startTime : s.start
            let end = podcast ? s.endTime : s.end
            let textKey = podcast ? "body" : "text"
            guard let start, let end, start.isFinite, end.isFinite else {
                skip(podcast ? "has no numeric startTime/endTime" : "has no numeric start/end")
                continue
            }
            guard end >= start else { skip("ends before it starts"); continue }
            guard let body = podcast ? s.body : s.text else { skip("has no \(textKey) string"); continue }
            let trimmed = body[...].trimmedWhitespace()
            guard !trimmed.isEmpty else { continue }
            let speaker = s.speaker.map { $0[...].trimmedWhitespace() }.flatMap { $0.isEmpty ? nil : String($0) }
            let confidence = ASRConfidence(avgLogprob: s.avgLogprob, noSpeechProb: s.noSpeechProb, compressionRatio: s.compressionRatio, minWordProbability: s.minWordProbability)
            result.segments.append(Segment(start: start, end: end, speaker: speaker, text: String(trimmed), confidence: confidence.isEmpty ? nil : confidence))
        }
    }
}
