import VigilCore

/// Hand-written JSON for the records Vigil writes and reads by the million. Same bytes as
/// the `Codable` form (sorted keys); several times faster (docs/benchmarks.md).
public protocol FastJSONRecord {
    func writeJSON(_ w: inout JSONByteWriter)
    init(fastJSON j: FastJSON) throws(VigilError)
    /// The record read straight from the layout `writeJSON` writes; throws `GiveUp` for
    /// anything else (then `init(fastJSON:)` reads it).
    static func read(layout r: inout FastJSON.LayoutReader) throws(FastJSON.GiveUp) -> Self
}

extension FastJSONRecord {
    public static func read(layout r: inout FastJSON.LayoutReader) throws(FastJSON.GiveUp) -> Self { throw FastJSON.GiveUp() }

    /// One record from one line: its own layout first, else the general parser.
    static func decode(_ line: [UInt8]) throws -> Self {
        let fast = line.withUnsafeBufferPointer { b -> Self? in
            var r = FastJSON.LayoutReader(b)
            guard let v = try? read(layout: &r), (try? r.end()) != nil else { return nil }
            return v
        }
        if let fast { return fast }
        return try Self(fastJSON: try FastJSON.parse(line))
    }
}

func missing(_ key: String) -> VigilError { VigilError(.config, "bad_artifact", "missing or mistyped field \"\(key)\"") }

extension FastJSON {
    func req(_ key: String) throws(VigilError) -> String {
        guard let v = self[key]?.string else { throw missing(key) }
        return v
    }
    func reqInt(_ key: String) throws(VigilError) -> Int {
        guard let v = self[key]?.int else { throw missing(key) }
        return v
    }
    func opt(_ key: String) -> String? { self[key]?.string }
    func optDouble(_ key: String) -> Double? { self[key]?.double }
}

extension Segment: FastJSONRecord {
    /// Keys written in sorted order by hand (segments are written by the million).
    public func writeJSON(_ w: inout JSONByteWriter) {
        w.raw("{")
        if let c = confidence {
            w.raw("\"confidence\":")
            var f: [JSONByteWriter.Field] = []
            if let v = c.avgLogprob { f.append(("avg_logprob", { $0.number(v) })) }
            if let v = c.noSpeechProb { f.append(("no_speech_prob", { $0.number(v) })) }
            if let v = c.compressionRatio { f.append(("compression_ratio", { $0.number(v) })) }
            if let v = c.minWordProbability { f.append(("min_word_probability", { $0.number(v) })) }
            w.object(f)
            w.raw(",")
        }
        w.raw("\"end\":")
        w.number(end)
        w.raw(",\"speaker\":")
        w.string(speaker)
        w.raw(",\"start\":")
        w.number(start)
        w.raw(",\"text\":")
        w.string(text)
        w.raw("}")
    }

    public init(fastJSON j: FastJSON) throws(VigilError) {
        var confidence: ASRConfidence? = nil
        if let c = j["confidence"], case .object = c {
            confidence = ASRConfidence(avgLogprob: c.optDouble("avg_logprob"), noSpeechProb: c.optDouble("no_speech_prob"),
                                       compressionRatio: c.optDouble("compression_ratio"), minWordProbability: c.optDouble("min_word_probability"))
        }
        self.init(start: j.optDouble("start"), end: j.optDouble("end"), speaker: j.opt("speaker"), text: try j.req("text"), confidence: confidence)
    }

    public static func read(layout r: inout FastJSON.LayoutReader) throws(FastJSON.GiveUp) -> Segment {
        typealias R = FastJSON.LayoutReader
        try r.expect(0x7B)
        let confidence = try r.optionalField("confidence") { (r: inout R) throws(FastJSON.GiveUp) -> ASRConfidence in
            // Written by `JSONByteWriter.object`: keys sorted, each after a comma but the first.
            try r.expect(0x7B)
            var c = ASRConfidence()
            var first = true
            func next(_ k: StaticString) -> Bool {
                var probe = r
                if !first { guard probe.take(0x2C) else { return false } }
                guard probe.key(k) else { return false }
                r = probe
                first = false
                return true
            }
            if next("avg_logprob") { c.avgLogprob = try r.optionalNumber() }
            if next("compression_ratio") { c.compressionRatio = try r.optionalNumber() }
            if next("min_word_probability") { c.minWordProbability = try r.optionalNumber() }
            if next("no_speech_prob") { c.noSpeechProb = try r.optionalNumber() }
            try r.expect(0x7D)
            return c
        }
        let end = try r.field("end", R.numberOrNull)
        let speaker = try r.field("speaker", R.stringOrNull)
        let start = try r.field("start", R.numberOrNull)
        let text = try r.field("text", last: true, R.string)
        return Segment(start: start, end: end, speaker: speaker, text: text, confidence: confidence)
    }
}

