import Foundation
import Testing
import VigilCore
import VigilIO
import VigilReport

/// Play links in report.html: a mirrored audio file that exists plays locally at the same
/// moment; anything else keeps the canonical enclosure URL.
struct PlayLinksTests {
    static let prefix = "https://media.example.org/"

    /// A folder with `mirror/fm/ép 1.opus` in it, and links that map the prefix to `mirror/`
    /// the way the pipeline's `maps:` do (a path relative to `base`).
    static func fixture() throws -> (base: String, links: PlayLinks) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-playlinks-\(UUID().uuidString.prefix(8))").path
        try AtomicFile.write(Array("OggS".utf8), to: base + "/mirror/fm/ép 1.opus")
        let links = PlayLinks(base: base) { url in
            guard url.hasPrefix(prefix) else { return nil }
            let rest = url.dropFirst(prefix.count).prefix { $0 != "#" }
            return "mirror/" + String(rest).percentDecoded
        }
        return (base, links)
    }

    @Test func mappedExistingFileGivesLocalLinkWithFragment() throws {
        let (base, links) = try Self.fixture()
        let canonical = Self.prefix + "fm/%C3%A9p%201.opus#t=30.274,36.104"
        let local = try #require(links.local(for: canonical))
        #expect(local.hasPrefix("file:///"))
        #expect(local.hasSuffix("/mirror/fm/%C3%A9p%201.opus#t=30.274,36.104"), "percent-encoded path, same fragment")
        #expect(local.removingPercentEncoding == "file://" + base + "/mirror/fm/ép 1.opus#t=30.274,36.104")
    }

    @Test func missingOrUnmappedFallsBackToCanonical() throws {
        let (_, links) = try Self.fixture()
        #expect(links.local(for: Self.prefix + "fm/missing.opus#t=5,9") == nil)
        #expect(links.local(for: Self.prefix + "fm#t=5") == nil, "a folder is not audio")
        #expect(links.local(for: "https://other.example.org/fm/%C3%A9p%201.opus#t=5") == nil)
        #expect(PlayLinks.canonical.local(for: Self.prefix + "fm/%C3%A9p%201.opus#t=5") == nil)
    }

    @Test func reportLinksLocalCopyAndKeepsCanonicalURL() throws {
        let (_, links) = try Self.fixture()
        var ev = EvidenceCollector()
        var mirrored = hit("North", "2026-W01", "violence_call", severity: 3, id: "m")
        mirrored.audioURL = Self.prefix + "fm/%C3%A9p%201.opus#t=75,80"
        var missing = hit("North", "2026-W01", "violence_call", severity: 3, id: "x")
        missing.audioURL = Self.prefix + "fm/gone.opus#t=75,80"
        ev.add(mirrored)
        ev.add(missing)
        let rows = [WeekRow(region: "North", week: w1, level: "alert", reason: "r", severityPer10k: 60)]
        let page = ReportPage.render(rows: rows, recommendations: Recommender.recommend(rows, evidence: ev), evidence: ev,
                                     problems: .init(byCode: [], examples: []), stations: [:], audio: links)
        let local = try #require(links.local(for: mirrored.audioURL!))
        #expect(page.contains("<a class=\"play\" href=\"\(local)\" title=\"local copy of \(mirrored.audioURL!)\">▶ listen at 0:01:15</a> <a class=\"source\" href=\"\(mirrored.audioURL!)\">(source)</a>"))
        #expect(page.contains("<a class=\"play\" href=\"\(missing.audioURL!)\">▶ listen at 0:01:15</a> ·"), "missing file: canonical URL")
        // Without maps every link is canonical, as in the CSV and JSON outputs.
        let plain = ReportPage.render(rows: rows, recommendations: Recommender.recommend(rows, evidence: ev), evidence: ev,
                                      problems: .init(byCode: [], examples: []), stations: [:])
        #expect(!plain.contains("file://"))
        #expect(plain.contains("<a class=\"play\" href=\"\(mirrored.audioURL!)\">"))
    }
}
