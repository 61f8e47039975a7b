import VigilCore

extension FeedParser {
    /// Reads Atom 1.0 and Atom 0.3 (`feed/entry`). Entries libxml2 never closed (a truncated
    /// feed) are left out; their lines are returned.
    static func readAtom(_ root: FeedElement, diagnostics: XMLDiagnostics) -> (feed: ParsedFeed, dropped: [Int]) {
        var feed = ParsedFeed()
        feed.title = plainText(root.firstChild("title", .atom))
        feed.language = root.attribute("lang", .xml)
        setLocation(&feed, location(of: root))
        var dropped: [Int] = []
        for child in root.children where child.isNamed("entry", .atom) {
            guard diagnostics.wasClosed(child.node) else {
                dropped.append(child.line)
                continue
            }
            var item = atomEntry(child)
            inheritLocation(&item, from: feed)
            feed.items.append(item)
        }
        return (feed, dropped)
    }

    private static func atomEntry(_ element: FeedElement) -> FeedItem {
        var item = FeedItem(line: element.line)
        item.title = plainText(element.firstChild("title", .atom)) ?? ""
        item.description = description([
            element.firstChild("summary", .atom), element.firstChild("content", .atom),
            element.firstChild("summary", .itunes),
        ])
        item.guid = element.firstChild("id", .atom)?.trimmedText()
        for link in element.children where link.isNamed("link", .atom) {
            guard let href = link.attribute("href") else { continue }
            switch link.attribute("rel") ?? "alternate" {
            case "alternate" where item.link == nil: item.link = link.resolved(href)
            case "enclosure" where item.enclosure == nil: item.enclosure = link.resolved(href)
            default: break
            }
        }
        let date = element.firstChild("published", .atom) ?? element.firstChild("issued", .atom)
            ?? element.firstChild("updated", .atom) ?? element.firstChild("modified", .atom)
            ?? element.firstChild("created", .atom) ?? element.firstChild("date", .dublinCore)
        item.publishedText = date?.trimmedText()
        item.published = item.publishedText.flatMap(DateParser.parse)
        item.duration = duration(of: element)
        item.transcripts = transcripts(of: element)
        item.language = element.attribute("lang", .xml)
        (item.location, item.latitude, item.longitude) = location(of: element)
        return item
    }
}
