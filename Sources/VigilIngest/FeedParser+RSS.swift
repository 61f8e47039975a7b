import VigilCore

extension FeedParser {
    /// Reads RSS 2.0 (`rss/channel/item`) and RSS 1.0 (`rdf:RDF/item`, items beside the channel).
    static func readRSS(_ root: FeedElement) -> ParsedFeed {
        let channel = root.firstChild("channel", .rss)
        var feed = ParsedFeed()
        if let channel {
            feed.title = channel.firstChild("title", .rss).map { $0.collapsedText() }
            feed.language = (channel.firstChild("language", .rss) ?? channel.firstChild("language", .dublinCore))?
                .trimmedText()
        }
        let containers = [channel, root].compactMap { $0 }
        for container in containers {
            for child in container.children where child.isNamed("item", .rss) {
                feed.items.append(rssItem(child))
            }
        }
        return feed
    }

    private static func rssItem(_ element: FeedElement) -> FeedItem {
        var item = FeedItem(line: element.line)
        let title = element.firstChild("title", .rss) ?? element.firstChild("title", .itunes)
            ?? element.firstChild("title", .dublinCore)
        item.title = title?.collapsedText() ?? ""
        item.guid = element.firstChild("guid", .rss)?.trimmedText()
        item.link = element.firstChild("link", .rss)?.trimmedText()
            ?? element.attribute("about", .rdf)
        item.enclosure = element.firstChild("enclosure", .rss)?.attribute("url")
        item.publishedText = (element.firstChild("pubDate", .rss) ?? element.firstChild("date", .dublinCore))?
            .trimmedText()
        item.published = item.publishedText.flatMap(DateParser.parse)
        item.duration = duration(of: element)
        item.transcripts = transcripts(of: element)
        item.language = element.firstChild("language", .dublinCore)?.trimmedText() ?? element.attribute("lang", .xml)
        return item
    }
}
