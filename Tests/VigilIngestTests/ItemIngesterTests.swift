import Testing
import VigilCore
@testable import VigilIngest

struct ItemIngesterTests {
    let station = Station(stationID: "st", name: "St", region: "North", feed: "feeds/st.xml", language: "en", timezone: "UTC")

    func item(_ transcripts: [TranscriptRef], date: String? = "Mon, 29 Dec 2025 08:00:00 +0000", guid: String? = "g1") -> FeedItem {
        FeedItem(
            guid: guid, link: nil, enclosure: "https://media.example.org/a.mp3", title: "Ep", publishedText: date,
            published: date.flatMap(DateParser.parse), duration: 600, transcripts: transcripts, language: nil, line: 12)
    }

    func files(_ map: [String: String]) -> (String) throws(VigilError) -> [UInt8] {
        { (path: String) throws(VigilError) -> [UInt8] in
            guard let text = map[path] else { throw VigilError(.ingest, "missing_file", "file not found", file: path) }
            return Array(text.utf8)
        }
    }

    @Test func buildsAnEpisode() throws {
        let ingester = ItemIngester(station: station, feed: "feeds/st.xml", feedLanguage: nil)
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Host>Hello there\n"
        let r = ingester.ingest(item([TranscriptRef(url: "../transcripts/a.vtt", type: "text/vtt")]), read: files(["transcripts/a.vtt": vtt]))
        let e = try #require(r.episode)
        #expect(r.problems.isEmpty)
        #expect(e.episodeID == "st/g1")
        #expect(e.published == "2025-12-29T08:00:00Z")
        #expect(e.transcriptFile == "transcripts/a.vtt")
        #expect(e.transcriptFormat == .vtt)
        #expect(e.language == "en")
        #expect(e.segments == [Segment(start: 1, end: 4, speaker: "Host", text: "Hello there")])
    }

    @Test func prefersTimedTranscriptsAndFallsBack() throws {
        let ingester = ItemIngester(station: station, feed: "feeds/st.xml", feedLanguage: "sw")
        let refs = [
            TranscriptRef(url: "../t/a.txt", type: "text/plain"),
            TranscriptRef(url: "../t/a.srt", type: "application/x-subrip", language: "sw"),
        ]
        let both = ingester.ingest(item(refs), read: files(["t/a.txt": "plain words", "t/a.srt": "1\n00:00:01,000 --> 00:00:02,000\nTimed words\n"]))
        #expect(both.episode?.transcriptFormat == .srt)
        #expect(both.episode?.language == "sw")
        // The timed one is missing: the text one is used, and the miss is recorded.
        let fallback = ingester.ingest(item(refs), read: files(["t/a.txt": "plain words"]))
        #expect(fallback.episode?.transcriptFormat == .text)
        #expect(fallback.problems.map(\.code) == ["ingest.missing_file"])
        #expect(fallback.problems.first?.file == "t/a.srt")
        #expect(fallback.problems.first?.item == "g1")
    }

    @Test(arguments: [
        ("no date", nil as String?, "ingest.bad_date"),
        ("junk date", "sometime last week", "ingest.bad_date"),
    ])
    func rejectsUndatedItems(_ id: String, _ date: String?, _ code: String) {
        let ingester = ItemIngester(station: station, feed: "feeds/st.xml", feedLanguage: nil)
        let r = ingester.ingest(item([TranscriptRef(url: "a.txt")], date: date), read: files(["feeds/a.txt": "x"]))
        #expect(r.episode == nil)
        #expect(r.problems.map(\.code) == [code])
        #expect(r.problems.first?.file == "feeds/st.xml")
        #expect(r.problems.first?.line == 12)
    }

    @Test func rejectsItemsWithoutTranscript() {
        let ingester = ItemIngester(station: station, feed: "feeds/st.xml", feedLanguage: nil)
        let r = ingester.ingest(item([]), read: files([:]))
        #expect(r.episode == nil)
        #expect(r.problems.map(\.code) == ["ingest.no_transcript"])
    }

