import Testing
import VigilCore
import VigilDetect
import VigilNormalize

/// Builds a normalized episode from cue texts, as the normalize stage would.
func episode(_ cues: [String], id: String = "st/ep1") -> NormalizedEpisode {
    let segments = cues.enumerated().map { i, text in
        Segment(start: Double(i * 5), end: Double(i * 5 + 5), speaker: i % 2 == 0 ? "Host" : "Caller", text: text)
    }
    let e = Episode(
        episodeID: id, stationID: "st", itemID: "ep1", title: "t", published: "2025-12-29T08:00:00Z",
        duration: nil, link: nil, enclosure: nil, language: "en", feed: "f.xml", feedLine: 1,
        transcript: TranscriptRef(url: "t.vtt"), transcriptFile: "t.vtt", transcriptFormat: .vtt, segments: segments)
    return Normalizer.normalize(e)
}

let station = Station(stationID: "st", name: "Station", region: "North", feed: "f.xml", timezone: "UTC")

func detector(_ rows: [(String, String, Int)], groups: [GroupTerm] = []) throws -> Detector {
    let entries = rows.enumerated().map { i, r in LexiconEntry(term: r.0, category: r.1, severity: r.2, line: i + 2) }
    return Detector(lexicon: try CompiledLexicon(entries: entries, groups: groups))
}

struct DetectorTests {
    @Test func matchesSingleWordsAndPhrases() throws {
        let d = try detector([("traitors", "enemy_labeling", 2), ("taking our jobs", "victimhood", 2)])
        let (hits, summary) = d.detect(episode(["Journalists are TRAITORS, and they are taking our jobs!"]), station: station)
        #expect(hits.map(\.term) == ["traitors", "taking our jobs"])
        #expect(hits.map(\.matched) == ["traitors", "taking our jobs"])
        #expect(summary.hits["enemy_labeling"] == 1)
        #expect(summary.hits["victimhood"] == 1)
        #expect(summary.severityScore == 4)
        #expect(hits[0].isoWeek == "2026-W01")
        #expect(hits[0].region == "North")
    }

    @Test func prefixWildcard() throws {
        let d = try detector([("cockroach*", "dehumanization", 3)])
        let (hits, _) = d.detect(episode(["they are cockroaches, a cockroach, not cock or roaches"]), station: station)
        #expect(hits.map(\.matched) == ["cockroaches", "cockroach"])
    }

    @Test func phraseAcrossCueBoundary() throws {
        let d = try detector([("taking our jobs", "victimhood", 2)])
        let (hits, _) = d.detect(episode(["and now they are taking", "our jobs, every one of them"]), station: station)
        #expect(hits.count == 1)
        let hit = try #require(hits.first)
        #expect(hit.segment == 0)
        #expect(hit.start == 0)
        #expect(hit.end == 10)
        #expect(hit.speaker == "Host")
        #expect(hit.snippet.contains("taking our jobs"))
    }

    @Test func groupSlotsExpand() throws {
        let groups = [GroupTerm(term: "varnians", group: "varnian", kind: "ethnic"), GroupTerm(term: "keshi people", group: "keshi", kind: "ethnic")]
        let d = try detector([("{group} are vermin", "dehumanization", 3), ("drive the {ethnic} out", "violence_call", 3)], groups: groups)
        let (hits, _) = d.detect(episode(["The Keshi people are vermin. Drive the Varnians out!"]), station: station)
        #expect(hits.map(\.group) == ["keshi", "varnian"])
        #expect(hits.map(\.category) == ["dehumanization", "violence_call"])
    }

    @Test func slotWithoutGroupsNeverMatches() throws {
        let d = try detector([("{group} are vermin", "dehumanization", 3)])
        #expect(d.lexicon.inactive.count == 1)
        #expect(d.detect(episode(["varnians are vermin"]), station: station).hits.isEmpty)
    }

    @Test func longestMatchWinsThenSeverity() throws {
        let d = try detector([("kill", "violence_call", 2), ("kill them all", "violence_call", 3), ("them all", "us_vs_them", 1)])
        let (hits, _) = d.detect(episode(["we must kill them all now"]), station: station)
        #expect(hits.map(\.term) == ["kill them all", "them all"], "one match per category; categories may overlap")
        let tie = try detector([("enemy", "enemy_labeling", 1), ("enemy", "enemy_labeling", 3)])
        #expect(tie.detect(episode(["the enemy"]), station: station).hits.map(\.severity) == [3])
    }

    @Test func hitIDsStayUniqueWhenCategoriesShareAStart() throws {
        let d = try detector([("rats", "threat_conspiracy", 1), ("rats", "dehumanization", 2)])
        let hits = d.detect(episode(["they are rats"]), station: station).hits
        #expect(hits.map(\.hitID) == ["st/ep1@0.2", "st/ep1@0.2#dehumanization"])
    }

    @Test func negationMarksCounterSpeech() throws {
        let d = try detector([("cockroach*", "dehumanization", 3), ("traitors", "enemy_labeling", 2)])
        let (hits, summary) = d.detect(episode(["Never call them cockroaches.", "Stop calling journalists traitors.", "They are traitors."]), station: station)
        #expect(hits.map(\.negated) == [true, true, false])
        #expect(summary.negated == 2)
        #expect(summary.counterSpeech == 2)
        #expect(summary.hits["dehumanization"] == nil)
        #expect(summary.hits["enemy_labeling"] == 1)
        #expect(summary.severityScore == 2)
    }

