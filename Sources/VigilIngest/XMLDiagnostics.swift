internal import CLibXML2

/// Collects libxml2's diagnostics for one parse, without printing anything.
///
/// Why: libxml2 prints to stderr unless given a handler, and `xmlCtxtSetErrorHandler`
/// does not exist in 2.9.14. The parser context's own SAX handler has an `serror` slot
/// (structured errors) that libxml2 calls with the context as user data; the collector
/// hangs off the context's `_private` pointer. Errors raised without a context (encoding
/// conversion, I/O) go to libxml2's per-thread structured handler, which `FeedParser`
/// points here for the duration of one parse.
///
/// It also watches end tags: libxml2's recovery leaves an element that the document ends
/// inside (a truncated feed) in the tree with whatever it held so far, and reports only the
/// innermost unfinished element. The collector wraps the SAX2 `endElementNs` callback and
/// notes every `item`/`entry` element that was closed (by its end tag, as an empty element,
/// or by recovery from a mismatched tag), so `FeedParser` can drop the ones never closed.
///
/// ```swift
/// let diagnostics = XMLDiagnostics()
/// diagnostics.attach(to: ctxt)   // before xmlCtxtReadMemory; keep `diagnostics` alive
/// if let first = diagnostics.first { print(first.line, first.message) }
/// ```
final class XMLDiagnostics {
    /// Errors and fatal errors seen (warnings are ignored).
    private(set) var count = 0
    /// The first error: libxml2's message (trimmed) and 1-based line.
    private(set) var first: (message: String, line: Int?)?
    /// Addresses of the `item` and `entry` element nodes that were closed.
    private(set) var closedItems = Set<Int>()
    /// libxml2's own end-element callback, called after noting the element.
    private var endElement: endElementNsSAX2Func?

    /// True when the `item` or `entry` element `node` was closed during the parse.
    func wasClosed(_ node: xmlNodePtr) -> Bool { closedItems.contains(Int(bitPattern: node)) }

    /// Points `ctxt` at this collector. The caller keeps `self` alive until the parse ends.
    func attach(to ctxt: xmlParserCtxtPtr) {
        ctxt.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        ctxt.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let collector = ctxt.pointee._private else { return }
            Unmanaged<XMLDiagnostics>.fromOpaque(collector).takeUnretainedValue().record(error.pointee)
        }
        endElement = ctxt.pointee.sax.pointee.endElementNs
        ctxt.pointee.sax.pointee.endElementNs = { userData, localname, prefix, uri in
            guard let userData else { return }
            let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let collector = ctxt.pointee._private else { return }
            let me = Unmanaged<XMLDiagnostics>.fromOpaque(collector).takeUnretainedValue()
            if let node = ctxt.pointee.node,
               FeedNamespace.equals(localname, "item") || FeedNamespace.equals(localname, "entry") {
                me.closedItems.insert(Int(bitPattern: node))
            }
            me.endElement?(userData, localname, prefix, uri)
        }
    }

    /// Detaches from `ctxt` so no dangling pointer is left behind.
    func detach(from ctxt: xmlParserCtxtPtr) {
        ctxt.pointee._private = nil
        ctxt.pointee.sax.pointee.serror = nil
        ctxt.pointee.sax.pointee.endElementNs = endElement
    }

    /// Also collects the errors libxml2 raises without a parser context (encoding
    /// conversion and I/O errors), which would otherwise go to stderr. The handler is
    /// libxml2 per-thread state; call `releaseThreadErrors` on the same thread when done.
    func captureThreadErrors() {
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque()) { data, error in
            guard let data, let error else { return }
            Unmanaged<XMLDiagnostics>.fromOpaque(data).takeUnretainedValue().record(error.pointee)
        }
    }

    /// Removes the per-thread handler set by `captureThreadErrors`.
    func releaseThreadErrors() {
        xmlSetStructuredErrorFunc(nil, nil)
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        count += 1
        guard first == nil else { return }
        var message = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        while let last = message.unicodeScalars.last, last.properties.isWhitespace {
            message.unicodeScalars.removeLast()
        }
        first = (message, error.line > 0 ? Int(error.line) : nil)
    }
}