extension Episode: FastJSONRecord {
    /// Keys written in sorted order by hand; nil optional fields are left out.
    public func writeJSON(_ w: inout JSONByteWriter) {
        w.raw("{")
        if let v = duration {
            w.raw("\"duration\":")
            w.number(v)
            w.raw(",")
        }
        if let v = enclosure {
            w.raw("\"enclosure\":")
            w.string(v)
            w.raw(",")
        }
        w.raw("\"episode_id\":")
        w.string(episodeID)
        w.raw(",\"feed\":")
        w.string(feed)
        if let v = feedLine {
            w.raw(",\"feed_line\":")
            w.int(v)
        }
        w.raw(",\"item_id\":")
        w.string(itemID)
        if let v = language {
            w.raw(",\"language\":")
            w.string(v)
        }
        if let v = link {
            w.raw(",\"link\":")
            w.string(v)
        }
        w.raw(",\"published\":")
        w.string(published)
        w.raw(",\"segments\":[")
        for (n, s) in segments.enumerated() {
            if n > 0 { w.raw(",") }
            s.writeJSON(&w)
        }
        w.raw("],\"station_id\":")
        w.string(stationID)
        w.raw(",\"title\":")
        w.string(title)
        w.raw(",\"transcript\":{")
        if let v = transcript.language {
            w.raw("\"language\":")
            w.string(v)
            w.raw(",")
        }
        if let v = transcript.rel {
            w.raw("\"rel\":")
            w.string(v)
            w.raw(",")
        }
        if let v = transcript.type {
            w.raw("\"type\":")
            w.string(v)
            w.raw(",")
        }
        w.raw("\"url\":")
        w.string(transcript.url)
        w.raw("},\"transcript_file\":")
        w.string(transcriptFile)
        w.raw(",\"transcript_format\":")
        w.string(transcriptFormat.rawValue)
        w.raw("}")
    }

    public init(fastJSON j: FastJSON) throws(VigilError) {
        guard let t = j["transcript"], let format = TranscriptFormat(rawValue: try j.req("transcript_format")) else { throw missing("transcript") }
        var segments: [Segment] = []
        for s in j["segments"]?.array ?? [] { segments.append(try Segment(fastJSON: s)) }
        self.init(
            episodeID: try j.req("episode_id"), stationID: try j.req("station_id"), itemID: try j.req("item_id"),
            title: try j.req("title"), published: try j.req("published"), duration: j.optDouble("duration"),
            link: j.opt("link"), enclosure: j.opt("enclosure"), language: j.opt("language"), feed: try j.req("feed"),
            feedLine: j["feed_line"]?.int,
            transcript: TranscriptRef(url: try t.req("url"), type: t.opt("type"), language: t.opt("language"), rel: t.opt("rel")),
            transcriptFile: try j.req("transcript_file"), transcriptFormat: format, segments: segments)
    }

    public static func read(layout r: inout FastJSON.LayoutReader) throws(FastJSON.GiveUp) -> Episode {
        typealias R = FastJSON.LayoutReader
        try r.expect(0x7B)
        let duration = try r.optionalField("duration", R.number)
        let enclosure = try r.optionalField("enclosure", R.string)
        let id = try r.field("episode_id", R.string)
        let feed = try r.field("feed", R.string)
        let feedLine = try r.optionalField("feed_line", R.int)
        let item = try r.field("item_id", R.string)
        let language = try r.optionalField("language", R.string)
        let link = try r.optionalField("link", R.string)
        let published = try r.field("published", R.string)
        let segments = try r.field("segments") { (r: inout R) throws(FastJSON.GiveUp) in try r.array(Segment.read(layout:)) }
        let station = try r.field("station_id", R.string)
        let title = try r.field("title", R.string)
        let transcript = try r.field("transcript") { (r: inout R) throws(FastJSON.GiveUp) -> TranscriptRef in
            try r.expect(0x7B)
            let language = try r.optionalField("language", R.string)
            let rel = try r.optionalField("rel", R.string)
            let type = try r.optionalField("type", R.string)
            let url = try r.field("url", last: true, R.string)
            return TranscriptRef(url: url, type: type, language: language, rel: rel)
        }
        let file = try r.field("transcript_file", R.string)
        guard let format = TranscriptFormat(rawValue: try r.field("transcript_format", last: true, R.string)) else { throw FastJSON.GiveUp() }
        return Episode(
            episodeID: id, stationID: station, itemID: item, title: title, published: published, duration: duration,
            link: link, enclosure: enclosure, language: language, feed: feed, feedLine: feedLine,
            transcript: transcript, transcriptFile: file, transcriptFormat: format, segments: segments)
    }
}

