import Testing
import VigilCore
import VigilDetect

let testCues = ContextCues(cues: [
    .init(phrase: "never call", kind: .negation), .init(phrase: "stop calling", kind: .negation),
    .init(phrase: "it is wrong to say", kind: .negation),
    .init(phrase: "he said", kind: .reporting), .init(phrase: "the leaflets called", kind: .reporting),
    .init(phrase: "according to", kind: .reporting),
    .init(phrase: "tonight", kind: .imminence), .init(phrase: "before the vote", kind: .imminence),
    .init(phrase: "jamais", kind: .negation, language: "fr"),
])

func scorer(_ rows: [(String, String, Int)], language: [String?]? = nil, groups: [GroupTerm] = sampleGroups) throws -> Detector {
    let entries = rows.enumerated().map { i, r in
        LexiconEntry(term: r.0, category: r.1, severity: r.2, language: language?[i], line: i + 2)
    }
    return Detector(lexicon: try CompiledLexicon(entries: entries, groups: groups), cues: testCues)
}

let sampleGroups = [
    GroupTerm(term: "varnians", group: "varnian", kind: "ethnic"),
    GroupTerm(term: "keshi people", group: "keshi", kind: "ethnic"),
    GroupTerm(term: "incomers", group: "incomer", kind: "migrant"),
]

func matched(_ d: Detector, _ text: String) -> [String] {
    d.score(text).spans
}

struct LexiconSyntaxTests {
    @Test(arguments: [
        ("taking our jobs", "they are taking our jobs", ["taking our jobs"]),
        ("taking our jobs", "they are taking our land", []),
        ("cockroach*", "a cockroach, two cockroaches", ["cockroach", "cockroaches"]),
        ("cockroach*", "cock roaches", []),
        ("infest* {group}", "Infested Varnians, infesting incomers", ["Infested Varnians", "infesting incomers"]),
        ("{group} ~2 taking our jobs", "varnians taking our jobs", ["varnians taking our jobs"]),
        ("{group} ~2 taking our jobs", "the incomers are now taking our jobs", ["incomers are now taking our jobs"]),
        ("{group} ~2 taking our jobs", "the incomers are now all taking our jobs", []),
        ("{group} ~* taking our jobs", "the incomers, my friend, one two three four five six seven eight nine, taking our jobs", ["incomers, my friend, one two three four five six seven eight nine, taking our jobs"]),
        ("{group} ~* taking our jobs", "the incomers are fine. Somebody is taking our jobs", []),
        ("{migrant} are vermin", "incomers are vermin, varnians are vermin", ["incomers are vermin"]),
        ("{ethnic} are vermin", "Keshi people are vermin", ["Keshi people are vermin"]),
        ("don't trust {group}", "Don’t trust varnians", ["Don’t trust varnians"]),
        ("ＶＥＲＭＩＮ", "vermin", ["vermin"]),
    ])
    func matchesTermSyntax(_ term: String, _ text: String, _ expected: [String]) throws {
        let d = try scorer([(term, "dehumanization", 3)])
        #expect(matched(d, text) == expected)
    }

