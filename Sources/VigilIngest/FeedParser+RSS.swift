import VigilCore

extension FeedParser {
    /// Reads RSS 0.9x/2.0 (`rss/channel/item`) and RSS 0.90/1.0 (`rdf:RDF/item`, items beside
    /// the channel). Items libxml2 never closed (a truncated feed) are left out; their lines
    /// are returned.
    static func readRSS(_ root: FeedElement, diagnostics: XMLDiagnostics) -> (feed: ParsedFeed, dropped: [Int]) {
        let channel = root.firstChild("channel", .rss)
        var feed = ParsedFeed()
        if let channel {
            feed.title = plainText(channel.firstChild("title", .rss))
            feed.language = (channel.firstChild("language", .rss) ?? channel.firstChild("language", .dublinCore))?
                .trimmedText()
            setLocation(&feed, location(of: channel))
        }
        var dropped: [Int] = []
        for container in [channel, root].compactMap({ $0 }) {
            for child in container.children where child.isNamed("item", .rss) {
                guard diagnostics.wasClosed(child.node) else {
                    dropped.append(child.line)
                    continue
                }
                var item = rssItem(child)
                inheritLocation(&item, from: feed)
                feed.items.append(item)
            }
        }
        return (feed, dropped)
    }

    private static func rssItem(_ element: FeedElement) -> FeedItem {
        var item = FeedItem(line: element.line)
        let title = element.firstChild("title", .rss) ?? element.firstChild("title", .itunes)
            ?? element.firstChild("title", .dublinCore)
        item.title = plainText(title) ?? ""
        item.description = description([
            element.firstChild("description", .rss), element.firstChild("encoded", .content),
            element.firstChild("summary", .itunes),
        ])
        item.guid = element.firstChild("guid", .rss)?.trimmedText()
        if let link = element.firstChild("link", .rss), let text = link.trimmedText() {
            item.link = link.resolved(text)
        } else {
            item.link = element.attribute("about", .rdf)
        }
        if let enclosure = element.firstChild("enclosure", .rss), let url = enclosure.attribute("url") {
            item.enclosure = enclosure.resolved(url)
        }
        item.publishedText = (element.firstChild("pubDate", .rss) ?? element.firstChild("date", .dublinCore))?
            .trimmedText()
        item.published = item.publishedText.flatMap(DateParser.parse)
        item.duration = duration(of: element)
        item.transcripts = transcripts(of: element)
        item.language = element.firstChild("language", .dublinCore)?.trimmedText() ?? element.attribute("lang", .xml)
        (item.location, item.latitude, item.longitude) = location(of: element)
        return item
    }
}
