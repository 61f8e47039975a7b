import Foundation
import Testing
import VigilCore
import VigilIO

/// Nothing is dropped silently: every item of every SampleData feed is an episode or is
/// named in a problem record with its file and reason.
struct InputAccountingTests {
    @Test func everySampleItemIsAnEpisodeOrAProblem() throws {
        let work = Repo.temporaryFolder()
        try runSample(work: work, jobs: 2)
        let episodes = try Repo.read(work + "/ingest/episodes.jsonl").split(separator: "\n").map {
            try JSONDecoder().decode(Episode.self, from: Data($0.utf8))
        }
        let problems = try Repo.read(work + "/problems.jsonl").split(separator: "\n").map {
            try JSONDecoder().decode(VigilError.self, from: Data($0.utf8))
        }
        let episodeItems = Set(episodes.map { "\($0.stationID)|\($0.itemID)" })
        let rejectedItems = Set(problems.compactMap { p in p.item.map { "\(p.stationID ?? "")|\($0)" } })
        for p in problems {
            #expect(p.file != nil, "problem without file: \(p)")
            #expect(!p.message.isEmpty)
        }
        let registry = CSVReader(bytes: try FileSystem.read(Repo.sampleData + "/stations.csv"))
        var items = 0
        for row in registry.rows {
            let station = row.fields[registry.columns["station_id"]!]
            let feed = try Repo.read(Repo.sampleData + "/" + row.fields[registry.columns["feed"]!])
            // Independent of Vigil's parser: split the raw text at item/entry tags.
            let chunks = feed.components(separatedBy: "<item>").dropFirst() + feed.components(separatedBy: "<entry>").dropFirst()
            for chunk in chunks {
                items += 1
                let id = firstMatch(chunk, "<guid[^>]*>([^<]+)</guid>") ?? firstMatch(chunk, "<id>([^<]+)</id>")
                let key = "\(station)|\(id ?? "?")"
                #expect(episodeItems.contains(key) || rejectedItems.contains(key), "item \(key) is neither an episode nor a problem")
            }
        }
        #expect(items >= 100)
        // The deliberately broken inputs each left their record.
        let codes = Set(problems.map(\.code))
        for code in ["ingest.malformed_xml", "ingest.missing_file", "ingest.bad_date", "ingest.bad_cue", "ingest.no_transcript"] {
            #expect(codes.contains(code), "expected a \(code) problem from SampleData")
        }
    }

    func firstMatch(_ text: String, _ pattern: String) -> String? {
        guard let re = try? NSRegularExpression(pattern: pattern),
              let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let r = Range(m.range(at: 1), in: text) else { return nil }
        return String(text[r]).trimmingCharacters(in: .whitespaces)
    }
}