extension NormalizedSegment: FastJSONRecord {
    /// Keys written in sorted order by hand (segments are written by the million).
    public func writeJSON(_ w: inout JSONByteWriter) {
        w.raw("{\"end\":")
        w.number(end)
        if let v = excluded {
            w.raw(",\"excluded\":")
            w.string(v)
        }
        if let v = lowConfidence {
            w.raw(",\"low_confidence\":")
            w.bool(v)
        }
        w.raw(",\"offsets\":[")
        w.ints(offsets)
        w.raw("],\"speaker\":")
        w.string(speaker)
        w.raw(",\"start\":")
        w.number(start)
        w.raw(",\"text\":")
        w.string(text)
        w.raw(",\"tokens\":")
        w.string(tokens)
        w.raw("}")
    }

    public init(fastJSON j: FastJSON) throws(VigilError) {
        guard let offsets = j["offsets"]?.array else { throw missing("offsets") }
        var ints: [Int] = []
        ints.reserveCapacity(offsets.count)
        for o in offsets {
            guard let v = o.int else { throw missing("offsets") }
            ints.append(v)
        }
        self.init(start: j.optDouble("start"), end: j.optDouble("end"), speaker: j.opt("speaker"), text: try j.req("text"),
                  tokens: try j.req("tokens"), offsets: ints, excluded: j.opt("excluded"), lowConfidence: j["low_confidence"]?.bool)
    }

    public static func read(layout r: inout FastJSON.LayoutReader) throws(FastJSON.GiveUp) -> NormalizedSegment {
        typealias R = FastJSON.LayoutReader
        try r.expect(0x7B)
        let end = try r.field("end", R.numberOrNull)
        let excluded = try r.optionalField("excluded", R.string)
        let lowConfidence = try r.optionalField("low_confidence", R.bool)
        let offsets = try r.field("offsets", R.ints)
        let speaker = try r.field("speaker", R.stringOrNull)
        let start = try r.field("start", R.numberOrNull)
        let text = try r.field("text", R.string)
        let tokens = try r.field("tokens", last: true, R.string)
        return NormalizedSegment(start: start, end: end, speaker: speaker, text: text, tokens: tokens, offsets: offsets, excluded: excluded, lowConfidence: lowConfidence)
    }
}

extension NormalizedEpisode: FastJSONRecord {
    /// Keys written in sorted order by hand; nil optional fields are left out.
    public func writeJSON(_ w: inout JSONByteWriter) {
        w.raw("{")
        if let v = airtimeSeconds {
            w.raw("\"airtime_seconds\":")
            w.number(v)
            w.raw(",")
        }
        w.raw("\"content_hash\":")
        w.string(contentHash)
        if let v = enclosure {
            w.raw(",\"enclosure\":")
            w.string(v)
        }
        w.raw(",\"episode_id\":")
        w.string(episodeID)
        if let v = language {
            w.raw(",\"language\":")
            w.string(v)
        }
        w.raw(",\"published\":")
        w.string(published)
        w.raw(",\"segments\":[")
        for (n, s) in segments.enumerated() {
            if n > 0 { w.raw(",") }
            s.writeJSON(&w)
        }
        w.raw("],\"station_id\":")
        w.string(stationID)
        w.raw(",\"title\":")
        w.string(title)
        w.raw(",\"words\":")
        w.int(words)
        w.raw("}")
    }

    public init(fastJSON j: FastJSON) throws(VigilError) {
        var segments: [NormalizedSegment] = []
        for s in j["segments"]?.array ?? [] { segments.append(try NormalizedSegment(fastJSON: s)) }
        self.init(
            episodeID: try j.req("episode_id"), stationID: try j.req("station_id"), title: try j.req("title"),
            published: try j.req("published"), language: j.opt("language"), enclosure: j.opt("enclosure"),
            airtimeSeconds: j.optDouble("airtime_seconds"), words: try j.reqInt("words"),
            contentHash: try j.req("content_hash"), segments: segments)
    }

