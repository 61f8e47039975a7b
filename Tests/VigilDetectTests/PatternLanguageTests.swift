import Testing
import VigilCore
import VigilDetect

/// Builds a detector from CSV rows (lists included) and the test cues.
func csvScorer(_ csv: String, cues: ContextCues = testCues, groups: [GroupTerm] = sampleGroups) throws -> Detector {
    let loaded = LexiconLoader.entries(csv: Array(("term,category,severity,language,note\n" + csv).utf8), file: "lex.csv")
    #expect(loaded.errors.isEmpty, "\(loaded.errors)")
    return Detector(lexicon: try CompiledLexicon(entries: loaded.entries, groups: groups), cues: cues)
}

struct ChoiceAndListTests {
    @Test(arguments: [
        ("{group} (are|is) (like |)(rats|vermin|cockroach*)", "Varnians are like cockroaches; incomers is vermin; Keshi people are mice", ["Varnians are like cockroaches", "incomers is vermin"]),
        ("(take up|pick up) arms", "take up arms, pick up arms, take arms", ["take up arms", "pick up arms"]),
        ("(they|{group}) are vermin", "they are vermin and keshi people are vermin", ["they are vermin", "keshi people are vermin"]),
        ("are ~5(a|the|nothing|but|pack|of) rats", "are nothing but a pack of rats / are a bunch of rats / are rats", ["are nothing but a pack of rats", "are rats"]),
        ("are ~2(a|the) rats", "are a the the rats", []),
    ])
    func choices(_ term: String, _ text: String, _ expected: [String]) throws {
        let d = try scorer([(term, "dehumanization", 3)])
        #expect(matched(d, text) == expected)
    }

    @Test func listsAreDefinedOnceAndUsedAnywhere() throws {
        let d = try csvScorer("""
            {group} ~2 (are|is) {vermin},dehumanization,3,en,uses a list defined below
            {vermin} = rats | cockroach* | lice,list,,en,animal words
            {ref} = {group} | those people,list,,en,people-referents
            {ref} are ~3{filler} {vermin},dehumanization,3,en,fillers only
            {filler} = a | pack | of,list,,en,words a gap may skip
            """)
        #expect(d.lexicon.categories == ["dehumanization"], "list rows are not a category")
        #expect(matched(d, "the incomers are lice") == ["incomers are lice"])
        #expect(matched(d, "those people are a pack of rats") == ["those people are a pack of rats"])
        #expect(matched(d, "those people are eating rats") == [])
        let hit = try #require(d.score("Keshi people now are cockroaches").hits.first)
        #expect(hit.group == "keshi", "a group inside a list is still reported")
    }

    @Test func phrasesAndGroupsInListsAreSharedSubAutomata() throws {
        // 3 groups x 4 people-phrases x 5 verb phrases would be 60+ sequences if expanded;
        // each list is compiled once and called, and the group still reaches the hit.
        let d = try csvScorer("""
            {who} = {group} | those people | these people | that lot,list,,en,x
            {act} = take up arms | burn down | drive out | get rid of | kill,list,,en,x
            {act} ~2 (the |)({who}),violence_call,3,en,x
            {who} ~3 must {act},violence_call,3,en,x
            """)
        #expect(matched(d, "we must drive out the keshi people tonight") == ["drive out the keshi people"])
        #expect(d.score("drive out the keshi people").hits.first?.group == "keshi")
        #expect(matched(d, "get rid of that lot") == ["get rid of that lot"])
        #expect(d.score("get rid of that lot").hits.first?.group == nil)
        #expect(matched(d, "the incomers, they must burn down") == ["incomers, they must burn down"])
        #expect(d.score("the incomers, they must burn down").hits.first?.group == "incomer")
        #expect(matched(d, "drive the goats out") == [])
    }

    @Test func listErrors() {
        func errors(_ csv: String) -> [String] {
            let loaded = LexiconLoader.entries(csv: Array(("term,category,severity\n" + csv).utf8), file: "lex.csv")
            do {
                _ = try CompiledLexicon(entries: loaded.entries, groups: sampleGroups)
                return []
            } catch {
                return error.errors.map { "\($0.line ?? 0) \($0.code)" }
            }
        }
        #expect(errors("{a} = x | y,list,\n{a} = z,list,\n") == ["3 config.lexicon_duplicate_list"])
        #expect(errors("{a} = x | {b},list,\n{b} = {a},list,\nwe {a},derogation,1\n") == ["4 config.lexicon_list_cycle"])
        #expect(errors("a = x,list,\n") == ["2 config.lexicon_bad_list"])
        #expect(errors("{a} = x | | y,list,\n") == ["2 config.lexicon_bad_list"])
    }

    @Test func aListAlternativeWithAnEmptySlotIsLeftOut() throws {
        let d = try csvScorer("{them} = {planets} | {ethnic},list,,en,x\nburn the {them},violence_call,3,en,x\n")
        #expect(matched(d, "burn the varnians") == ["burn the varnians"])
        #expect(d.lexicon.inactive.isEmpty)
    }
}

struct GapLimitTests {
    static let cues = ContextCues(cues: [
        .init(phrase: "not", kind: .barrier), .init(phrase: "never", kind: .barrier), .init(phrase: "t", kind: .barrier),
    ])

    @Test(arguments: [
        ("the Varnians are rats", ["Varnians are rats"]),
        ("the Varnians are not rats", []),
        ("the Varnians aren't rats", []),
        ("the Varnians are never rats", []),
        ("the Varnians. Rats are in the store", []),
        ("the Varnians, you know, rats", ["Varnians, you know, rats"]),
    ])
    func gapsStopAtBarriersAndSentenceEnds(_ text: String, _ expected: [String]) throws {
        let d = try csvScorer("{group} ~3 rats,dehumanization,3,en,x\n", cues: Self.cues)
        #expect(matched(d, text) == expected)
    }

