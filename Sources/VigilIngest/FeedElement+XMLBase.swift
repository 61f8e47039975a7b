internal import CLibXML2

extension FeedElement {
    /// The `xml:base` in effect at this element (its own included, nested bases resolved
    /// outermost first); nil when neither it nor any ancestor has one.
    ///
    /// ```swift
    /// // <channel xml:base="https://x.org/show/"><item xml:base="ep1/"><enclosure url="a.mp3"/>
    /// enclosure.xmlBase()   // "https://x.org/show/ep1/"
    /// ```
    func xmlBase() -> String? {
        var bases: [String] = []
        var current: xmlNodePtr? = node
        while let n = current, n.pointee.type == XML_ELEMENT_NODE, bases.count < 64 {
            if let base = FeedElement(node: n).attribute("base", .xml) { bases.append(base) }
            current = n.pointee.parent
        }
        guard var base = bases.popLast() else { return nil }
        while let inner = bases.popLast() { base = URIResolver.resolve(inner, against: base) }
        return base
    }

    /// `reference` resolved against the `xml:base` in effect here; unchanged when there is none
    /// (the caller then resolves it against the feed's own location).
    func resolved(_ reference: String) -> String {
        guard let base = xmlBase() else { return reference }
        return URIResolver.resolve(reference, against: base)
    }
}
