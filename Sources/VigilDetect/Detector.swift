import VigilCore
import VigilIO

/// The detect stage: finds lexicon terms in a normalized episode and explains each hit.
///
/// Matching runs over the episode's whole token sequence, so a phrase may span cue
/// boundaries. Each hit carries its evidence and the context a reviewer weighs: negated
/// (counter-speech), reported (quoted), speaker and role, station reach, imminence.
/// Pure: values in, hits and per-episode counts out.
public struct Detector: Sendable {
    public let lexicon: CompiledLexicon
    public let cues: ContextCues
    public let reviews: ReviewBook
    public let redactor: Redactor
    /// Replace speaker names (other than role words such as `Host`, `Caller 2`) by their role.
    public let redactSpeakers: Bool
    /// The speech-to-text confidence rule (its weight for low-confidence hits).
    public let asr: ASRRule
    /// The hallmark model, if the pipeline has one: it adds hits per sentence for
    /// categories no lexicon entry found there.
    public let model: HallmarkModel?

    public init(lexicon: CompiledLexicon, cues: ContextCues = .englishDefaults, reviews: ReviewBook = .empty,
                redactor: Redactor = Redactor(), redactSpeakers: Bool = false, asr: ASRRule = ASRRule(), model: HallmarkModel? = nil) {
        self.asr = asr
        self.model = model
        self.lexicon = lexicon
        self.cues = cues
        self.reviews = reviews
        self.redactor = redactor
        self.redactSpeakers = redactSpeakers
    }

    /// Hits in `episode` (in text order) and its summary row.
    public func detect(_ episode: NormalizedEpisode, station: Station) -> (hits: [Hit], summary: EpisodeSummary) {
        let week = Timestamp(rfc3339: episode.published).map { station.isoWeek(of: $0).description } ?? ""
        var tokens = TokenBytes()
        var place: [(segment: Int32, index: Int32)] = []
        tokens.reserve(bytes: episode.segments.reduce(0) { $0 + $1.tokens.utf8.count }, tokens: episode.words)
        place.reserveCapacity(episode.words)
        for (s, segment) in episode.segments.enumerated() {
            var run = segment.tokens
            let n = run.withUTF8 { tokens.append(spaceSeparated: $0) }
            for k in 0..<n { place.append((Int32(s), Int32(k))) }
        }
        var summary = EpisodeSummary(
            episodeID: episode.episodeID, stationID: episode.stationID, region: station.region,
            isoWeek: week, published: episode.published, airtimeSeconds: episode.airtimeSeconds,
            words: episode.words)
        let found = findings(tokens, language: episode.language, sentences: { Self.sentenceNumbers(episode) })
        var hits: [Hit] = []
        hits.reserveCapacity(found.count)
        for f in found {
            let first = place[f.match.start], last = place[f.match.end - 1]
            let a = Int(first.segment), b = Int(last.segment)
            let segA = episode.segments[a], segB = episode.segments[b]
            let snippet = Snippet.make(
                episode.segments, first: a, from: segA.offsets[Int(first.index) * 2],
                last: b, to: segB.offsets[Int(last.index) * 2 + 1])
            // Hits of two categories may start at the same token: the second gets its category.
            var id = "\(episode.episodeID)@\(a).\(first.index)"
            if let previous = hits.last, previous.segment == a, previous.token == Int(first.index) { id += "#" + f.entry.category }
            var hit = Hit(
                hitID: id, episodeID: episode.episodeID,
                stationID: episode.stationID, region: station.region, isoWeek: week,
                published: episode.published, category: f.entry.category, term: f.entry.term,
                matched: tokens.joined(f.match.start..<f.match.end),
                group: f.group, groupKind: f.group == nil ? nil : lexicon.groupKinds[f.group!], severity: f.entry.severity, start: segA.start, end: segB.end,
                speaker: speaker(segA.speaker, role: SpeakerRoles.role(of: segA.speaker, at: station)),
                snippet: redactor.redact(snippet), negated: f.negated, reported: f.reported,
                speakerRole: SpeakerRoles.role(of: segA.speaker, at: station), audience: station.audience,
                imminence: f.imminence, segment: a, token: Int(first.index),
                lexicon: f.entry.file, lexiconLine: f.entry.line)
            hit.lowConfidence = (a...b).contains { episode.segments[$0].lowConfidence == true }
            hit.audioURL = Self.deepLink(episode.enclosure, start: segA.start, end: segB.end)
            if let review = reviews.review(for: hit) {
                hit.review = review.verdict
                hit.reviewer = review.reviewer
            }
            summary.count(hit, lowConfidenceWeight: asr.lowConfidenceWeight)
            hits.append(hit)
        }
        return (hits, summary)
    }

