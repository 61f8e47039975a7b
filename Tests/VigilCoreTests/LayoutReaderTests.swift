import Testing
import VigilCore
@testable import VigilIO

/// Records Vigil wrote itself are read straight from their layout; every other shape falls
/// back to the general parser. Both ways must give the same record.
struct LayoutReaderTests {
    func viaLines<T: Decodable & FastJSONRecord>(_ t: T.Type, _ line: String) -> [UInt8]? {
        guard let r = try? JSONLines().decode(T.self, from: Array(line.utf8), file: "f", lineNumber: 1, stage: .detect) else { return nil }
        var w = JSONByteWriter()
        r.writeJSON(&w)
        return w.bytes
    }

    func viaTree<T: FastJSONRecord>(_ t: T.Type, _ line: String) -> [UInt8]? {
        guard let j = try? FastJSON.parse(Array(line.utf8)), let r = try? T(fastJSON: j) else { return nil }
        var w = JSONByteWriter()
        r.writeJSON(&w)
        return w.bytes
    }

    static let segment = #"{"end":5.91,"offsets":[0,1,2,6],"speaker":null,"start":0.722,"text":"I want","tokens":"i want"}"#
    static let episode = #"{"airtime_seconds":12.5,"content_hash":"ab","enclosure":"https://e/x.mp3","episode_id":"s/1","language":"en","published":"2025-12-10T07:08:00Z","segments":[SEG,SEG],"station_id":"s","title":"T \"q\"","words":4}"#