    @Test func itemIDFallsBackThroughFields() {
        var i = item([], guid: nil)
        #expect(ItemIngester.itemID(i) == "https://media.example.org/a.mp3")
        i.enclosure = nil
        #expect(ItemIngester.itemID(i).hasPrefix("sha256:"))
        #expect(ItemIngester.itemID(i) == ItemIngester.itemID(i))
    }
}

struct TranscriptLocatorTests {
    @Test(arguments: [
        ("../transcripts/a.vtt", "transcripts/a.vtt"),
        ("a%20b.vtt?x=1#t=3", "feeds/a b.vtt"),
        ("./sub/../c.srt", "feeds/c.srt"),
    ])
    func resolvesRelativeToTheFeed(_ url: String, _ expected: String) throws {
        #expect(try TranscriptLocator.resolve(url, feed: "feeds/st.xml") == expected)
    }

    @Test(arguments: [
        ("../../etc/passwd", "ingest.outside_root"),
        ("/etc/passwd", "ingest.outside_root"),
        ("file:///etc/passwd", "ingest.unsupported_url"),
        ("https://media.example.org/a.vtt", "ingest.remote_not_supported"),
        ("", "ingest.bad_transcript_url"),
    ])
    func refusesEscapes(_ url: String, _ code: String) {
        #expect {
            try TranscriptLocator.resolve(url, feed: "feeds/st.xml")
        } throws: { error in
            (error as? VigilError)?.code == code
        }
    }
}

struct RegistryParserTests {
    @Test func readsStationsAndRecordsBadRows() throws {
        let csv = """
            station_id,name,region,feed,timezone,audience,extra
            a,Radio A,North,feeds/a.xml,Africa/Kampala,1200,x
            b,Radio B,South,feeds/b.xml,,lots,
            ,Nameless,North,feeds/c.xml,,,
            a,Again,North,feeds/a2.xml,,,
            d,Radio D,North,feeds/d.xml,Mars/Olympus,,
            """
        let r = try RegistryParser.parse(Array(csv.utf8), file: "stations.csv")
        #expect(r.stations.map(\.stationID) == ["a", "b"])
        #expect(r.stations[0].timezone == "Africa/Kampala")
        #expect(r.stations[0].audience == 1200)
        #expect(r.stations[1].timezone == "UTC")
        #expect(r.stations[1].audience == nil)
        #expect(r.problems.map(\.code) == ["ingest.bad_audience", "ingest.bad_station", "ingest.duplicate_station", "ingest.bad_timezone"])
        #expect(r.problems.map(\.line) == [3, 4, 5, 6])
    }

    @Test func missingColumnIsFatal() {
        #expect(throws: VigilError.self) {
            try RegistryParser.parse(Array("station_id,name,feed\na,A,f.xml\n".utf8), file: "stations.csv")
        }
    }
}

struct RegistryRolesTests {
    @Test func speakerRolesColumn() throws {
        let csv = "station_id,name,region,feed,speaker_roles\na,A,North,f.xml,Amina Okello=host; Joseph=Guest;broken\n"
        let r = try RegistryParser.parse(Array(csv.utf8), file: "stations.csv")
        #expect(r.stations.first?.roles == ["amina okello": "host", "joseph": "guest"])
        #expect(r.problems.map(\.code) == ["ingest.bad_speaker_roles"])
    }
}

struct TranscriptPreferenceTests {
    @Test func languageThenTimingThenCaptions() {
        let refs = [
            TranscriptRef(url: "a.txt", type: "text/plain", language: "en"),
            TranscriptRef(url: "b.vtt", type: "text/vtt", language: "fr", rel: "captions"),
            TranscriptRef(url: "c.srt", type: "application/srt", language: "en"),
            TranscriptRef(url: "d.vtt", type: "text/vtt", language: "en-GB"),
            TranscriptRef(url: "e.vtt", type: "text/vtt", language: "en", rel: "captions"),
        ]
        #expect(ItemIngester.preferenceOrder(refs, language: "en").map(\.url) == ["e.vtt", "d.vtt", "c.srt", "a.txt", "b.vtt"])
        #expect(ItemIngester.preferenceOrder(refs, language: nil).map(\.url) == ["b.vtt", "e.vtt", "d.vtt", "c.srt", "a.txt"])
    }
}
