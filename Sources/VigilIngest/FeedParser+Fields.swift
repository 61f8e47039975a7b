import VigilCore

extension FeedParser {
    /// Descriptions are cut to this many characters (reviewers need context, not show notes).
    static let descriptionLimit = 2_000

    /// `<podcast:transcript>` children of an item, in document order, `url` resolved against
    /// `xml:base` when one is in effect.
    static func transcripts(of item: FeedElement) -> [TranscriptRef] {
        item.children.compactMap { child in
            guard child.isNamed("transcript", .podcast), let url = child.attribute("url") else { return nil }
            return TranscriptRef(url: child.resolved(url), type: child.attribute("type"),
                                 language: child.attribute("language"), rel: child.attribute("rel"))
        }
    }

    /// `itunes:duration` of an item, in seconds.
    static func duration(of item: FeedElement) -> Double? {
        item.firstChild("duration", .itunes)?.trimmedText().flatMap(DurationParser.parse)
    }

    /// The element's text reduced to plain text (`HTMLText`); nil when absent or empty, and
    /// for content that is not text (Atom `src=` or Atom 0.3 `mode="base64"`).
    static func plainText(_ element: FeedElement?, limit: Int? = nil) -> String? {
        guard let element, element.attribute("src") == nil, element.attribute("mode") != "base64" else { return nil }
        let text = HTMLText.plain(element.text(), limit: limit)
        return text.isEmpty ? nil : text
    }

    /// The first candidate with text, as a description.
    static func description(_ candidates: [FeedElement?]) -> String? {
        for candidate in candidates {
            if let text = plainText(candidate, limit: descriptionLimit) { return text }
        }
        return nil
    }

    /// A place and its coordinates, as read by `location(of:)`.
    typealias Place = (name: String?, latitude: Double?, longitude: Double?)

    /// Location of a channel, feed, item or entry: `podcast:location` (text, `geo="geo:lat,lon"`),
    /// `georss:featurename`, `georss:point` ("lat lon"), W3C `geo:lat`/`geo:long` (also inside
    /// `geo:Point`). Coordinates outside ±90/±180 are ignored.
    static func location(of element: FeedElement) -> Place {
        var place: Place = (nil, nil, nil)
        let podcast = element.firstChild("location", .podcast)
        place.name = podcast.map { $0.collapsedText() }.flatMap { $0.isEmpty ? nil : $0 }
            ?? element.firstChild("featurename", .georss)?.trimmedText()
        var pair: (Double, Double)?
        if let geo = podcast?.attribute("geo") {
            var uri = Substring(geo)
            if uri.lowercased().hasPrefix("geo:") { uri = uri.dropFirst(4) }
            if let semicolon = uri.firstIndex(of: ";") { uri = uri[..<semicolon] }
            pair = coordinates(uri.split(separator: ",").map(String.init))
        }
        if pair == nil, let point = element.firstChild("point", .georss)?.trimmedText() {
            pair = coordinates(point.split(whereSeparator: { $0 == " " || $0 == "," || $0.isNewline || $0 == "\t" })
                .map(String.init))
        }
        if pair == nil {
            let holder = element.firstChild("Point", .geo) ?? element
            if let lat = holder.firstChild("lat", .geo)?.trimmedText(), let lon = holder.firstChild("long", .geo)?.trimmedText() {
                pair = coordinates([lat, lon])
            }
        }
        if let pair {
            place.latitude = pair.0
            place.longitude = pair.1
        }
        return place
    }

    /// The first two fields as latitude and longitude, when both are numbers in range.
    private static func coordinates(_ fields: [String]) -> (Double, Double)? {
        guard fields.count >= 2,
              let lat = FeedElement.trimmed(fields[0]).flatMap(Double.init),
              let lon = FeedElement.trimmed(fields[1]).flatMap(Double.init),
              (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        return (lat, lon)
    }

    /// Fills the item's location from the feed's when the item has none of its own (name and
    /// coordinates are taken together, so that a pair never mixes two places).
    static func inheritLocation(_ item: inout FeedItem, from feed: ParsedFeed) {
        guard item.location == nil, item.latitude == nil, item.longitude == nil else { return }
        item.location = feed.location
        item.latitude = feed.latitude
        item.longitude = feed.longitude
    }

    /// Sets the feed-level location.
    static func setLocation(_ feed: inout ParsedFeed, _ place: Place) {
        feed.location = place.name
        feed.latitude = place.latitude
        feed.longitude = place.longitude
    }
}