    public static func read(layout r: inout FastJSON.LayoutReader) throws(FastJSON.GiveUp) -> NormalizedEpisode {
        typealias R = FastJSON.LayoutReader
        try r.expect(0x7B)
        let airtime = try r.optionalField("airtime_seconds", R.number)
        let hash = try r.field("content_hash", R.string)
        let enclosure = try r.optionalField("enclosure", R.string)
        let id = try r.field("episode_id", R.string)
        let language = try r.optionalField("language", R.string)
        let published = try r.field("published", R.string)
        let segments = try r.field("segments") { (r: inout R) throws(FastJSON.GiveUp) in try r.array(NormalizedSegment.read(layout:)) }
        let station = try r.field("station_id", R.string)
        let title = try r.field("title", R.string)
        let words = try r.field("words", last: true, R.int)
        return NormalizedEpisode(
            episodeID: id, stationID: station, title: title, published: published, language: language, enclosure: enclosure,
            airtimeSeconds: airtime, words: words, contentHash: hash, segments: segments)
    }
}

extension Hit: FastJSONRecord {
    /// Every field, `null` when absent (as the `Codable` form writes them), keys in sorted
    /// order by hand.
    public func writeJSON(_ w: inout JSONByteWriter) {
        w.raw("{\"audience\":")
        if let a = audience { w.int(a) } else { w.null() }
        w.raw(",\"audio_url\":")
        w.string(audioURL)
        w.raw(",\"category\":")
        w.string(category)
        w.raw(",\"end\":")
        w.number(end)
        w.raw(",\"episode_id\":")
        w.string(episodeID)
        w.raw(",\"group\":")
        w.string(group)
        w.raw(",\"group_kind\":")
        w.string(groupKind)
        w.raw(",\"hit_id\":")
        w.string(hitID)
        w.raw(",\"imminence\":[")
        for (n, v) in imminence.enumerated() {
            if n > 0 { w.raw(",") }
            w.string(v)
        }
        w.raw("],\"iso_week\":")
        w.string(isoWeek)
        w.raw(",\"lexicon\":")
        w.string(lexicon)
        w.raw(",\"lexicon_line\":")
        w.int(lexiconLine)
        w.raw(",\"low_confidence\":")
        w.bool(lowConfidence)
        w.raw(",\"matched\":")
        w.string(matched)
        w.raw(",\"negated\":")
        w.bool(negated)
        w.raw(",\"published\":")
        w.string(published)
        w.raw(",\"region\":")
        w.string(region)
        w.raw(",\"reported\":")
        w.bool(reported)
        w.raw(",\"review\":")
        w.string(review)
        w.raw(",\"reviewer\":")
        w.string(reviewer)
        w.raw(",\"segment\":")
        w.int(segment)
        w.raw(",\"severity\":")
        w.int(severity)
        w.raw(",\"snippet\":")
        w.string(snippet)
        w.raw(",\"speaker\":")
        w.string(speaker)
        w.raw(",\"speaker_role\":")
        w.string(speakerRole)
        w.raw(",\"start\":")
        w.number(start)
        w.raw(",\"station_id\":")
        w.string(stationID)
        w.raw(",\"term\":")
        w.string(term)
        w.raw(",\"token\":")
        w.int(token)
        w.raw("}")
    }