    @Test func aLimitedGapSkipsOnlyItsWords() throws {
        let d = try csvScorer("{group} are ~2(not|a) rats,dehumanization,3,en,the author allowed not\n", cues: Self.cues)
        #expect(matched(d, "varnians are not a rats") == ["varnians are not a rats"], "barriers do not apply to a limited gap")
    }
}

struct CueTests {
    @Test(arguments: [
        ("The Varnians are rats, that is a lie.", true, false),
        ("The Varnians are rats. That is a lie.", true, false),
        ("The Varnians are rats. The sky is blue. That is a lie.", false, false),
        ("The Varnians are rats. Some say that is a lie.", false, false),
        ("The Varnians are rats, one two three four five six seven that is a lie", false, false),
        ("The Varnians are rats, police say", false, true),
        ("Do not say the Varnians are rats", true, false),
        ("Do not wait at all, the Varnians are rats", false, false),
    ])
    func cuesAfterAHitAndCueWindows(_ text: String, _ negated: Bool, _ reported: Bool) throws {
        let cues = ContextCues(cues: [
            .init(phrase: "(that|this) is a lie", kind: .negationAfter),
            .init(phrase: "(police|witnesses) (say|said)", kind: .reportingAfter),
            .init(phrase: "do not", kind: .negation, window: 2),
        ])
        let d = try csvScorer("{group} are rats,dehumanization,3,en,x\n", cues: cues)
        let hit = try #require(d.score(text).hits.first)
        #expect(hit.negated == negated)
        #expect(hit.reported == reported)
    }

    @Test func anEndorsementEndsTheReachOfEarlierCues() throws {
        let cues = ContextCues(cues: [
            .init(phrase: "they say", kind: .reporting), .init(phrase: "never say", kind: .negation),
            .init(phrase: "(but i say|i tell you)", kind: .endorsement),
        ])
        let d = try csvScorer("{group} are rats,dehumanization,3,en,x\n", cues: cues)
        #expect(d.score("they say the Varnians are rats").hits.first?.reported == true)
        #expect(d.score("they say they are good, but I say the Varnians are rats").hits.first?.reported == false)
        #expect(d.score("never say, I tell you, the Varnians are rats").hits.first?.negated == false)
        #expect(d.score("never say the Varnians are rats").hits.first?.negated == true)
    }

    @Test func aHarmfulMatchInsideCounterSpeechIsNegated() throws {
        let d = try csvScorer("""
            (are|is) ~1 traitors,enemy_labeling,2,en,x
            (are|is) not ~1 traitors,counter_speech,1,en,rejects the label
            """, cues: ContextCues(cues: []))
        let r = d.score("the journalists are not our traitors")
        #expect(r.hits.map(\.entry.category) == ["counter_speech"], "'not' is a literal word here, the gap never reaches it")
        let inside = try csvScorer("traitors,enemy_labeling,2,en,x\nare not traitors,counter_speech,1,en,x\n", cues: ContextCues(cues: []))
        let s = inside.score("they are not traitors")
        #expect(s.hits.map(\.entry.category) == ["counter_speech", "enemy_labeling"])
        #expect(s.hits.last?.negated == true)
        #expect(s.categories.isEmpty)
    }

    @Test func anExclusionDropsTheMatchesInsideIt() throws {
        let d = try csvScorer("""
            burn the {group},violence_call,3,en,x
            burn the {group} (team|defence),exclude,1,en,football talk
            """, cues: ContextCues(cues: []))
        #expect(d.lexicon.categories == ["violence_call"], "exclude is not a reported category")
        #expect(d.score("we will burn the Varnians defence on Saturday").hits.isEmpty)
        #expect(d.score("burn the Varnians tonight").categories == ["violence_call"])
    }

    @Test func cueListColumnsAndErrors() {
        let csv = "phrase,kind,language,window\ndo not,negation,en,0\n(that|this) is a lie,negation_after,en,\nnot,barrier,en,\nx,negation,en,99\n{group} said,reporting,en,\n(a|,reporting,en,\nbut i say,endorsement,en,\n"
        let r = LexiconLoader.cues(csv: Array(csv.utf8), file: "cues.csv")
        #expect(r.cues.map(\.kind) == [.negation, .negationAfter, .barrier, .endorsement])
        #expect(r.cues.map(\.window) == [0, nil, nil, nil])
        #expect(r.errors.map { "\($0.line ?? 0) \($0.code)" } == ["5 config.cues_bad_window", "6 config.cues_bad_phrase", "7 config.cues_bad_phrase"])
    }
}

struct ListCheckerTests {
    @Test func listsAreChecked() {
        let csv = """
            term,category,severity,language,note
            {vermin} = rats | mice,list,,en,used
            {spare} = x | y,list,,en,unused
            {ethnic} = a | b,list,,en,hides the kind
            {ethnic} are {vermin},dehumanization,3,en,ok
            rats,dehumanization,3,en,ok
            rats,derogation,2,en,conflict: both reported
            (rats|mice),dehumanization,2,en,shadowed by line 6 for rats; not for mice
            """
        let loaded = LexiconLoader.entries(csv: Array(csv.utf8), file: "l.csv")
        let findings = LexiconChecker.check(entries: loaded.entries, groups: [GroupTerm(term: "varnians", group: "varnian", kind: "ethnic")])
        #expect(findings.map { "\($0.line) \($0.code)" } == ["3 unused_list", "4 list_hides_groups", "7 conflict"])
        #expect(findings.last?.message.contains("both are reported") == true)
    }
}
