import Testing
import VigilCore
@testable import VigilIngest

/// The wild-feeds corpus (`Fixtures/wild/`, written for the project, fictional content): one
/// feed per format, encoding and failure the ingest issue lists, each parsed and compared
/// field by field.
@Suite struct WildFeedTests {
    static let amani = "https://media.example.org/amani/"
    static let voice = "https://voice.example.org/"

    static let cases: [WildFeedCase] = [
        WildFeedCase("rss091.xml", encoding: "windows-1252", title: "Sauti ya Pwani", items: [
            WildItem(title: "Caf\u{E9} ya asubuhi", link: "https://pwani.example.org/e/101", description: "Mazungumzo ya asubuhi"),
            WildItem(title: "Ngoma za jioni", link: "https://pwani.example.org/e/102"),
        ]),
        WildFeedCase("rss092.xml", encoding: "UTF-8", title: "Kituo cha Jamii", items: [
            WildItem(title: "Mkutano wa kijiji", link: "https://jamii.example.org/e/7",
                     enclosure: "https://jamii.example.org/audio/7.mp3", description: "Wakazi wa kijiji wanajadili maji."),
            WildItem(title: "", enclosure: "https://jamii.example.org/audio/8.mp3", description: "Kipindi bila kichwa \u{2014} no title"),
        ]),
        WildFeedCase("rss10-rdf.xml", encoding: "UTF-8", title: "Redio ya Mlimani", items: [
            WildItem(title: "Kipindi cha kwanza", link: "https://mlimani.example.org/1", published: "2025-12-29T05:00:00Z",
                     description: "Maelezo mafupi", language: "sw-KE"),
            WildItem(title: "Kipindi cha pili", link: "https://mlimani.example.org/2", published: "2025-12-30T00:00:00Z"),
        ]),
        WildFeedCase("rss20-full.xml", encoding: "UTF-8", title: "Radio Amani & Friends", items: [
            WildItem(
                title: "Morning Show \u{2014} Caf\u{E9} talk", guid: "amani-2025-12-29", link: amani + "episodes/2025-12-29",
                enclosure: amani + "audio/2025-12-29.mp3", published: "2025-12-29T04:00:00Z", duration: 3723,
                transcripts: [
                    TranscriptRef(url: amani + "t/2025-12-29.txt", type: "text/plain", language: "sw"),
                    TranscriptRef(url: amani + "t/2025-12-29.vtt", type: "text/vtt", language: "sw", rel: "captions"),
                    TranscriptRef(url: "https://cdn.example.net/t/2025-12-29.en.json", type: "application/json", language: "en"),
                ],
                description: "Callers discuss the market prices. Second paragraph.",
                location: "Kisumu, Kenya", latitude: -0.0917, longitude: 34.768),
            WildItem(
                title: "Mchana \u{E9}dition \u{2014} Q&A", guid: "amani-2025-12-30", enclosure: amani + "audio/2025-12-30.mp3",
                published: "2025-12-30T09:30:00Z", duration: 3723,
                transcripts: [TranscriptRef(url: amani + "2025/12/captions.srt", type: "application/x-subrip", rel: "captions")],
                description: "Full notes with \"quotes\"", latitude: -4.0435, longitude: 39.6682),
            WildItem(title: "Jioni", guid: "amani-2025-12-31", published: "2025-12-31T15:00:00Z", duration: 3600,
                     description: "Evening news", latitude: -1.2921, longitude: 36.8219),
            WildItem(title: "Usiku", guid: "amani-2026-01-01", published: "2026-01-01T00:30:00Z", duration: 3723.5,
                     location: "Nairobi"),
            WildItem(title: "Wikendi", guid: "amani-2026-01-03", published: "2026-01-03T17:00:00Z", duration: 3723,
                     latitude: -1.2921, longitude: 36.8219),
        ]),
        WildFeedCase("atom10-base.xml", encoding: "UTF-8", title: "Community Voice", items: [
            WildItem(
                title: "Town hall", guid: "tag:voice.example.org,2025:town-hall", link: voice + "podcast/episodes/town-hall",
                enclosure: voice + "media/town-hall.mp3", published: "2025-12-27T08:30:00Z",
                transcripts: [TranscriptRef(url: voice + "podcast/transcripts/town-hall.vtt", type: "text/vtt")],
                description: "Residents & officials", location: "Kampala", latitude: 0.3476, longitude: 32.5825),
            WildItem(
                title: "Le d\u{E9}bat", guid: "tag:voice.example.org,2025:debat", link: voice + "fr/debat.html",
                enclosure: "https://cdn.example.net/voice/2025/debat.mp3", published: "2025-12-29T08:00:00Z",
                transcripts: [TranscriptRef(url: "https://cdn.example.net/voice/t/debat.srt", type: "application/srt", language: "fr")],
                description: "Un d\u{E9}bat", location: "Kampala", latitude: 0.3476, longitude: 32.5825, language: "fr"),
            WildItem(title: "Archive page", guid: "tag:voice.example.org,2025:archive", link: voice + "podcast/?page=3",
                     enclosure: "https://media.example.net/a.mp3", published: "2025-12-30T20:00:00Z", location: "Nowhere"),
        ]),
        WildFeedCase("atom03.xml", encoding: "UTF-8", title: "Radio Kivu <archives>", items: [
            WildItem(title: "\u{C9}mission du matin", guid: "tag:kivu.example.org,2025:1", link: "https://kivu.example.org/e/1",
                     published: "2025-12-29T06:00:00Z", description: "Nouvelles locales"),
            WildItem(title: "Sans date de parution", guid: "tag:kivu.example.org,2025:2", published: "2025-12-30T09:00:00Z"),
            WildItem(title: "Cr\u{E9}\u{E9}e seulement", guid: "tag:kivu.example.org,2025:3", published: "2025-12-31T07:15:00Z",
                     description: "Court r\u{E9}sum\u{E9}"),
        ]),
        WildFeedCase("utf16le-bom.xml", encoding: "UTF-16LE", title: "Sauti ya Ziwa \u{2014} \u{E9}t\u{E9}", items: ziwa),
        WildFeedCase("utf16be.xml", encoding: "UTF-16BE", title: "\u{3A1}\u{3B1}\u{3B4}\u{3B9}\u{3CC}\u{3C6}\u{3C9}\u{3BD}\u{3BF} \u{2014} \u{E9}t\u{E9}",
                     items: ziwa),
        WildFeedCase("windows-1252.xml", encoding: "windows-1252", title: "Caf\u{E9} FM", items: [
            WildItem(title: "Caf\u{E9} \u{201C}Jioni\u{201D} \u{2014} \u{20AC} 5 \u{2026}", guid: "w-1", published: "2025-12-29T15:00:00Z"),
            WildItem(title: "Na\u{EF}ve r\u{E9}sum\u{E9}", guid: "w-2", published: "2025-12-29T16:00:00Z"),
        ]),
        WildFeedCase("iso-8859-1.xml", encoding: "windows-1252", title: "Radio Se\u{F1}or", items: [
            WildItem(title: "Se\u{F1}or M\u{FC}ller\u{2019}s caf\u{E9}", guid: "l-1", published: "2025-12-29T18:00:00Z"),
        ]),
        WildFeedCase("iso-8859-15.xml", encoding: "ISO-8859-15", title: "Prix en \u{20AC}", items: [
            WildItem(title: "\u{20AC} 20 \u{152}\u{153} \u{17D} \u{161}", guid: "i-1", published: "2025-12-29T17:00:00Z"),
        ]),
        WildFeedCase("windows-1251.xml", encoding: "windows-1251", title: "\u{420}\u{430}\u{434}\u{438}\u{43E} \u{421}\u{442}\u{435}\u{43F}\u{44C}", items: [
            WildItem(title: "\u{423}\u{442}\u{440}\u{435}\u{43D}\u{43D}\u{438}\u{435} \u{43D}\u{43E}\u{432}\u{43E}\u{441}\u{442}\u{438}",
                     guid: "c-1", published: "2025-12-29T06:00:00Z"),
        ]),
        WildFeedCase("lying-utf8.xml", encoding: "windows-1252", title: "Baraza", problems: ["ingest.encoding_mismatch"],
                     messages: ["labelled UTF-8 (XML declaration) but its bytes are not valid UTF-8; read as windows-1252"],
                     items: baraza),
        WildFeedCase("lying-utf8.xml", charset: "Windows-1252", id: "lying-utf8.xml served as windows-1252",
                     encoding: "windows-1252", title: "Baraza", items: baraza),
        WildFeedCase("lying-latin1.xml", encoding: "UTF-8", title: "Caf\u{E9}", problems: ["ingest.encoding_mismatch"],
                     messages: ["labelled windows-1252 (XML declaration) but its bytes are not valid windows-1252; read as UTF-8"],
                     items: [WildItem(title: "Caf\u{E9} \u{2014} na\u{EF}ve", guid: "ll-1", published: "2025-12-29T18:00:00Z")]),
        WildFeedCase("lying-latin1.xml", charset: "utf-8", id: "lying-latin1.xml served as utf-8", encoding: "UTF-8",
                     title: "Caf\u{E9}",
                     items: [WildItem(title: "Caf\u{E9} \u{2014} na\u{EF}ve", guid: "ll-1", published: "2025-12-29T18:00:00Z")]),
        WildFeedCase("mixed-utf8.xml", encoding: "UTF-8 with 1 stray windows-1252 byte(s)", title: "Caf\u{E9} \u{E9}t\u{E9}",
                     problems: ["ingest.encoding_mismatch"],
                     items: [WildItem(title: "Mama\u{2019}s caf\u{E9}", guid: "m-1", published: "2025-12-29T18:00:00Z")]),
        WildFeedCase("bom-wins.xml", charset: "iso-8859-1", encoding: "UTF-8", title: "BOM \u{E9}t\u{E9}",
                     items: [WildItem(title: "Caf\u{E9}", guid: "b-1", published: "2025-12-29T18:00:00Z")]),
        WildFeedCase("truncated.xml", encoding: "UTF-8", title: "Kata", problems: ["ingest.malformed_xml"],
                     messages: ["the document ends inside the item at line 8, which was dropped"], items: [
            WildItem(title: "Moja", guid: "t-1", published: "2025-12-29T18:00:00Z",
                     transcripts: [TranscriptRef(url: "t1.vtt", type: "text/vtt")]),
            WildItem(title: "Mbili", guid: "t-2", published: "2025-12-30T18:00:00Z"),
        ]),
        WildFeedCase("served-html.xml", thrown: "ingest.not_a_feed"),
        WildFeedCase("billion-laughs.xml", encoding: "UTF-8", title: "Laughs", problems: ["ingest.malformed_xml"],
                     messages: ["entity"],
                     items: [WildItem(title: "Before", guid: "lol-0", published: "2025-12-29T18:00:00Z")]),
    ]