    static let normalizedEpisodes: [String] = [
        episode.replacingOccurrences(of: "SEG", with: segment),
        // optional fields absent, no segments
        #"{"content_hash":"ab","episode_id":"s/1","published":"p","segments":[],"station_id":"s","title":"T","words":0}"#,
        // excluded and low_confidence, speaker given, null times
        episode.replacingOccurrences(of: "SEG", with: #"{"end":null,"excluded":"repetition","low_confidence":true,"offsets":[],"speaker":"Host","start":null,"text":"a a","tokens":""}"#),
        // the fallback: spaces, keys out of order, a duplicate key, offsets as 5.0 and 1e1, an escaped key
        episode.replacingOccurrences(of: "SEG", with: segment).replacingOccurrences(of: ",", with: " , "),
        #"{"words":2,"title":"T","station_id":"s","segments":[],"published":"p","episode_id":"e","content_hash":"h"}"#,
        episode.replacingOccurrences(of: "SEG", with: segment).replacingOccurrences(of: #""title":"T \"q\"""#, with: #""title":"A","title":"B""#),
        episode.replacingOccurrences(of: "SEG", with: segment.replacingOccurrences(of: "[0,1,2,6]", with: "[0,1.0,2,1e1]")),
        episode.replacingOccurrences(of: "SEG", with: segment).replacingOccurrences(of: #""words""#, with: #""\u0077ords""#),
        episode.replacingOccurrences(of: "SEG", with: segment.replacingOccurrences(of: #""speaker":null"#, with: #""speaker":7"#)),
        // invalid either way
        episode.replacingOccurrences(of: "SEG", with: segment.replacingOccurrences(of: "[0,1,2,6]", with: "[0,01]")),
        episode.replacingOccurrences(of: "SEG", with: segment) + " x",
        #"{"content_hash":"ab","episode_id":"s/1","published":"p","segments":[],"station_id":"s","title":"T"}"#,
    ]

    @Test(arguments: normalizedEpisodes)
    func normalizedEpisodeEitherWay(_ line: String) {
        #expect(viaLines(NormalizedEpisode.self, line) == viaTree(NormalizedEpisode.self, line))
    }

    /// True when the layout reader itself takes the line (no fallback).
    func layoutReads<T: FastJSONRecord>(_ t: T.Type, _ line: String) -> Bool {
        Array(line.utf8).withUnsafeBufferPointer { b in
            var r = FastJSON.LayoutReader(b)
            return (try? T.read(layout: &r)) != nil && (try? r.end()) != nil
        }
    }

    @Test func fastLayoutIsRead() {
        let line = Self.episode.replacingOccurrences(of: "SEG", with: Self.segment)
        #expect(viaLines(NormalizedEpisode.self, line) == Array(line.utf8))
        #expect(layoutReads(NormalizedEpisode.self, line))
        #expect(layoutReads(NormalizedEpisode.self, Self.normalizedEpisodes[1]))
        #expect(layoutReads(NormalizedEpisode.self, Self.normalizedEpisodes[2]))
        #expect(!layoutReads(NormalizedEpisode.self, Self.normalizedEpisodes[4]), "keys out of order")
        // Written back, each record Vigil wrote is the same bytes (optional fields absent or present).
        for line in Self.normalizedEpisodes.prefix(3) { #expect(viaLines(NormalizedEpisode.self, line) == Array(line.utf8)) }
    }

    static let segments: [String] = [
        #"{"confidence":{"avg_logprob":-0.2,"compression_ratio":1.3,"min_word_probability":0.5,"no_speech_prob":0.01},"end":5,"speaker":null,"start":0,"text":"hi"}"#,
        #"{"confidence":{"no_speech_prob":0.01},"end":5,"speaker":"Host","start":0,"text":"hi"}"#,
        #"{"confidence":{},"end":null,"speaker":null,"start":null,"text":""}"#,
        #"{"end":5,"speaker":null,"start":0,"text":"hi"}"#,
        #"{"confidence":{"no_speech_prob":0.01,"avg_logprob":-1},"end":5,"speaker":null,"start":0,"text":"hi"}"#,
        #"{"confidence":null,"end":5,"speaker":null,"start":0,"text":"hi"}"#,
        #"{"end":"5","speaker":null,"start":0,"text":"hi"}"#,
        #"{"end":5,"speaker":null,"start":0}"#,
    ]

    @Test(arguments: segments)
    func segmentEitherWay(_ line: String) {
        #expect(viaLines(Segment.self, line) == viaTree(Segment.self, line))
    }

    static let ingestEpisode = #"{"duration":61.5,"enclosure":"https://e/1.mp3","episode_id":"s/1","feed":"feeds/s.xml","feed_line":8,"item_id":"1","language":"en","link":"https://e/1","published":"p","segments":[{"end":5,"speaker":null,"start":0,"text":"hi"}],"station_id":"s","title":"T","transcript":{"language":"en","rel":"captions","type":"text/vtt","url":"t/1.vtt"},"transcript_file":"t/1.vtt","transcript_format":"vtt"}"#

    static let episodes: [String] = [
        ingestEpisode,
        #"{"episode_id":"s/1","feed":"f","item_id":"1","published":"p","segments":[],"station_id":"s","title":"T","transcript":{"url":"u"},"transcript_file":"u","transcript_format":"text"}"#,
        ingestEpisode.replacingOccurrences(of: #""feed_line":8"#, with: #""feed_line":8.5"#),
        ingestEpisode.replacingOccurrences(of: #""transcript_format":"vtt""#, with: #""transcript_format":"nonsense""#),
        ingestEpisode.replacingOccurrences(of: #","rel":"captions""#, with: ""),
        ingestEpisode.replacingOccurrences(of: #""language":"en","link""#, with: #""language":null,"link""#),
        ingestEpisode.replacingOccurrences(of: #"{"language":"en","rel""#, with: #"{"url":"x","language":"en","rel""#),
    ]

    @Test(arguments: episodes)
    func episodeEitherWay(_ line: String) {
        #expect(viaLines(Episode.self, line) == viaTree(Episode.self, line))
    }

    @Test func ingestLayoutIsRead() {
        #expect(viaLines(Episode.self, Self.ingestEpisode) == Array(Self.ingestEpisode.utf8))
        #expect(layoutReads(Episode.self, Self.ingestEpisode))
        #expect(layoutReads(Episode.self, Self.episodes[1]))
        #expect(Self.segments.prefix(4).allSatisfy { layoutReads(Segment.self, $0) })
    }

    static let hit = #"{"audience":3923,"audio_url":"https://m/e.mp3#t=1,2","category":"derogation","end":335.46,"episode_id":"s/e","group":null,"group_kind":null,"hit_id":"s/e@44.1","imminence":["tonight","before the vote"],"iso_week":"2025-W50","lexicon":"lexicon.csv","lexicon_line":138,"low_confidence":false,"matched":"x y","negated":false,"published":"2025-12-10T07:08:00Z","region":"Coastal Plain","reported":true,"review":null,"reviewer":null,"segment":44,"severity":3,"snippet":"Listen, \"X\"","speaker":null,"speaker_role":"host","start":331.897,"station_id":"s","term":"x y","token":1}"#

    static let hits: [String] = [
        hit,
        hit.replacingOccurrences(of: #""audience":3923"#, with: #""audience":null"#).replacingOccurrences(of: #""imminence":["tonight","before the vote"]"#, with: #""imminence":[]"#),
        hit.replacingOccurrences(of: #""reported":true"#, with: #""reported":null"#),
        hit.replacingOccurrences(of: #""start":331.897"#, with: #""start":"331""#),
        hit.replacingOccurrences(of: #""negated":false,"#, with: ""),
        hit.replacingOccurrences(of: #""token":1}"#, with: #""token":1,"extra":2}"#),
    ]

    @Test(arguments: hits)
    func hitEitherWay(_ line: String) {
        #expect(viaLines(Hit.self, line) == viaTree(Hit.self, line))
    }

    @Test func hitLayoutIsRead() {
        #expect(layoutReads(Hit.self, Self.hit))
        #expect(viaLines(Hit.self, Self.hit) == Array(Self.hit.utf8))
    }
}
