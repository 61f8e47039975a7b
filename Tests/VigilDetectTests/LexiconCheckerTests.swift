import Testing
import VigilCore
import VigilDetect

struct LexiconCheckerTests {
    @Test func reportsEveryKindOfProblemWithLines() {
        let csv = """
            term,category,severity,language,note
            cockroach*,dehumanization,3,en,ok
            cockroaches,dehumanization,2,en,shadowed by line 2
            {group} are vermin,dehumanization,3,en,ok
            varnians are vermin,dehumanization,2,en,duplicate of a slot variant
            taking our jobs,victimhood,2,en,ok
            taking our jobs,victimhood,2,en,duplicate
            taking our jobs,us_vs_them,1,en,conflict
            {group are bad,derogation,1,en,syntax
            {planets} are bad,derogation,1,en,unknown slot
            bad things,hateful,2,en,unknown category
            drive ~9 out,violence_call,3,en,gap too large
            spies,enemy_labeling,5,en,bad severity
            """
        let loaded = LexiconLoader.entries(csv: Array(csv.utf8), file: "broken.csv")
        let groups = [GroupTerm(term: "varnians", group: "varnian", kind: "ethnic")]
        let findings = LexiconChecker.check(entries: loaded.entries, loadErrors: loaded.errors, groups: groups)
        let summary = findings.map { "\($0.line) \($0.level.rawValue) \($0.code)" }
        #expect(summary == [
            "3 warning shadowed",
            "5 warning duplicate",
            "7 warning duplicate",
            "8 warning conflict",
            "9 error config.lexicon_bad_term",
            "10 warning empty_slot",
            "11 warning unknown_category",
            "12 error config.lexicon_bad_term",
            "13 error config.lexicon_bad_severity",
        ])
        #expect(findings[0].description.hasPrefix("broken.csv:3: warning: shadowed: cockroaches: never reported: line 2"))
    }

    @Test func aCleanLexiconHasNoFindings() {
        let csv = "term,category,severity\nvermin,dehumanization,3\nwe are all neighbours,counter_speech,1\n{pests} = rats | mice,list,\n{pests} are vermin,exclude,1\n"
        let loaded = LexiconLoader.entries(csv: Array(csv.utf8), file: "ok.csv")
        #expect(LexiconChecker.check(entries: loaded.entries, groups: []).isEmpty)
    }
}

struct EvaluatorTests {
    @Test func computesPrecisionRecallAndKinds() throws {
        let d = try scorer([("cockroach*", "dehumanization", 3), ("taking our jobs", "victimhood", 2)])
        let examples = [
            Evaluator.Example(id: "1", text: "they are cockroaches", labels: ["dehumanization"], kind: "hate"),
            Evaluator.Example(id: "2", text: "cockroach spray on sale", labels: [], kind: "idiom"),
            Evaluator.Example(id: "3", text: "they steal our land", labels: ["victimhood"], kind: "hate"),
            Evaluator.Example(id: "4", text: "never call them cockroaches", labels: [], kind: "counter_speech"),
        ]
        let r = Evaluator.evaluate(examples, with: d)
        let dehum = try #require(r.categories.first { $0.0 == "dehumanization" }?.1)
        #expect(dehum.truePositives == 1 && dehum.falsePositives == 1 && dehum.falseNegatives == 0)
        #expect(r.overall.truePositives == 1 && r.overall.falsePositives == 1 && r.overall.falseNegatives == 1)
        #expect(r.overall.precision == 0.5 && r.overall.recall == 0.5)
        #expect(r.kinds.first { $0.kind == "counter_speech" }?.notHate == 1)
        #expect(r.misses.map(\.example.id) == ["2", "3"])
    }
}