    /// One pass over the members (hits are read by the hundred thousand in aggregate and
    /// report); the last of duplicate keys wins, missing required fields throw.
    public init(fastJSON j: FastJSON) throws(VigilError) {
        guard case .object(let members) = j else { throw missing("hit_id") }
        var hitID, episodeID, stationID, region, isoWeek, published, category, term, matched, snippet, lexicon: String?
        var group, groupKind, speaker, speakerRole, review, reviewer, audioURL: String?
        var severity, segment, token, lexiconLine, audience: Int?
        var start, end: Double?
        var negated: Bool?
        var reported = false, lowConfidence = false
        var imminence: [String] = []
        for m in members {
            let v = m.value
            switch m.key {
            case "hit_id": hitID = v.string
            case "episode_id": episodeID = v.string
            case "station_id": stationID = v.string
            case "region": region = v.string
            case "iso_week": isoWeek = v.string
            case "published": published = v.string
            case "category": category = v.string
            case "term": term = v.string
            case "matched": matched = v.string
            case "snippet": snippet = v.string
            case "lexicon": lexicon = v.string
            case "group": group = v.string
            case "group_kind": groupKind = v.string
            case "speaker": speaker = v.string
            case "speaker_role": speakerRole = v.string
            case "review": review = v.string
            case "reviewer": reviewer = v.string
            case "audio_url": audioURL = v.string
            case "severity": severity = v.int
            case "segment": segment = v.int
            case "token": token = v.int
            case "lexicon_line": lexiconLine = v.int
            case "audience": audience = v.int
            case "start": start = v.double
            case "end": end = v.double
            case "negated": negated = v.bool
            case "reported": reported = v.bool ?? false
            case "low_confidence": lowConfidence = v.bool ?? false
            case "imminence":
                imminence = []
                for e in v.array ?? [] {
                    guard let s = e.string else { throw missing("imminence") }
                    imminence.append(s)
                }
            default: continue
            }
        }
        func req<T>(_ value: T?, _ key: String) throws(VigilError) -> T {
            guard let value else { throw missing(key) }
            return value
        }
        self.init(
            hitID: try req(hitID, "hit_id"), episodeID: try req(episodeID, "episode_id"), stationID: try req(stationID, "station_id"),
            region: try req(region, "region"), isoWeek: try req(isoWeek, "iso_week"), published: try req(published, "published"),
            category: try req(category, "category"), term: try req(term, "term"), matched: try req(matched, "matched"),
            group: group, groupKind: groupKind, severity: try req(severity, "severity"),
            start: start, end: end, speaker: speaker, snippet: try req(snippet, "snippet"),
            negated: try req(negated, "negated"), reported: reported, speakerRole: speakerRole,
            audience: audience, imminence: imminence, review: review, reviewer: reviewer,
            segment: try req(segment, "segment"), token: try req(token, "token"), lexicon: try req(lexicon, "lexicon"),
            lexiconLine: try req(lexiconLine, "lexicon_line"))
        self.lowConfidence = lowConfidence
        self.audioURL = audioURL
    }

    public static func read(layout r: inout FastJSON.LayoutReader) throws(FastJSON.GiveUp) -> Hit {
        typealias R = FastJSON.LayoutReader
        try r.expect(0x7B)
        let audience = try r.field("audience", R.intOrNull)
        let audioURL = try r.field("audio_url", R.stringOrNull)
        let category = try r.field("category", R.string)
        let end = try r.field("end", R.numberOrNull)
        let episodeID = try r.field("episode_id", R.string)
        let group = try r.field("group", R.stringOrNull)
        let groupKind = try r.field("group_kind", R.stringOrNull)
        let hitID = try r.field("hit_id", R.string)
        let imminence = try r.field("imminence", R.strings)
        let isoWeek = try r.field("iso_week", R.string)
        let lexicon = try r.field("lexicon", R.string)
        let lexiconLine = try r.field("lexicon_line", R.int)
        let lowConfidence = try r.field("low_confidence", R.bool)
        let matched = try r.field("matched", R.string)
        let negated = try r.field("negated", R.bool)
        let published = try r.field("published", R.string)
        let region = try r.field("region", R.string)
        let reported = try r.field("reported", R.bool)
        let review = try r.field("review", R.stringOrNull)
        let reviewer = try r.field("reviewer", R.stringOrNull)
        let segment = try r.field("segment", R.int)
        let severity = try r.field("severity", R.int)
        let snippet = try r.field("snippet", R.string)
        let speaker = try r.field("speaker", R.stringOrNull)
        let speakerRole = try r.field("speaker_role", R.stringOrNull)
        let start = try r.field("start", R.numberOrNull)
        let stationID = try r.field("station_id", R.string)
        let term = try r.field("term", R.string)
        let token = try r.field("token", last: true, R.int)
        var hit = Hit(
            hitID: hitID, episodeID: episodeID, stationID: stationID, region: region, isoWeek: isoWeek, published: published,
            category: category, term: term, matched: matched, group: group, groupKind: groupKind, severity: severity,
            start: start, end: end, speaker: speaker, snippet: snippet, negated: negated, reported: reported, speakerRole: speakerRole,
            audience: audience, imminence: imminence, review: review, reviewer: reviewer,
            segment: segment, token: token, lexicon: lexicon, lexiconLine: lexiconLine)
        hit.lowConfidence = lowConfidence
        hit.audioURL = audioURL
        return hit
    }
}
