import Testing
import VigilCore

struct TokenizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let id: String
        let text: String
        let words: [String]
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "ascii case folding", text: "They ARE Taking", words: ["they", "are", "taking"]),
        Case(id: "apostrophe separates", text: "don't", words: ["don", "t"]),
        Case(id: "punctuation separates", text: "enemies,traitors!spies", words: ["enemies", "traitors", "spies"]),
        Case(id: "digits are word characters", text: "Route 66 at 9pm", words: ["route", "66", "at", "9pm"]),
        Case(id: "underscore separates", text: "snake_case", words: ["snake", "case"]),
        Case(id: "fullwidth letters fold (NFKC)", text: "ＴＨＥＹ ａｒｅ", words: ["they", "are"]),
        Case(id: "full case folding ß", text: "STRAẞE Straße", words: ["strasse", "strasse"]),
        Case(id: "final sigma folds", text: "ΟΔΟΣ", words: ["οδοσ"]),
        Case(id: "ligature fi", text: "ﬁre", words: ["fire"]),
        Case(id: "combining accent stays in word", text: "Jose\u{301} cafe\u{301}", words: ["josé", "café"]),
        Case(id: "precomposed equals decomposed", text: "José", words: ["josé"]),
        Case(id: "soft hyphen is ignorable", text: "hate\u{AD}ful", words: ["hateful"]),
        Case(id: "square-bracket annotations", text: "[music] hello [inaudible 00:12:31] there", words: ["hello", "there"]),
        Case(id: "parenthesized non-speech", text: "well (laughs) no (Applause)", words: ["well", "no"]),
        Case(id: "parenthesized speech stays", text: "they (the others) came", words: ["they", "the", "others", "came"]),
        Case(id: "markup tags", text: "<v Host><i>Good</i> morning</v>", words: ["good", "morning"]),
        Case(id: "timestamp tags", text: "one <00:00:01.500>two", words: ["one", "two"]),
        Case(id: "less-than is not a tag", text: "a < b and c > d", words: ["a", "b", "and", "c", "d"]),
        Case(id: "entities decode", text: "Jos&eacute; &amp; Ana&#39;s", words: ["josé", "ana", "s"]),
        Case(id: "music notes separate, lyrics stay", text: "♪ la la ♪", words: ["la", "la"]),
        Case(id: "Ge'ez script", text: "ሰላም ለሁሉም", words: ["ሰላም", "ለሁሉም"]),
        Case(id: "Arabic", text: "السلام عليكم", words: ["السلام", "عليكم"]),
        Case(id: "Cyrillic folds", text: "Привет МИР", words: ["привет", "мир"]),
        Case(id: "mixed-case ASCII runs", text: "HeLLo WORLD 42x Ab9", words: ["hello", "world", "42x", "ab9"]),
        Case(id: "ASCII run then another script", text: "abcЖ ABCé xyz", words: ["abcж", "abcé", "xyz"]),
        Case(id: "empty", text: "", words: []),
        Case(id: "only separators", text: " ,.;!? ", words: []),
    ]

    @Test(arguments: cases)
    func tokenizes(_ c: Case) {
        #expect(Tokenizer.words(in: c.text) == c.words)
    }

    @Test func offsetsPointIntoRawText() {
        let text = "<i>Hello</i>, ＷＯＲＬＤ café!"
        let bytes = Array(text.utf8)
        let tokens = Tokenizer.tokens(in: text)
        #expect(tokens.map(\.text) == ["hello", "world", "café"])
        let raw = tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        #expect(raw == ["Hello", "ＷＯＲＬＤ", "café"])
    }

    @Test func invalidUTF8NeverCrashes() {
        let s = String(decoding: [0x61, 0xFF, 0x62, 0xC3], as: UTF8.self)
        #expect(Tokenizer.words(in: s) == ["a", "b"])
    }

    /// `scan` (straight into bytes, used by normalize) gives the same tokens as `tokens`,
    /// appended after what the buffers held.
    @Test(arguments: cases)
    func scanMatchesTokens(_ c: Case) {
        var joined = Array("prior".utf8)
        var offsets = [0, 5]
        var bounds: [Int32] = [0, 5]
        let n = Tokenizer.scan(c.text, joined: &joined, offsets: &offsets, bounds: &bounds)
        let tokens = Tokenizer.tokens(in: c.text)
        #expect(n == tokens.count)
        #expect(String(decoding: joined, as: UTF8.self) == (["prior"] + c.words).joined(separator: " "))
        #expect(Array(offsets.dropFirst(2)) == tokens.flatMap { [$0.start, $0.end] })
        let words = (0..<(bounds.count / 2)).map { String(decoding: joined[Int(bounds[2 * $0])..<Int(bounds[2 * $0 + 1])], as: UTF8.self) }
        #expect(words == ["prior"] + c.words)
    }

    /// Turkish casing inside an ASCII run: every `I` becomes dotless `ı`, the rest folds as usual.
    @Test func turkishCapitalIInsideRuns() {
        let turkish = TokenizerOptions(turkishCasing: true)
        #expect(Tokenizer.words(in: "KIRMIZI BAYRAK Ilık", options: turkish) == ["kırmızı", "bayrak", "ılık"])
        #expect(Tokenizer.words(in: "KIRMIZI") == ["kirmizi"])
    }

    /// The plain-ASCII path gives exactly what the general scanner gives, on every tokenizer
    /// case and on random text full of markup, brackets, entities and parentheses.
    @Test func asciiPathEqualsGeneralScanner() {
        func general(_ text: String, _ options: TokenizerOptions = .standard) -> ([UInt8], [Int], [Int32]) {
            var j: [UInt8] = [], o: [Int] = [], b: [Int32] = []
            Tokenizer.scan(text, options: options, joined: &j, offsets: &o, bounds: &b)
            return (j, o, b)
        }
        func same(_ text: String, _ options: TokenizerOptions = .standard) -> Bool {
            let s = Tokenizer.scanned(text, options: options)
            let g = general(text, options)
            return s.joined == g.0 && s.offsets == g.1 && s.bounds == g.2
        }
        for c in Self.cases { #expect(same(c.text), "\(c.id)") }
        let pieces = ["a", "Z", "9", "I", " ", ",", "'", "<", ">", "<i>", "</v>", "[", "]", "[music]", "(", ")", "(laughs)", "(the others)",
                      "&", "&amp;", "&#39;", "&eacute;", "&bogus;", ";", "#", "-", "\n", "\t", "é", "ß", "word", "WORD", "x2", "<00:00:01.500>"]
        var rng = SplitMix(seed: 42)
        for _ in 0..<5_000 {
            let text = (0..<Int(rng.next() % 24)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(same(text), "\(text)")
            #expect(same(text, TokenizerOptions(turkishCasing: true)), "\(text)")
        }
    }
}
