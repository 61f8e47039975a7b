import Foundation
import Testing
import VigilIO

/// The generated benchmark corpus (`scripts/generate-corpus`) predicts Vigil's region-week
/// counts exactly: every feed and transcript format, UTF-16 and windows-1252 feeds, planted
/// hits, negated and reported uses, phrases split across cues, weeks decided by the station's
/// time zone. Vigil's `aggregate/region_week.csv` must equal `expected.csv`, row by row.
struct CorpusExactnessTests {
    @Test func generatedCorpusCountsAreExact() throws {
        let dir = Repo.temporaryFolder()
        let corpus = dir + "/corpus"
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Repo.root + "/scripts/generate-corpus", corpus, "--size", "1MB"]
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0, "scripts/generate-corpus failed")

        let work = dir + "/work"
        let run = try vigil(["run", "--registry", corpus + "/stations.csv", "--lexicon", corpus + "/lexicon.csv",
                             "--cues", corpus + "/cues.csv", "--work", work, "--jobs", "2"])
        #expect(run.code == 0, "vigil run: \(run.err)")
        #expect(try Repo.read(work + "/problems.jsonl").isEmpty, "the generated corpus has no broken inputs")

        let expected = CSVReader(bytes: try FileSystem.read(corpus + "/expected.csv"))
        let actual = CSVReader(bytes: try FileSystem.read(work + "/aggregate/region_week.csv"))
        let columns = expected.header
        #expect(columns.count == 16)
        for column in columns {
            try #require(actual.columns[column] != nil, "region_week.csv lacks \(column)")
        }
        #expect(actual.rows.count == expected.rows.count, "region-week rows")
        #expect(expected.rows.count >= 20)
        for (e, a) in zip(expected.rows, actual.rows) {
            for column in columns {
                let want = e.fields[expected.columns[column]!]
                let got = a.fields[actual.columns[column]!]
                #expect(got == want, "\(e.fields[0]) \(e.fields[1]) \(column): vigil \(got), expected \(want)")
            }
        }
    }
}