    static let ziwa = [
        WildItem(title: "Habari za asubuhi \u{1F399} \u{2014} Caf\u{E9}", guid: "z-1", published: "2025-12-30T05:00:00Z"),
        WildItem(title: "\u{D1}and\u{FA} & \u{FC}ber alles", guid: "z-2", published: "2025-12-30T06:00:00Z"),
    ]

    static let baraza = [
        WildItem(title: "Mkutano wa \u{201C}Baraza\u{201D} \u{2013} caf\u{E9}", guid: "ly-1", published: "2025-12-29T15:00:00Z"),
        WildItem(title: "Second", guid: "ly-2", published: "2025-12-29T16:00:00Z"),
    ]

    @Test(arguments: cases)
    func parses(_ row: WildFeedCase) throws {
        let bytes = try Fixture.wild(row.file)
        let clock = ContinuousClock()
        var result: Result<ParsedFeed, VigilError>!
        let elapsed = clock.measure {
            do throws(VigilError) {
                result = .success(try FeedParser.parse(bytes, file: row.file, charset: row.charset))
            } catch {
                result = .failure(error)
            }
        }
        #expect(elapsed < .seconds(1))
        switch result! {
        case .failure(let error):
            #expect(error.code == row.thrown)
            #expect(error.file == row.file)
        case .success(let feed):
            try #require(row.thrown == nil, "expected \(row.thrown ?? "") to be thrown")
            check(feed, row)
        }
    }

    private func check(_ feed: ParsedFeed, _ row: WildFeedCase) {
        #expect(feed.encoding == row.encoding)
        #expect(feed.title == row.title)
        #expect(feed.problems.map(\.code) == row.problems)
        for (problem, text) in zip(feed.problems, row.messages) where !text.isEmpty {
            #expect(problem.message.contains(text), "\(problem.message)")
        }
        #expect(feed.problems.allSatisfy { $0.file == row.file })
        #expect(feed.items.count == row.items.count)
        for (item, want) in zip(feed.items, row.items) {
            let at = Comment(rawValue: "item \(want.guid ?? want.title)")
            #expect(item.title == want.title, at)
            #expect(item.guid == want.guid, at)
            #expect(item.link == want.link, at)
            #expect(item.enclosure == want.enclosure, at)
            #expect(item.published?.rfc3339 == want.published, at)
            #expect(item.duration == want.duration, at)
            #expect(item.transcripts == want.transcripts, at)
            #expect(item.description == want.description, at)
            #expect(item.location == want.location, at)
            #expect(item.latitude == want.latitude, at)
            #expect(item.longitude == want.longitude, at)
            #expect(item.language == want.language, at)
        }
    }
}
