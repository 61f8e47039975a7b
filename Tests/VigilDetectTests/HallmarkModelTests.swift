import Testing
import VigilCore
import VigilDetect

/// A small labelled set: grievance lines about a group, and look-alikes that are not.
private let groups = [GroupTerm(term: "varnians", group: "varnian", kind: "ethnic"), GroupTerm(term: "keshi", group: "keshi", kind: "ethnic")]

private func examples() -> [Evaluator.Example] {
    let grievance = [
        "the varnians get the new wells while our cattle drink mud",
        "every permit goes to the keshi while our sons wait at the gate",
        "the varnians get the loans while our shops close one by one",
        "the keshi get the clinic beds while our mothers sleep on the floor",
        "all the bursaries went to the varnians while our children stay home",
        "the keshi get the ferry seats while our traders walk",
    ]
    let plain = [
        "the new wells were dug by the county this year",
        "our cattle drink from the river when the rains fail",
        "the varnians and the keshi sang together at the harvest festival",
        "the permit office opens on monday at eight",
        "the clinic has new beds for mothers",
        "my sons wait at the gate for the school bus",
        "the ferry seats are full on market day",
        "the loans office has moved next to the post office",
    ]
    return grievance.enumerated().map { Evaluator.Example(id: "g\($0)", text: $1, labels: ["victimhood"]) }
        + plain.enumerated().map { Evaluator.Example(id: "p\($0)", text: $1, labels: []) }
}

private func trained(threshold: Double = 0.5) -> HallmarkModel {
    var s = HallmarkTrainer.Settings()
    s.threshold = threshold
    return HallmarkTrainer.train(examples(), groups: groups, settings: s, file: "test-model.tsv")
}

private func withModel(_ model: HallmarkModel, rows: [(String, String, Int)] = [], groupList: [GroupTerm] = groups) throws -> Detector {
    let entries = rows.enumerated().map { i, r in LexiconEntry(term: r.0, category: r.1, severity: r.2, line: i + 2) }
    return Detector(lexicon: try CompiledLexicon(entries: entries, groups: groupList), model: model.reading(groups: groupList))
}

struct HallmarkModelTests {
    @Test func trainingIsDeterministicAndTheFileReadsBackTheSameModel() throws {
        let a = trained().tsv(comments: ["c"]), b = trained().tsv(comments: ["c"])
        #expect(a == b)
        let read = try HallmarkModel(tsv: a, file: "test-model.tsv")
        #expect(read.tsv(comments: ["c"]) == a)
        #expect(read.features == trained().features)
        #expect(read.categories == Category.standard.filter(Category.isHarmful))
        // Scores from the file equal those of the model in memory.
        let text = "the keshi get the new loans while our cattle drink mud"
        let fromFile = try withModel(read).score(text)
        let inMemory = try withModel(trained()).score(text)
        #expect(fromFile.categories == inMemory.categories)
        #expect(fromFile.hits.map(\.entry.term) == inMemory.hits.map(\.entry.term))
    }

