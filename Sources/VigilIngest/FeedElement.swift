internal import CLibXML2

/// A read-only view of one element of a parsed feed document.
///
/// Why: `xmlNodeGetContent` and `xmlGetProp` expand entity references even under the safe
/// parse options (an entity flood then costs seconds and gigabytes), so text is gathered
/// here by walking text and CDATA children. Entity-reference nodes are skipped, except the
/// XML and HTML named entities, which are decoded from `HTMLEntities.table`. The view is
/// only valid while its document lives: it never leaves `FeedParser.parse`.
///
/// ```swift
/// if let title = channel.firstChild("title", .rss)?.collapsedText() { … }
/// ```
struct FeedElement {
    let node: xmlNodePtr

    /// True when the element has local name `local` in namespace `ns`.
    func isNamed(_ local: StaticString, _ ns: FeedNamespace) -> Bool {
        let name = node.pointee.name
        let href = node.pointee.ns?.pointee.href
        if ns.contains(href), FeedNamespace.equals(name, local) { return true }
        if href == nil, let prefix = ns.prefix { return FeedNamespace.equals(name, prefix: prefix, local: local) }
        return false
    }

    /// The element's name as written (for messages).
    var name: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    /// 1-based line of the start tag.
    var line: Int { Int(xmlGetLineNo(node)) }

    /// Element children, in document order.
    var children: [FeedElement] {
        var out: [FeedElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(FeedElement(node: c)) }
            child = c.pointee.next
        }
        return out
    }

    /// The first child element named `local` in `ns`.
    func firstChild(_ local: StaticString, _ ns: FeedNamespace) -> FeedElement? {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                let element = FeedElement(node: c)
                if element.isNamed(local, ns) { return element }
            }
            child = c.pointee.next
        }
        return nil
    }

    /// All text inside the element (descendants included), as written.
    func text() -> String {
        var bytes: [UInt8] = []
        FeedElement.appendText(node.pointee.children, into: &bytes, depth: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Text with leading and trailing whitespace removed; nil when nothing is left.
    func trimmedText() -> String? { FeedElement.trimmed(text()) }

    /// Text with every run of whitespace (NBSP included) collapsed to one space, trimmed.
    func collapsedText() -> String { FeedElement.collapsed(text()) }

    /// The trimmed value of attribute `local` (no namespace unless `ns` is given); nil when empty.
    func attribute(_ local: StaticString, _ ns: FeedNamespace? = nil) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            let href = a.pointee.ns?.pointee.href
            let nsMatches = ns.map { $0.contains(href) && href != nil } ?? (href == nil)
            if nsMatches, FeedNamespace.equals(a.pointee.name, local) {
                var bytes: [UInt8] = []
                FeedElement.appendText(a.pointee.children, into: &bytes, depth: 0)
                return FeedElement.trimmed(String(decoding: bytes, as: UTF8.self))
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// Appends the text of `first` and its siblings; skips unknown entity references.
    private static func appendText(_ first: xmlNodePtr?, into bytes: inout [UInt8], depth: Int) {
        var child = first
        while let c = child {
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
            case XML_ENTITY_REF_NODE:
                if let name = c.pointee.name, let value = HTMLEntities.table[String(cString: name)],
                   let scalar = Unicode.Scalar(value) {
                    bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
            case XML_ELEMENT_NODE where depth < 16:
                appendText(c.pointee.children, into: &bytes, depth: depth + 1)
            default:
                break
            }
            child = c.pointee.next
        }
    }

    static func trimmed(_ s: String) -> String? {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return nil }
        return String(scalars[first...last])
    }

    static func collapsed(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}
