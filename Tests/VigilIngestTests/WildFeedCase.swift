import Testing
import VigilCore
import VigilIngest

/// What one item of a wild-corpus feed must read as. Every field is compared: nil means
/// "must be absent".
struct WildItem: Sendable {
    var title: String
    var guid: String?
    var link: String?
    var enclosure: String?
    var published: String?
    var duration: Double?
    var transcripts: [TranscriptRef] = []
    var description: String?
    var location: String?
    var latitude: Double?
    var longitude: Double?
    var language: String?
}

/// One row of the wild-feeds table: a fixture, the transport charset it is served with, and
/// what the parser must make of it.
struct WildFeedCase: Sendable, CustomTestStringConvertible {
    /// Row id (the fixture's name, plus how it is served when that differs).
    var id: String
    var file: String
    var charset: String?
    /// Expected `ParsedFeed.encoding`.
    var encoding: String?
    var title: String?
    /// Expected problem codes, in order.
    var problems: [String] = []
    /// Text every problem's message must contain, in order (empty strings skip).
    var messages: [String] = []
    var items: [WildItem] = []
    /// Expected code of the thrown error, for inputs that are not feeds.
    var thrown: String?

    init(_ file: String, charset: String? = nil, id: String? = nil, encoding: String? = nil, title: String? = nil,
         problems: [String] = [], messages: [String] = [], items: [WildItem] = [], thrown: String? = nil) {
        self.id = id ?? file
        self.file = file
        self.charset = charset
        self.encoding = encoding
        self.title = title
        self.problems = problems
        self.messages = messages
        self.items = items
        self.thrown = thrown
    }

    var testDescription: String { id }
}
