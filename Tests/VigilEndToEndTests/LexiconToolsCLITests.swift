import Foundation
import Testing
import VigilCore
import VigilIO

/// `vigil detect --texts`, `vigil lexicon check` and `vigil eval` through the binary.
struct LexiconToolsCLITests {
    @Test func detectTextsScoresEachLineWithTheShippedDefaults() throws {
        let dir = Repo.temporaryFolder()
        let input = dir + "/texts.jsonl"
        try AtomicFile.write(Array("""
            {"id":"a","text":"The weather is fine and the market opens at eight."}
            {"id":7,"text":"Never call refugees cockroaches."}
            {"id":"c","text":"Journalists are traitors and enemies of the nation"}

            """.utf8), to: input)
        let r = try vigil(["detect", "--texts", input, "--jobs", "2"])
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects[0]["id"] as? String == "a")
        #expect((objects[0]["categories"] as? [String]) == [])
        #expect((objects[0]["hits"] as? [Any])?.isEmpty == true)
        #expect(objects[1]["id"] as? Int == 7)
        #expect((objects[1]["categories"] as? [String]) == [], "negated use is counter-speech, not hate")
        #expect((objects[2]["categories"] as? [String]) == ["enemy_labeling"])
        #expect((objects[2]["score"] as? Int ?? 0) > 0)
        #expect(lines[0].hasPrefix("{\"id\":\"a\",\"categories\":[],\"score\":0,\"hits\":[]}"))
    }

    @Test func detectTextsReportsABadLine() throws {
        let dir = Repo.temporaryFolder()
        try AtomicFile.write(Array("{\"id\":\"a\"}\n".utf8), to: dir + "/bad.jsonl")
        let r = try vigil(["detect", "--texts", dir + "/bad.jsonl"])
        #expect(r.code == 1)
        #expect(r.err.contains("bad.jsonl:1: detect.bad_text_line: missing \"text\" string"))
    }

    @Test func lexiconCheckOnABrokenLexicon() throws {
        let dir = Repo.temporaryFolder()
        try AtomicFile.write(Array("term,category,severity\nvermin*,dehumanization,3\nvermins,dehumanization,1\n{group are bad,derogation,1\nfoo,bogus,2\n".utf8), to: dir + "/lex.csv")
        let r = try vigil(["lexicon", "check", dir + "/lex.csv"])
        #expect(r.code == 1)
        #expect(r.out.contains("lex.csv:3: warning: shadowed: vermins"))
        #expect(r.out.contains("lex.csv:4: error: config.lexicon_bad_term"))
        #expect(r.out.contains("lex.csv:5: warning: unknown_category: foo"))
        #expect(r.out.contains("1 error(s), 2 warning(s)"))
    }

    @Test func shippedLexiconChecksClean() throws {
        let r = try vigil(["lexicon", "check"])
        #expect(r.code == 0, "\(r.out)")
        #expect(r.out.contains("shipped default lexicon: 0 error(s), 0 warning(s)"))
    }

    @Test func shippedLexiconFilesMatchTheEmbeddedCopy() throws {
        // scripts/embed-defaults must be rerun after editing Pipelines/lexicons/.
        let source = try Repo.read(Repo.root + "/Sources/VigilDetect/DefaultLexicons+Data.swift")
        for file in ["default-en.csv", "groups-en.csv", "cues-en.csv"] {
            let text = try Repo.read(Repo.root + "/Pipelines/lexicons/" + file).trimmingCharacters(in: .newlines)
            #expect(source.contains("#\"\"\"\n" + text + "\n\"\"\"#"), "\(file) differs from its embedded copy: run scripts/embed-defaults")
        }
    }

    @Test func evalPrintsPrecisionRecallAndMisses() throws {
        let dir = Repo.temporaryFolder()
        try AtomicFile.write(Array("""
            {"id":"1","text":"refugees are cockroaches","labels":["dehumanization"],"kind":"hate"}
            {"id":"2","text":"we bought cockroach spray","labels":[],"kind":"idiom"}
            {"id":"3","text":"the refugees steal our land and nobody helps","labels":["victimhood"],"kind":"hate"}

            """.utf8), to: dir + "/set.jsonl")
        let r = try vigil(["eval", dir])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("examples: 3"))
        #expect(r.out.contains("| **overall (micro)** |"))
        #expect(r.out.contains("| idiom | 1 | 1 (1.000) |"))
    }
}
