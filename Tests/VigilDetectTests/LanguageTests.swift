import Testing
import VigilCore
import VigilDetect

/// Lexicons per language, non-Latin scripts, and per-language folding.
struct LanguageTests {
    let lexicon: [(String, String, Int, String)] = [
        ("{group} በረሮዎች ናቸው", "dehumanization", 3, "am"),      // Amharic: "… are cockroaches"
        ("الصراصير", "dehumanization", 3, "ar"),                  // Arabic: "the cockroaches"
        ("тараканы", "dehumanization", 3, "ru"),                  // Russian: "cockroaches"
        ("cockroaches", "dehumanization", 3, "en"),
    ]
    let groups = [
        GroupTerm(term: "ቫርኒያውያን", group: "varnian", kind: "ethnic"),
        GroupTerm(term: "الفارنيون", group: "varnian", kind: "ethnic"),
    ]

    func detector(folding: LanguageFolding = LanguageFolding(), extra: [(String, String, Int, String)] = []) throws -> Detector {
        let entries = (lexicon + extra).enumerated().map { i, r in LexiconEntry(term: r.0, category: r.1, severity: r.2, language: r.3, line: i + 2) }
        return Detector(lexicon: try CompiledLexicon(entries: entries, groups: groups, folding: folding), cues: ContextCues(cues: []))
    }

    @Test(arguments: [
        ("ቫርኒያውያን በረሮዎች ናቸው።", ["ቫርኒያውያን", "በረሮዎች", "ናቸው"]),
        ("ሰላም፡ለሁሉም", ["ሰላም", "ለሁሉም"]),
        ("الفارنيون هم الصراصير!", ["الفارنيون", "هم", "الصراصير"]),
        ("Они ТАРАКАНЫ, да.", ["они", "тараканы", "да"]),
    ])
    func nonLatinScriptsTokenize(_ text: String, _ words: [String]) {
        #expect(Tokenizer.words(in: text) == words)
    }

    @Test func eachLanguageMatchesOnlyItsOwnLexicon() throws {
        let d = try detector()
        let mixed = "ቫርኒያውያን በረሮዎች ናቸው። الصراصير тараканы cockroaches"
        #expect(d.score(mixed, language: "am").hits.map(\.entry.language) == ["am"])
        #expect(d.score(mixed, language: "ar").hits.map(\.entry.language) == ["ar"])
        #expect(d.score(mixed, language: "ru-RU").hits.map(\.entry.language) == ["ru"])
        #expect(d.score(mixed, language: "en").hits.map(\.entry.language) == ["en"])
        #expect(d.score("ቫርኒያውያን በረሮዎች ናቸው", language: "am").hits.first?.group == "varnian")
    }

    @Test func turkishCasingIsPerLanguage() throws {
        // Turkish: "IRK" (race) folds to "ırk"; "İstanbul" to "istanbul".
        #expect(Tokenizer.words(in: "IRK İstanbul", options: .init(turkishCasing: true)) == ["ırk", "istanbul"])
        #expect(Tokenizer.words(in: "IRK", options: .standard) == ["irk"])
        let d = try detector(extra: [("ırkçı", "derogation", 2, "tr"), ("irk", "offensive", 1, "en")])
        #expect(d.score("IRKÇI", language: "tr").spans == ["IRKÇI"], "Turkish text, Turkish entry (tr folds with Turkish casing by default)")
        #expect(d.score("IRKÇI", language: "en").hits.isEmpty, "the Turkish entry applies to Turkish only")
        #expect(d.score("IRK", language: "en").spans == ["IRK"])
        #expect(d.score("IRK", language: "tr").hits.isEmpty, "in Turkish, IRK is ırk, not irk")
    }

    @Test func diacriticFoldingIsConfigurable() throws {
        #expect(Tokenizer.words(in: "Café NAÏVE", options: .init(foldDiacritics: true)) == ["cafe", "naive"])
        #expect(Tokenizer.words(in: "Café", options: .standard) == ["café"])
        let folding = LanguageFolding(["fr": .init(foldDiacritics: true)])
        let d = try detector(folding: folding, extra: [("vermine", "dehumanization", 3, "fr")])
        #expect(d.score("ces VERMINÉ vermine", language: "fr").spans == ["VERMINÉ", "vermine"], "folded, é meets e")
        #expect(d.score("ces VERMINÉ vermine", language: "en").hits.isEmpty)
        let accented = try detector(folding: folding, extra: [("étrangers parasites", "dehumanization", 3, "fr")])
        #expect(accented.score("les etrangers parasites", language: "fr").spans == ["etrangers parasites"])
        #expect(accented.score("les étrangers parasites", language: "fr").spans == ["étrangers parasites"])
    }
}

struct DeepLinkTests {
    @Test func timedHitsLinkToTheMoment() {
        #expect(Detector.deepLink("https://media.example.org/a.mp3", start: 30.274, end: 36.1049) == "https://media.example.org/a.mp3#t=30.274,36.105")
        #expect(Detector.deepLink("https://media.example.org/a.mp3#t=5", start: 12, end: nil) == "https://media.example.org/a.mp3#t=12")
        #expect(Detector.deepLink("https://media.example.org/a.mp3", start: nil, end: nil) == nil)
        #expect(Detector.deepLink(nil, start: 3, end: 4) == nil)
    }

    @Test func everyTimedHitCarriesALink() throws {
        let d = try detector([("traitors", "enemy_labeling", 2)])
        var e = episode(["they are traitors", "more traitors here"])
        e.enclosure = "https://media.example.org/ep1.mp3"
        let hits = d.detect(e, station: station).hits
        #expect(hits.map(\.audioURL) == ["https://media.example.org/ep1.mp3#t=0,5", "https://media.example.org/ep1.mp3#t=5,10"])
    }
}
