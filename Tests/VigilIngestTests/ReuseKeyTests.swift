import Testing
import VigilCore
@testable import VigilIngest

/// The reuse key of an item (incremental runs): every field counts but the item's line.
struct ReuseKeyTests {
    let ingester = ItemIngester(station: Station(stationID: "s", name: "S", region: "R", feed: "f.xml", language: "en"), feed: "f.xml", feedLanguage: "en")
    let ref = TranscriptRef(url: "t.vtt", type: "text/vtt", language: "en", rel: nil)
    let opened = OpenedTranscript(file: "t.vtt", bytes: Array("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n".utf8))

    func key(_ item: FeedItem, ref: TranscriptRef? = nil, opened: OpenedTranscript? = nil) -> String {
        ingester.reuseKey(item, ref: ref ?? self.ref, opened: opened ?? self.opened, salt: "build-1")
    }

    @Test func reuseKeyCoversEveryField() {
        // A new stored property must be added to `keyFields` (and this count).
        #expect(Mirror(reflecting: FeedItem()).children.count == ItemIngester.keyedItemFields)
        #expect(Mirror(reflecting: ref).children.count == 4)
        #expect(Mirror(reflecting: Timestamp(seconds: 0)).children.count == 1)

        let base = FeedItem(guid: "g", link: "l", enclosure: "e", title: "t", publishedText: "p", published: Timestamp(seconds: 5),
                            duration: 60, transcripts: [ref], language: "en", line: 10, description: "d", location: "x",
                            latitude: 1, longitude: 2)
        var changed: [FeedItem] = []
        func variant(_ change: (inout FeedItem) -> Void) {
            var v = base
            change(&v)
            changed.append(v)
        }
        variant { $0.guid = nil }
        variant { $0.link = "l2" }
        variant { $0.enclosure = "e2" }
        variant { $0.title = "t2" }
        variant { $0.description = nil }
        variant { $0.publishedText = "p2" }
        variant { $0.published = Timestamp(seconds: 6) }
        variant { $0.duration = 61 }
        variant { $0.transcripts = [] }
        variant { $0.location = "y" }
        variant { $0.latitude = 1.5 }
        variant { $0.longitude = -2 }
        variant { $0.language = "fr" }
        let keys = Set(([base] + changed).map { key($0) })
        #expect(keys.count == changed.count + 1, "each field changes the key")

        var moved = base
        moved.line = 99
        #expect(key(moved) == key(base), "the line alone does not")
        #expect(key(base, ref: TranscriptRef(url: "t.vtt", type: "text/vtt", language: "fr")) != key(base))
        #expect(key(base, opened: OpenedTranscript(file: "t.vtt", bytes: opened.bytes + [0x20])) != key(base))
        #expect(key(base, opened: OpenedTranscript(file: "u.vtt", bytes: opened.bytes)) != key(base))
        #expect(ingester.reuseKey(base, ref: ref, opened: opened, salt: "build-2") != key(base), "another build")
        // Field boundaries are kept: moving text from one field to the next changes the key.
        var a = base, b = base
        a.title = "ab"; a.description = "c"
        b.title = "a"; b.description = "bc"
        #expect(key(a) != key(b))
    }
}