    @Test func firesOnAnUnseenSentenceOfTheTrainedShapeAndExplainsIt() throws {
        let r = try withModel(trained()).score("the keshi get the grazing land while our goats go hungry")
        #expect(r.categories == ["victimhood"])
        let hit = try #require(r.hits.first)
        #expect(hit.entry.term.hasPrefix("model 0."))
        #expect(hit.entry.file == "test-model.tsv")
        #expect(hit.entry.line == 0)
        #expect(hit.entry.severity == 2)
        // The evidence names features of this sentence, group names read as {group}.
        let evidence = hit.entry.term.split(separator: ":", maxSplits: 1)[1].split(separator: "·").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!evidence.isEmpty && evidence.count <= 3)
        #expect(evidence.contains { $0.contains("while our") || $0.contains("{group} get") || $0.contains("get the") })
        #expect(r.spans == ["the keshi get the grazing land while our goats go hungry"])
    }

    @Test func staysQuietOnNeutralTalk() throws {
        let d = try withModel(trained())
        for text in ["the rains came late to the valley this year", "the keshi choir sang at the festival", "our cattle drink from the river"] {
            #expect(d.score(text).categories.isEmpty, "\(text)")
        }
    }

    @Test func groupTermsOfAnotherListReadAsGroup() throws {
        // Trained on Varnians and Keshi; the deployment's list names another group.
        let other = [GroupTerm(term: "tallics", group: "tallic", kind: "national")]
        let d = try withModel(trained(), groupList: other)
        #expect(d.score("the tallics get the new wells while our cattle drink mud").categories == ["victimhood"])
        // Without the group in the list the word is just a word the model never saw.
        let bare = try withModel(trained(), groupList: [])
        let p = bare.score("the tallics get the new wells while our cattle drink mud")
        let q = d.score("the tallics get the new wells while our cattle drink mud")
        #expect(p.hits.first?.entry.term != q.hits.first?.entry.term)
    }

    @Test func negationAndReportingCuesInTheSentenceKeepItFromCounting() throws {
        let d = try withModel(trained())
        let negated = d.score("it is wrong to say the keshi get the wells while our cattle drink mud")
        #expect(negated.categories.isEmpty)
        #expect(negated.hits.first?.negated == true)
        let reported = d.score("the leaflets said the keshi get the wells while our cattle drink mud")
        #expect(reported.categories.isEmpty)
        #expect(reported.hits.first?.reported == true)
        // A cue that must stand right before a hit ("never", "not": window 0) does not
        // negate a whole sentence.
        let local = d.score("the keshi get the wells while our cattle never drink anything but mud")
        #expect(local.categories == ["victimhood"])
        #expect(local.hits.first?.negated == false)
        // An endorsement after the cue restores it ("… but I say …").
        let endorsed = d.score("they say it is wrong to say so but i say the keshi get the wells while our cattle drink mud")
        #expect(endorsed.categories == ["victimhood"])
    }

    @Test func aLexiconHitOfTheSameCategoryInTheSentenceComesFirst() throws {
        let d = try withModel(trained(), rows: [("while our cattle", "victimhood", 2)])
        let r = d.score("the keshi get the wells while our cattle drink mud")
        #expect(r.hits.map(\.entry.term) == ["while our cattle"])
        // Another category in the same sentence does not hide the model's.
        let e = try withModel(trained(), rows: [("mud", "derogation", 1)])
        let s = e.score("the keshi get the wells while our cattle drink mud")
        #expect(Set(s.hits.map(\.entry.category)) == ["derogation", "victimhood"])
        #expect(s.hits.first?.entry.category == "victimhood")  // the model's sentence starts earlier
    }

    @Test func eachSentenceIsJudgedAlone() throws {
        let d = try withModel(trained())
        let r = d.score("The festival was lovely. The keshi get the wells while our cattle drink mud. See you tomorrow.")
        #expect(r.spans == ["The keshi get the wells while our cattle drink mud"])
    }

    @Test func transcriptsGetModelHitsWithTheirPlaceAndFile() throws {
        let d = try withModel(trained())
        let (hits, summary) = d.detect(episode(["Good morning.", "The keshi get the wells while our cattle drink mud."]), station: station)
        let hit = try #require(hits.first)
        #expect(hits.count == 1)
        #expect(hit.category == "victimhood")
        #expect(hit.lexicon == "test-model.tsv" && hit.lexiconLine == 0)
        #expect(hit.segment == 1 && hit.token == 0)
        #expect(hit.hitID == "st/ep1@1.0")
        #expect(summary.hits["victimhood"] == 1)
    }

    @Test(arguments: [
        ("nonsense\t1\n", 1, "not a Vigil hallmark model"),
        ("vigil-hallmark-model\t1\nfeature\tvictimhood\n<bias>\t0\n", 4, "no 'threshold' row"),
        ("vigil-hallmark-model\t1\nthreshold\t1.5\n", 2, "threshold must be"),
        ("vigil-hallmark-model\t1\nthreshold\t0.5\nfeature\toffensive\n", 3, "not a harmful category nor counter_speech"),
        ("vigil-hallmark-model\t1\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t0\na b\t1\t2\n", 5, "2 weights for 1 categories"),
        ("vigil-hallmark-model\t1\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t0\na b\tx\n", 5, "'x' is not a number"),
        ("vigil-hallmark-model\t1\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t0\na b\t1\na b\t2\n", 6, "appears twice"),
        ("vigil-hallmark-model\t1\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t0\na b c d\t1\n", 5, "is not a feature"),
        ("vigil-hallmark-model\t1\nweights\t1\n", 2, "before the 'feature' header"),
        ("vigil-hallmark-model\t1\nthreshold\t0.5\nfeature\tvictimhood\na\t1\n", 5, "no '<bias>' row"),
        ("vigil-hallmark-model\t3\nthreshold\t0.5\n", 1, "reads versions 1 and 2"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\nsecond\t1\n", 3, "second must be"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\ncounter\tmaybe\n", 3, "counter must be 'strongest' or 'threshold'"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\noverrule\t0.5\n", 3, "overrule must be two numbers"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\noverrule\t0.5\t1\n", 3, "overrule must be two numbers"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\noverrule\t0\t0.1\n", 3, "overrule must be two numbers"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\noverrule\t0.5\t0.1\nfeature\tvictimhood\n<bias>\t0\n", 3, "needs the counter_speech category"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\ndoubt\t0\n", 3, "doubt must be one number"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\ndoubt\t0.1\t0.2\n", 3, "doubt must be one number"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\ndoubt\t0.6\nfeature\tvictimhood\n<bias>\t0\n", 3, "must be below the threshold"),
        ("vigil-hallmark-model\t1\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t0\nS:walk\t1\n", 5, "needs a version-2 model file"),
        ("vigil-hallmark-model\t1\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t0\nC:^wal\t1\n", 5, "needs a version-2 model file"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t0\nS:a b c\t1\n", 5, "is not a feature"),
        ("vigil-hallmark-model\t2\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t0\nC:\t1\n", 5, "is not a feature"),
    ])
    func malformedFilesAreRejectedWithTheirLine(text: String, line: Int, message: String) {
        #expect {
            _ = try HallmarkModel(tsv: Array(text.utf8), file: "m.tsv")
        } throws: { error in
            guard let e = error as? HallmarkModel.FormatError else { return false }
            return e.line == line && e.message.contains(message)
        }
    }

    /// A hand-written model: `rows` are (feature, weight per category).
    private func model(version: Int = 2, second: Double? = nil, counter: String? = nil, overrule: String? = nil, doubt: String? = nil,
                       categories: [String] = ["victimhood"], rows: [(String, [Double])]) throws -> HallmarkModel {
        var text = "vigil-hallmark-model\t\(version)\nthreshold\t0.5\n" + (second.map { "second\t\($0)\n" } ?? "")
        text += counter.map { "counter\t\($0)\n" } ?? ""
        text += overrule.map { "overrule\t\($0)\n" } ?? ""
        text += doubt.map { "doubt\t\($0)\n" } ?? ""
        text += (["feature"] + categories).joined(separator: "\t") + "\n"
        text += (["<bias>"] + categories.map { _ in "-2" }).joined(separator: "\t") + "\n"
        for (name, weights) in rows { text += ([name] + weights.map { "\($0)" }).joined(separator: "\t") + "\n" }
        return try HallmarkModel(tsv: Array(text.utf8), file: "m.tsv")
    }

    @Test func stemsAndLetterPiecesReachSpellingsTheWordsMiss() throws {
        // A weight on the word "walk" fires only on "walk"; on its stem, also on "walks",
        // "walked", "walking"; on the letter piece "^walk", also on "walkout".
        let word = try withModel(model(rows: [("walk", [3])]))
        let stem = try withModel(model(rows: [("S:walk", [3])]))
        let piece = try withModel(model(rows: [("C:^walk", [3])]))
        let bigram = try withModel(model(rows: [("S:{group} walk", [3])]))
        for text in ["they walk", "they walks", "they walked", "they walking", "a walkout"] {
            let fires = text == "they walk"
            #expect(word.score(text).categories == (fires ? ["victimhood"] : []), "\(text)")
            #expect(stem.score(text).categories == (text == "a walkout" ? [] : ["victimhood"]), "\(text)")
            #expect(piece.score(text).categories == ["victimhood"], "\(text)")
        }
        #expect(bigram.score("the keshi walked out").categories == ["victimhood"])
        #expect(bigram.score("the dogs walked out").categories.isEmpty)
        // Short words keep their ending ("bed" stays "bed"; "beds" too: a stem keeps 4 bytes).
        #expect(try withModel(model(rows: [("S:bed", [3])])).score("two beds").categories.isEmpty)
        // A version-1 file reads its word features as before and computes no others.
        let v1 = try withModel(model(version: 1, rows: [("walk", [3])]))
        #expect(v1.score("they walk").categories == ["victimhood"])
        #expect(v1.score("they walked").categories.isEmpty)
    }

    @Test func aSecondCategoryNeedsTheSecondBar() throws {
        // "x" gives victimhood 0.88 and us_vs_them 0.73 (bias −2, threshold 0.5).
        let cats = ["victimhood", "us_vs_them"]
        let rows = [("x", [4.0, 3.0])]
        #expect(try withModel(model(categories: cats, rows: rows)).score("x").categories == ["us_vs_them", "victimhood"])
        #expect(try withModel(model(second: 0.8, categories: cats, rows: rows)).score("x").categories == ["victimhood"])
        #expect(try withModel(model(second: 0.7, categories: cats, rows: rows)).score("x").categories == ["us_vs_them", "victimhood"])
        // The file keeps the bar.
        let m = try model(second: 0.8, categories: cats, rows: rows)
        #expect(m.second == 0.8 && m.version == 2)
        #expect(String(decoding: m.tsv(), as: UTF8.self).contains("\nsecond\t0.8\n"))
    }

    @Test func counterSpeechMustBeStrongestWhenTheFileSaysSo() throws {
        // "x" reads victimhood 0.88 and counter-speech 0.73; "y" the other way round.
        let cats = ["victimhood", "counter_speech"]
        let rows = [("x", [4.0, 3.0]), ("y", [3.0, 4.0])]
        let strongest = try model(counter: "strongest", categories: cats, rows: rows)
        #expect(strongest.counterStrongest)
        #expect(try withModel(strongest).score("x").categories == ["victimhood"])
        #expect(try withModel(strongest).score("y").categories.isEmpty)
        // A lexicon hit in a sentence the model half-reads as a rebuttal still counts.
        let lexical = try withModel(strongest, rows: [("x", "victimhood", 2)]).score("x")
        #expect(lexical.categories == ["victimhood"] && lexical.hits.allSatisfy { !$0.negated })
        // Without the row (or with 'threshold'), counter-speech at the threshold is enough.
        for plain in [try model(categories: cats, rows: rows), try model(counter: "threshold", categories: cats, rows: rows)] {
            #expect(!plain.counterStrongest)
            #expect(try withModel(plain).score("x").categories.isEmpty)
            #expect(try withModel(plain).score("y").categories.isEmpty)
        }
        // The file keeps the rule; trained files with counter-speech get it by default.
        #expect(String(decoding: strongest.tsv(), as: UTF8.self).contains("\ncounter\tstrongest\n"))
        var data = examples()
        data.append(Evaluator.Example(id: "c0", text: "every permit goes to the keshi is pure rubbish", labels: [], kind: "counter_speech"))
        #expect(HallmarkTrainer.train(data, groups: groups, file: "cs.tsv").counterStrongest)
        var settings = HallmarkTrainer.Settings()
        settings.counterStrongest = false
        #expect(!HallmarkTrainer.train(data, groups: groups, settings: settings, file: "cs.tsv").counterStrongest)
        #expect(!trained().counterStrongest)  // no counter-speech category, no rule
    }

    @Test func cuesYieldWhereTheFileSaysTheModelIsSure() throws {
        // "x" reads victimhood 0.88, counter-speech 0.007; "z" victimhood 0.88 but
        // counter-speech 0.45 (below the threshold, so not counter-speech itself).
        let cats = ["victimhood", "counter_speech"]
        let rows = [("x", [4.0, -3.0]), ("z", [4.0, 1.8])]
        let sure = try model(overrule: "0.5\t0.1", categories: cats, rows: rows)
        #expect(sure.overrule == HallmarkModel.Overrule(harmful: 0.5, counter: 0.1))
        let plain = try model(categories: cats, rows: rows)
        let demanding = try model(overrule: "0.9\t0.1", categories: cats, rows: rows)
        for text in ["it is wrong to say x", "he said x"] {
            // A negation or reporting cue marks the model's hit…
            let before = try withModel(plain).score(text)
            #expect(before.categories.isEmpty && before.hits.count == 1, "\(text)")
            #expect(before.hits.allSatisfy { $0.negated || $0.reported }, "\(text)")
            // …unless the model is sure of the category and reads no counter-speech.
            let after = try withModel(sure).score(text)
            #expect(after.categories == ["victimhood"] && after.hits.allSatisfy { !$0.negated && !$0.reported }, "\(text)")
            #expect(try withModel(demanding).score(text).categories.isEmpty, "\(text)")
            #expect(try withModel(sure).score(text.replacing("x", with: "z")).categories.isEmpty, "\(text)")
            // The same for a lexicon hit in such a sentence.
            #expect(try withModel(plain, rows: [("x", "victimhood", 2)]).score(text).categories.isEmpty, "\(text)")
            let lexical = try withModel(sure, rows: [("x", "victimhood", 2)]).score(text)
            #expect(lexical.categories == ["victimhood"] && lexical.hits.count == 1 && lexical.hits[0].entry.line == 2, "\(text)")
        }
        // A counter-speech term around the hit still negates it: the lexicon says so in words.
        let rebutted = try withModel(sure, rows: [("x", "victimhood", 2), ("wrong to say x", "counter_speech", 1)]).score("it is wrong to say x")
        #expect(rebutted.categories.isEmpty && rebutted.hits.contains { $0.entry.category == "victimhood" && $0.negated })
        // The file keeps the rule; trained files with counter-speech get 0.5 / 0.1 by default.
        #expect(String(decoding: sure.tsv(), as: UTF8.self).contains("\noverrule\t0.5\t0.1\n"))
        #expect(try HallmarkModel(tsv: sure.tsv(), file: "m.tsv").overrule == sure.overrule)
        var data = examples()
        data.append(Evaluator.Example(id: "c0", text: "every permit goes to the keshi is pure rubbish", labels: [], kind: "counter_speech"))
        #expect(HallmarkTrainer.train(data, groups: groups, file: "cs.tsv").overrule == HallmarkModel.Overrule(harmful: 0.5, counter: 0.1))
        var settings = HallmarkTrainer.Settings()
        settings.overrule = nil
        #expect(HallmarkTrainer.train(data, groups: groups, settings: settings, file: "cs.tsv").overrule == nil)
        #expect(trained().overrule == nil)  // no counter-speech category, no rule
    }

    @Test func theModelDoubtsLexiconHitsOnlyFromWordsItKnows() throws {
        // "tallo" weighs for derogation, "sign" against it; "grab" reads victimhood.
        let cats = ["victimhood", "derogation"]
        let rows = [("tallo", [0.0, 1.0]), ("sign", [0.0, -5.0]), ("grab", [5.0, 0.0])]
        let doubting = try model(doubt: "0.1", categories: cats, rows: rows)
        #expect(doubting.doubt == 0.1)
        let plain = try model(categories: cats, rows: rows)
        let lexicon = [("tallo", "derogation", 2), ("dorrie", "derogation", 2)]
        // No cue marks "big sign tallo": without the row the slur counts…
        #expect(try withModel(plain, rows: lexicon).score("big sign tallo").categories == ["derogation"])
        // …with it the model, which knows the word, reads derogation at 0.0025 there: reported.
        let doubted = try withModel(doubting, rows: lexicon).score("big sign tallo")
        #expect(doubted.categories.isEmpty && doubted.hits.count == 1 && doubted.hits[0].reported && !doubted.hits[0].negated)
        // Not where the model reads the category at 0.27 (above the doubt) …
        #expect(try withModel(doubting, rows: lexicon).score("those tallo").categories == ["derogation"])
        // … nor where it reads a harmful category at its threshold in the sentence …
        let graver = try withModel(doubting, rows: lexicon).score("big sign tallo grab")
        #expect(Set(graver.categories) == ["victimhood", "derogation"] && graver.hits.allSatisfy { !$0.reported })
        // … nor for words it never learned: a user's own slurs are theirs to judge.
        #expect(try withModel(doubting, rows: lexicon).score("big sign dorrie").categories == ["derogation"])
        // The file keeps the row; trained files get 0.02 by default, below their threshold.
        #expect(String(decoding: doubting.tsv(), as: UTF8.self).contains("\ndoubt\t0.1\n"))
        #expect(try HallmarkModel(tsv: doubting.tsv(), file: "m.tsv").doubt == 0.1)
        #expect(trained().doubt == 0.02)
        var settings = HallmarkTrainer.Settings()
        settings.doubt = nil
        #expect(HallmarkTrainer.train(examples(), groups: groups, settings: settings, file: "d.tsv").doubt == nil)
        settings.doubt = 0.4
        settings.threshold = 0.3
        #expect(HallmarkTrainer.train(examples(), groups: groups, settings: settings, file: "d.tsv").doubt == nil)
    }

    @Test func trainedFilesAreVersion2WithStemsAndPieces() throws {
        let m = trained()
        #expect(m.version == 2 && m.second == 0.5)
        let text = String(decoding: m.tsv(), as: UTF8.self)
        #expect(text.contains("\nS:") && text.contains("\nC:"))
        #expect(text.hasPrefix("vigil-hallmark-model\t2\nthreshold\t0.5\nsecond\t0.5\n"))
    }

    @Test func featureWordsThatLookLikeKeywordsAreFeatures() throws {
        let text = "# comment\nvigil-hallmark-model\t1\nthreshold\t0.5\nfeature\tvictimhood\n<bias>\t-1\nthreshold\t3\nfeature\t0.5\n"
        let m = try HallmarkModel(tsv: Array(text.utf8), file: "m.tsv")
        #expect(m.features == 2)
        #expect(m.threshold == 0.5)
    }

    @Test func aSentenceReadAsCounterSpeechNegatesTheHarmfulHitsInIt() throws {
        // Counter-speech lines (kind) that reject the grievance in words no cue list has.
        let rejections = [
            "the keshi get the wells while our cattle drink mud is pure rubbish from idle men",
            "the varnians get the loans while our shops close is pure rubbish from idle men",
            "every permit goes to the keshi is pure rubbish from idle men",
            "the keshi get the clinic beds is pure rubbish from idle men",
        ]
        var data = examples()
        data += rejections.enumerated().map { Evaluator.Example(id: "c\($0)", text: $1, labels: [], kind: "counter_speech") }
        let model = HallmarkTrainer.train(data, groups: groups, file: "cs.tsv")
        #expect(model.categories.last == "counter_speech")
        #expect(model.categories.count == 8)
        // Trained without kinds, no counter-speech category.
        #expect(!trained().categories.contains("counter_speech"))

        let d = try withModel(model, rows: [("while our cattle", "victimhood", 2)])
        let hate = d.score("the varnians get the ferry seats while our cattle drink mud")
        #expect(hate.categories == ["victimhood"])
        let rejected = d.score("the varnians get the ferry seats while our cattle drink mud is pure rubbish from idle men")
        #expect(rejected.categories.isEmpty)
        #expect(rejected.hits.map(\.entry.term) == ["while our cattle"])
        #expect(rejected.hits.allSatisfy { $0.negated })
        // The file keeps the category.
        let read = try HallmarkModel(tsv: model.tsv(), file: "cs.tsv")
        #expect(read.categories == model.categories)
    }
}