    @Test func negationWindowIsBounded() throws {
        let d = try detector([("vermin", "dehumanization", 3)])
        let far = d.detect(episode(["never say that, because one two three four five six seven they are vermin"]), station: station)
        #expect(far.hits.map(\.negated) == [false])
    }

    @Test func offensiveAndCounterSpeechDoNotScore() throws {
        let d = try detector([("damn", "offensive", 1), ("we are all neighbours", "counter_speech", 1)])
        let (_, s) = d.detect(episode(["damn it, we are all neighbours"]), station: station)
        #expect(s.hitsTotal == 2)
        #expect(s.harmfulHits == 0)
        #expect(s.severityScore == 0)
        #expect(s.counterSpeech == 1)
    }

    /// Derogation is contempt "without the graver hallmarks": a slur inside a call to
    /// violence is that call, not a second hit; a slur elsewhere still counts.
    @Test func derogationInsideAGraverMatchIsNotCountedTwice() throws {
        let d = try detector([("hunt the vermies", "violence_call", 3), ("vermies", "derogation", 2), ("lazy", "derogation", 1)])
        let hits = d.detect(episode(["hunt the vermies out of the reeds, lazy people"]), station: station).hits
        #expect(hits.map(\.category) == ["violence_call", "derogation"])
        #expect(hits.map(\.matched) == ["hunt the vermies", "lazy"])
        let alone = d.detect(episode(["those vermies again"]), station: station).hits
        #expect(alone.map(\.category) == ["derogation"])
    }

    @Test func hitIDsAreStable() throws {
        let d = try detector([("traitors", "enemy_labeling", 2)])
        let a = d.detect(episode(["hello", "they are traitors"]), station: station).hits
        let b = d.detect(episode(["hello", "they are traitors"]), station: station).hits
        #expect(a.map(\.hitID) == ["st/ep1@1.2"])
        #expect(a == b)
    }

    @Test func snippetKeepsOriginalTextWithoutMarkup() throws {
        let d = try detector([("traitors", "enemy_labeling", 2)])
        let long = (0..<40).map { "w\($0) " }.joined()
        let (hits, _) = d.detect(episode(["<v Host>\(long)<i>the JOURNALISTS are Traitors</i> \(long)"]), station: station)
        let s = try #require(hits.first?.snippet)
        #expect(s.contains("the JOURNALISTS are Traitors"))
        #expect(s.hasPrefix("…"))
        #expect(s.hasSuffix("…"))
        #expect(!s.contains("<i>"))
    }

    @Test func lexiconLoaderReportsEveryBadRow() {
        let csv = "term,category,severity,language,note\nvermin,dehumanization,3,en,x\n,victimhood,2,,\nspies,enemy_labeling,5,,\nok,,1,,\n"
        let r = LexiconLoader.entries(csv: Array(csv.utf8), file: "lex.csv")
        #expect(r.entries.count == 1)
        #expect(r.errors.map(\.line) == [3, 4, 5])
        #expect(r.errors.map(\.code) == ["config.lexicon_empty_term", "config.lexicon_bad_severity", "config.lexicon_bad_category"])
        let missing = LexiconLoader.entries(csv: Array("word,cat\n".utf8), file: "lex.csv")
        #expect(missing.errors.first?.code == "config.lexicon_missing_column")
    }
}

struct IndicatorTests {
    @Test func speakerRolesFromRegistryThenName() throws {
        var st = station
        st.roles = ["amina okello": "host"]
        st.audience = 48_000
        let d = try detector([("traitors", "enemy_labeling", 2)])
        func role(_ speaker: String?) -> String? {
            let e = Normalizer.normalize(Episode(
                episodeID: "st/1", stationID: "st", itemID: "1", title: "t", published: "2025-12-29T08:00:00Z",
                duration: nil, link: nil, enclosure: nil, language: "en", feed: "f", feedLine: 1,
                transcript: TranscriptRef(url: "t"), transcriptFile: "t", transcriptFormat: .text,
                segments: [Segment(speaker: speaker, text: "they are traitors")]))
            return d.detect(e, station: st).hits.first?.speakerRole
        }
        #expect(role("Amina OKELLO") == "host")
        #expect(role("Caller 2") == "caller")
        #expect(role("GUEST") == "guest")
        #expect(role("Presenter") == "host")
        #expect(role("SPEAKER_01") == nil)
        #expect(role(nil) == nil)
        let hit = try #require(d.detect(episode(["they are traitors"]), station: st).hits.first)
        #expect(hit.audience == 48_000)
    }
}

struct LowConfidenceTests {
    @Test func lowConfidenceHitsAreMarkedAndWeightedDown() throws {
        let entries = [LexiconEntry(term: "traitors", category: "enemy_labeling", severity: 2, line: 2)]
        let d = Detector(lexicon: try CompiledLexicon(entries: entries), asr: ASRRule(lowConfidenceWeight: 0.25))
        var e = episode(["they are traitors", "more traitors here"])
        e.segments[1].lowConfidence = true
        let (hits, summary) = d.detect(e, station: station)
        #expect(hits.map(\.lowConfidence) == [false, true])
        #expect(summary.severityScore == 2 + 0.5)
        #expect(summary.lowConfidence == 1)
        #expect(summary.hits["enemy_labeling"] == 2)
    }
}