    /// The speaker as shown: listed names become `[name]`; with `redactSpeakers`, any name
    /// that is not just a role word becomes its role (or `[name]`).
    func speaker(_ name: String?, role: String?) -> String? {
        guard let name, redactor.enabled else { return name }
        if redactor.isListed(name) { return "[name]" }
        guard redactSpeakers else { return name }
        let words = Tokenizer.words(in: name)
        let roleWords = Set(SpeakerRoles.inferred.map(\.word))
        if words.allSatisfy({ roleWords.contains($0) || $0.allSatisfy(\.isNumber) }) { return name }
        return role ?? "[name]"
    }

    /// The enclosure URL pointing at the moment (W3C Media Fragments `#t=start,end`, in
    /// seconds); nil without an enclosure or a start time.
    public static func deepLink(_ enclosure: String?, start: Double?, end: Double?) -> String? {
        guard let enclosure, !enclosure.isEmpty, let start else { return nil }
        let base = enclosure.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? enclosure
        func t(_ v: Double) -> String { CSVWriter.format((v * 1000).rounded() / 1000) }
        return base + "#t=" + t(start) + (end.map { $0 > start ? "," + t($0) : "" } ?? "")
    }

    /// A match with its context, before it is placed in a transcript.
    public struct Finding: Sendable {
        var match: CompiledLexicon.Match
        public var entry: LexiconEntry
        public var group: String?
        public var negated: Bool
        public var reported: Bool
        public var imminence: [String]
        /// Token range of the match.
        public var range: Range<Int> { match.start..<match.end }
        /// Counts as harmful: a harmful category, neither negated nor reported.
        public var isHarmful: Bool { !negated && !reported && Category.isHarmful(entry.category) }
    }

    /// Matches and their context in a token sequence; `sentences` gives a sentence number
    /// per token.
    ///
    /// Gaps in patterns never skip a barrier cue ("not") nor cross a sentence end. A hit is
    /// negated when a negation cue comes shortly before it or a looking-back negation cue
    /// ("…, that is a lie") shortly after it, or when it lies inside a counter-speech
    /// match ("they are not traitors"); reported likewise with reporting cues. An
    /// `offensive` match that overlaps a harmful one is left out (the harmful hit already
    /// shows those words). An `exclude` match is never reported, and any match inside it
    /// is dropped ("burn the X defence" on a sports show).
    public func findings<S: StringProtocol>(_ tokens: [S], language: String?, sentences: () -> [Int32]) -> [Finding] {
        findings(TokenBytes(tokens), language: language, sentences: sentences)
    }

