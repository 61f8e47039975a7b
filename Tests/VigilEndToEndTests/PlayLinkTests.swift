import Foundation
import Testing
import VigilCore
import VigilIO
import VigilPipeline

/// Issue #8: the SampleData report has hits in at least three languages whose play links
/// play. The sample pipeline maps `https://media.example.org/` to SampleData/audio/
/// (`maps:`), so report.html links to the local Ogg Opus files at each hit's moment, while
/// hits.jsonl and the recommendations keep the canonical URL.
struct PlayLinkTests {
    struct Link {
        var href: String
        var canonical: String
    }

    /// Every play link in report.html, with the canonical URL it stands for.
    static func playLinks(_ html: String) -> [Link] {
        let local = #/<a class="play" href="([^"]+)" title="local copy of ([^"]+)">/#
        let plain = #/<a class="play" href="([^"]+)">/#
        return html.matches(of: local).map { Link(href: String($0.1), canonical: String($0.2)) }
            + html.matches(of: plain).map { Link(href: String($0.1), canonical: String($0.1)) }
    }

    /// Seconds of an Ogg Opus file: the last page's granule position minus pre-skip, / 48000.
    static func opusSeconds(_ bytes: [UInt8]) throws -> Double {
        func int(_ at: Int, _ count: Int) -> Int64 {
            (0..<count).reduce(Int64(0)) { $0 | Int64(bytes[at + $1]) << (8 * Int64($1)) }
        }
        func at(_ i: Int, _ s: String) -> Bool { bytes[i..<i + s.utf8.count].elementsEqual(s.utf8) }
        let headAt = try #require((0..<min(200, bytes.count - 12)).first { at($0, "OpusHead") })
        let last = try #require(stride(from: bytes.count - 27, through: 0, by: -1).first { at($0, "OggS") })
        return Double(int(last + 6, 8) - int(headAt + 10, 2)) / 48000
    }

    @Test func sampleReportPlaysHitsInEveryLanguage() throws {
        let work = Repo.temporaryFolder()
        try runSample(work: work, jobs: 2)
        let html = try Repo.read(work + "/report/report.html")
        let links = Self.playLinks(html)
        #expect(links.count > 20)

        let stations = CSVReader(bytes: try FileSystem.read(Repo.sampleData + "/stations.csv"))
        let id = try #require(stations.columns["station_id"]), lang = try #require(stations.columns["language"])
        let language = Dictionary(uniqueKeysWithValues: stations.rows.map { ($0.fields[id], $0.fields[lang]) })

        var playable: Set<String> = []
        for link in links {
            // Every hit in the report has a timed transcript, so every episode has audio.
            #expect(link.href.hasPrefix("file:///"), "not mirrored: \(link.href)")
            #expect(link.canonical.hasPrefix("https://media.example.org/"))
            guard link.href.hasPrefix("file:///") else { continue }
            let parts = link.href.split(separator: "#", maxSplits: 1).map(String.init)
            let path = try #require(String(parts[0].dropFirst("file://".count)).removingPercentEncoding)
            #expect(path.hasPrefix(Repo.sampleData + "/audio/"))
            #expect(link.canonical.hasSuffix(path.dropFirst((Repo.sampleData + "/audio/").count) + "#" + parts[1]), "same file and fragment as the canonical URL")
            let bytes = try FileSystem.read(path)
            #expect(Array(bytes.prefix(4)) == Array("OggS".utf8), "\(path) is Ogg")
            let seconds = try Self.opusSeconds(bytes)
            let times = try #require(parts.count == 2 && parts[1].hasPrefix("t=") ? parts[1].dropFirst(2).split(separator: ",").compactMap { Double($0) } : nil)
            #expect(times.count == 2 && times[0] < times[1])
            #expect(times[0] < seconds && times[1] <= seconds + 0.5, "\(link.href): audio is \(seconds) s")
            let station = String(link.canonical.dropFirst("https://media.example.org/".count).prefix { $0 != "/" })
            if let l = language[station] { playable.insert(l) }
        }
        #expect(playable.count >= 3, "languages with working play links: \(playable.sorted())")
        #expect(playable == ["am", "ar", "en", "ru"])

        // The public outputs keep the canonical URL.
        for name in ["detect/hits.jsonl", "report/recommendations.csv", "report/recommendations.json"] {
            let text = try Repo.read(work + "/" + name)
            #expect(!text.contains("file://"), "\(name)")
            #expect(text.contains("https://media.example.org/sheba-fm/"), "\(name)")
        }
    }
}
