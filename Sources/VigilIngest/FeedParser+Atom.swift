import VigilCore

extension FeedParser {
    /// Reads Atom 1.0 (`feed/entry`).
    static func readAtom(_ root: FeedElement) -> ParsedFeed {
        var feed = ParsedFeed()
        feed.title = root.firstChild("title", .atom).map { $0.collapsedText() }
        feed.language = root.attribute("lang", .xml)
        for child in root.children where child.isNamed("entry", .atom) {
            feed.items.append(atomEntry(child))
        }
        return feed
    }

    private static func atomEntry(_ element: FeedElement) -> FeedItem {
        var item = FeedItem(line: element.line)
        item.title = element.firstChild("title", .atom)?.collapsedText() ?? ""
        item.guid = element.firstChild("id", .atom)?.trimmedText()
        for link in element.children where link.isNamed("link", .atom) {
            guard let href = link.attribute("href") else { continue }
            switch link.attribute("rel") ?? "alternate" {
            case "alternate" where item.link == nil: item.link = href
            case "enclosure" where item.enclosure == nil: item.enclosure = href
            default: break
            }
        }
        item.publishedText = (element.firstChild("published", .atom) ?? element.firstChild("updated", .atom)
            ?? element.firstChild("date", .dublinCore))?.trimmedText()
        item.published = item.publishedText.flatMap(DateParser.parse)
        item.duration = duration(of: element)
        item.transcripts = transcripts(of: element)
        item.language = element.attribute("lang", .xml)
        return item
    }
}