    /// The same on tokens as bytes.
    public func findings(_ tokens: TokenBytes, language: String?, sentences: () -> [Int32]) -> [Finding] {
        let sentence = sentences()
        let scan = cues.scan(tokens, language: language)
        let matches = lexicon.matches(in: tokens, language: language, limits: TokenTrie.GapLimits(stop: scan.stops, sentence: sentence))
        guard !matches.isEmpty || model != nil else { return [] }
        var counter: [Range<Int>] = []
        var harmful: [Range<Int>] = []
        var graver: [Range<Int>] = []  // harmful matches of a category other than derogation
        var excluded: [Range<Int>] = []
        for m in matches {
            let entry = lexicon.entries[lexicon.patterns[m.pattern].entry]
            if entry.isExclusion { excluded.append(m.start..<m.end) }
            else if entry.category == Category.counterSpeech { counter.append(m.start..<m.end) }
            else if Category.isHarmful(entry.category) {
                harmful.append(m.start..<m.end)
                if entry.category != Category.derogation { graver.append(m.start..<m.end) }
            }
        }
        if !excluded.isEmpty {
            harmful.removeAll { h in excluded.contains { $0.lowerBound <= h.lowerBound && h.upperBound <= $0.upperBound } }
            graver.removeAll { h in excluded.contains { $0.lowerBound <= h.lowerBound && h.upperBound <= $0.upperBound } }
        }
        // A loop, not `map`: a closure here made Swift copy the whole compiled lexicon per
        // episode (a fifth of detect's time in retains and releases).
        var out: [Finding] = []
        out.reserveCapacity(matches.count)
        for m in matches {
            let pattern = lexicon.patterns[m.pattern]
            let entry = lexicon.entries[pattern.entry]
            if entry.isExclusion || excluded.contains(where: { $0.lowerBound <= m.start && m.end <= $0.upperBound }) { continue }
            if entry.category == Category.offensive && harmful.contains(where: { $0.overlaps(m.start..<m.end) }) { continue }
            if entry.category == Category.derogation && graver.contains(where: { $0.overlaps(m.start..<m.end) }) { continue }
            let contextual = entry.category != Category.counterSpeech
            let negated = contextual && (
                counter.contains { $0.lowerBound <= m.start && m.end <= $0.upperBound }
                || ContextCues.precedes(m.start, ends: scan.negationEnds, sentences: sentence, endorsements: scan.endorsementEnds)
                || ContextCues.follows(m.end, starts: scan.negationAfterStarts, sentences: sentence))
            let reported = contextual && !negated && (
                ContextCues.precedes(m.start, ends: scan.reportingEnds, sentences: sentence, endorsements: scan.endorsementEnds)
                || ContextCues.follows(m.end, starts: scan.reportingAfterStarts, sentences: sentence))
            out.append(Finding(match: m, entry: entry, group: lexicon.groupName(m), negated: negated, reported: reported,
                               imminence: imminence(entry.category, m.start..<m.end, scan)))
        }
        if let model {
            let read = model.findings(tokens, sentences: sentence, lexical: out)
            for i in out.indices where Category.isHarmful(out[i].entry.category) {
                let range = out[i].range
                if read.countered.contains(where: { $0.overlaps(range) }) {
                    // A sentence the model reads as counter-speech negates the harmful hits in it.
                    (out[i].negated, out[i].reported) = (true, false)
                } else if (out[i].negated || out[i].reported) && read.trusts(out[i].entry.category, at: range.lowerBound)
                            && !counter.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) {
                    // Cues yield where the model is sure (`overrule`); counter-speech terms do not.
                    (out[i].negated, out[i].reported) = (false, false)
                }
                if !out[i].negated && !out[i].reported && read.doubts(out[i].entry.category, at: range.lowerBound)
                    && model.knows(tokens, range, out[i].entry.category) {
                    // The model reads no harmful category here and this one least of all,
                    // from words it knows (`doubt`): not endorsed.
                    out[i].reported = true
                }
            }
            add(read.verdicts, to: &out, scan: scan, sentences: sentence, counter: counter)
        }
        return out
    }

    /// Imminence cues near a call to violence.
    func imminence(_ category: String, _ range: Range<Int>, _ scan: ContextCues.Scan) -> [String] {
        guard category == "violence_call" else { return [] }
        var out: [String] = []
        let lo = range.lowerBound - cues.imminenceWindow, hi = range.upperBound + cues.imminenceWindow
        for cue in scan.imminence where cue.end > lo && cue.start < hi && !out.contains(cue.phrase) {
            out.append(cue.phrase)
        }
        return out
    }

    /// Puts the model's findings among the lexicon's, in text order (after lexicon findings
    /// that start at the same token), with their context: a sentence is negated when a
    /// counter-speech match overlaps it or a negation cue lies in it or looks back at it,
    /// and no endorsement cue ("but I say") follows that cue in it; reported likewise.
    func add(_ verdicts: [HallmarkModel.SentenceVerdict], to out: inout [Finding], scan: ContextCues.Scan,
             sentences: [Int32], counter: [Range<Int>]) {
        for v in verdicts {
            let (range, verdict) = (v.range, v.verdict)
            var negated = v.countered, reported = false
            // Cues that must stand right before a hit ("not", "never": window 0 or 1) say
            // nothing about a whole sentence; the model has weighed those words itself.
            // Cues say nothing where the model overrules them (`v.trusted`).
            let reach: Int32 = 1
            let cues = !v.trusted
            for k in range where cues {
                if scan.endorsementEnds[k] { (negated, reported) = (v.countered, false) }
                if scan.negationEnds[k] >= reach || scan.negationAfterStarts[k] >= reach { negated = true }
                if scan.reportingEnds[k] >= reach || scan.reportingAfterStarts[k] >= reach { reported = true }
            }
            let end = range.upperBound
            negated = negated || counter.contains { $0.overlaps(range) } || (cues && ContextCues.follows(end, starts: scan.negationAfterStarts, sentences: sentences))
            reported = !negated && (reported || (cues && ContextCues.follows(end, starts: scan.reportingAfterStarts, sentences: sentences)))
            let entry = LexiconEntry(
                term: "model \(HallmarkModel.format((verdict.probability * 100).rounded() / 100)): " + verdict.evidence.joined(separator: " · "),
                category: verdict.category, severity: HallmarkModel.severity(verdict.category), file: model?.file ?? "model", line: 0)
            let finding = Finding(match: CompiledLexicon.Match(start: range.lowerBound, end: end, pattern: -1), entry: entry, group: nil,
                                  negated: negated, reported: reported, imminence: imminence(verdict.category, range, scan))
            let at = out.firstIndex { $0.match.start > range.lowerBound } ?? out.count
            out.insert(finding, at: at)
        }
    }


    /// A sentence number per token: it grows at `.`, `!`, `?` or `;` in the raw text
    /// between two tokens (segment boundaries alone do not end a sentence).
    static func sentenceNumbers(_ episode: NormalizedEpisode) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(episode.words)
        var sentence: Int32 = 0
        for segment in episode.segments {
            var text = segment.text
            text.withUTF8 { bytes in
                let o = segment.offsets
                var previousEnd = 0
                for k in 0..<(o.count / 2) {
                    if endsSentence(bytes, previousEnd, o[2 * k]) && !out.isEmpty { sentence += 1 }
                    out.append(sentence)
                    previousEnd = o[2 * k + 1]
                }
                if endsSentence(bytes, previousEnd, bytes.count) { sentence += 1 }
            }
        }
        return out
    }

    /// Sentence numbers for plain text and its tokens.
    public static func sentenceNumbers(text: String, tokens: [Token]) -> [Int32] {
        var out: [Int32] = []
        var sentence: Int32 = 0
        numberSentences(text, ranges: tokens.map { ($0.start, $0.end) }, into: &out, sentence: &sentence)
        return out
    }

    /// Appends a sentence number for each token range of `text`, counting on from `sentence`.
    static func numberSentences(_ text: String, ranges: [(start: Int, end: Int)], into out: inout [Int32], sentence: inout Int32) {
        var text = text
        text.withUTF8 { bytes in
            var previousEnd = 0
            for r in ranges {
                if endsSentence(bytes, previousEnd, r.start) && !out.isEmpty { sentence += 1 }
                out.append(sentence)
                previousEnd = r.end
            }
            if endsSentence(bytes, previousEnd, bytes.count) { sentence += 1 }
        }
    }

    /// True when `bytes[from..<to]` holds `.`, `!`, `?` or `;`.
    @inline(__always)
    static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            let b = bytes[i]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3B { return true }
            i += 1
        }
        return false
    }
}