    @Test(arguments: [
        ("{group are vermin", "config.lexicon_bad_term"),
        ("vermin }", "config.lexicon_bad_term"),
        ("{group} ~9 jobs", "config.lexicon_bad_term"),
        ("(rats|mice", "config.lexicon_bad_term"),
        ("rats)", "config.lexicon_bad_term"),
        ("rats | mice", "config.lexicon_bad_term"),
        ("(rats|(mice|lice))", "config.lexicon_bad_term"),
        ("(rats ~2 mice|lice) here", "config.lexicon_bad_term"),
        ("(|) vermin", "config.lexicon_bad_term"),
        ("(the |a |)", "config.lexicon_empty_term"),
        ("are ~3(a big|the) rats", "config.lexicon_bad_term"),
        ("are ~3({group}) rats", "config.lexicon_bad_term"),
        ("{group} ~x jobs", "config.lexicon_bad_term"),
        ("{group} ~*", "config.lexicon_bad_term"),
        ("~2 taking our jobs", "config.lexicon_bad_term"),
        ("taking our jobs ~2", "config.lexicon_bad_term"),
        ("!!! ...", "config.lexicon_empty_term"),
    ])
    func rejectsBadTerms(_ term: String, _ code: String) {
        #expect {
            try scorer([(term, "dehumanization", 3)])
        } throws: { error in
            (error as? CompiledLexicon.CompileErrors)?.errors.first?.code == code
        }
    }

    @Test func slotsWithoutTermsLeaveTheEntryInactive() throws {
        let d = try scorer([("{planets} are vermin", "dehumanization", 3), ("vermin", "dehumanization", 2)])
        #expect(d.lexicon.inactive.map(\.slot) == ["planets"])
        #expect(d.score("martians are vermin").spans == ["vermin"])
    }

    @Test func overlappingMatchesLongestThenMostSevereThenFirstWithinACategory() throws {
        let d = try scorer([
            ("drive", "violence_call", 1), ("drive them out", "violence_call", 3), ("them out", "violence_call", 2),
            ("drive ~2 out", "violence_call", 2), ("rats", "threat_conspiracy", 1), ("rats", "dehumanization", 2),
            ("kill them", "violence_call", 2), ("kill them", "violence_call", 3),
        ])
        #expect(d.score("drive them out").hits.map(\.entry.term) == ["drive them out"])
        #expect(d.score("drive them all out").hits.map(\.entry.term) == ["drive ~2 out"])
        #expect(d.score("we drive home").hits.map(\.entry.term) == ["drive"])
        #expect(d.score("kill them").hits.map(\.entry.severity) == [3], "equal length: the more severe entry")
        // After a match, scanning for its category resumes past it: a category never overlaps itself.
        #expect(d.score("drive them out them out").hits.map(\.entry.term) == ["drive them out", "them out"])
        // Two categories may both report the same words.
        #expect(d.score("those rats").hits.map(\.entry.category) == ["threat_conspiracy", "dehumanization"])
    }

    @Test func differentCategoriesOverlap() throws {
        let d = try scorer([("{group} are cockroaches", "dehumanization", 3), ("{group} ~5 crush them", "violence_call", 3), ("crush", "offensive", 1)])
        let r = d.score("the Varnians are cockroaches and we must crush them")
        #expect(r.categories == ["dehumanization", "violence_call"])
        #expect(r.spans == ["Varnians are cockroaches", "Varnians are cockroaches and we must crush them"])
        #expect(!r.hits.contains { $0.entry.category == "offensive" }, "an offensive match inside a harmful one is left out")
        #expect(d.score("crush the ice").hits.map(\.entry.category) == ["offensive"])
    }

    @Test func wildcardEdgeCases() throws {
        let d = try scorer([("vermin*", "dehumanization", 3), ("rat", "dehumanization", 2), ("verminous filth", "dehumanization", 3)])
        #expect(matched(d, "vermin") == ["vermin"], "a stem matches the bare word too")
        #expect(matched(d, "VERMINOUS") == ["VERMINOUS"])
        #expect(matched(d, "verminous filth") == ["verminous filth"], "longest wins over the stem")
        #expect(matched(d, "rate rather rats") == [], "exact words do not match longer words")
        #expect(matched(d, "overmind") == [], "stems match at the start of a token only")
    }

    @Test func entriesApplyToTheirLanguage() throws {
        let d = try scorer([("vermine", "dehumanization", 3), ("vermin", "dehumanization", 3), ("cafard*", "dehumanization", 3)], language: ["fr", "en", nil])
        #expect(d.score("vermine vermin cafards", language: "fr").spans == ["vermine", "cafards"])
        #expect(d.score("vermine vermin cafards", language: "en-GB").spans == ["vermin", "cafards"])
        #expect(d.score("vermine vermin cafards", language: nil).spans == ["vermine", "vermin", "cafards"])
    }
}

struct ContextTests {
    @Test(arguments: [
        ("Never call them cockroaches.", true, false),
        ("It is wrong to say the Varnians are cockroaches", true, false),
        ("Stop calling them cockroaches. They are cockroaches", true, false),
        ("He said the Varnians are cockroaches", false, true),
        ("The leaflets called them cockroaches", false, true),
        ("According to the police the mob shouted they are cockroaches", false, true),
        ("They are cockroaches", false, false),
        ("He said hello. They are cockroaches", false, false),
    ])
    func negationAndReporting(_ text: String, _ negated: Bool, _ reported: Bool) throws {
        let d = try scorer([("cockroach*", "dehumanization", 3), ("{group} are cockroach*", "dehumanization", 3)])
        let first = try #require(d.score(text).hits.first)
        #expect(first.negated == negated)
        #expect(first.reported == reported)
        let harmful = !negated && !reported
        #expect(d.score(text).categories.isEmpty == !harmful || text.hasPrefix("Stop calling"))
    }

    @Test func reportedAndNegatedHitsDoNotScore() throws {
        let d = try scorer([("cockroach*", "dehumanization", 3)])
        #expect(d.score("he said they are cockroaches").score == 0)
        #expect(d.score("never call them cockroaches").categories == [])
        #expect(d.score("they are cockroaches").score == 3)
    }

    @Test func cuesFollowTheTextLanguage() throws {
        let d = try scorer([("cafard*", "dehumanization", 3)])
        #expect(d.score("jamais cafards", language: "fr").hits.first?.negated == true)
        #expect(d.score("jamais cafards", language: "en").hits.first?.negated == false)
    }

    @Test func imminenceNearViolenceCalls() throws {
        let d = try scorer([("drive the {group} out", "violence_call", 3), ("{group} are vermin", "dehumanization", 3)])
        let r = d.score("Tonight we drive the Varnians out, before the vote. Varnians are vermin, tonight.")
        #expect(r.hits.map(\.imminence) == [["tonight", "before the vote"], []])
    }
}
