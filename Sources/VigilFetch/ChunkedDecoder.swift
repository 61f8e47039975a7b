import VigilCore

/// Decodes an HTTP/1.1 `Transfer-Encoding: chunked` body as bytes arrive.
///
/// Why: the body must be capped while it streams in; decoding incrementally lets the
/// client stop at `maxBytes` of content without buffering the raw stream first.
///
/// ```swift
/// var d = ChunkedDecoder()
/// try d.feed(Array("5\r\nhello\r\n0\r\n\r\n".utf8)[...], into: &body)   // d.isDone
/// ```
struct ChunkedDecoder {
    private enum State { case size, data(Int), dataEnd, trailer, done }
    private var state = State.size
    private var line: [UInt8] = []

    var isDone: Bool { if case .done = state { true } else { false } }

    mutating func feed(_ bytes: ArraySlice<UInt8>, into body: inout [UInt8]) throws(VigilError) {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            switch state {
            case .done:
                return
            case .data(let remaining):
                let take = min(remaining, bytes.endIndex - i)
                body.append(contentsOf: bytes[i..<(i + take)])
                i += take
                state = remaining - take == 0 ? .dataEnd : .data(remaining - take)
            case .size, .dataEnd, .trailer:
                let b = bytes[i]
                i += 1
                guard b == 0x0A else {
                    line.append(b)
                    if line.count > 4096 { throw VigilError(.ingest, "fetch_failed", "malformed chunked body (line too long)") }
                    continue
                }
                if line.last == 0x0D { line.removeLast() }
                defer { line.removeAll(keepingCapacity: true) }
                switch state {
                case .size:
                    let hexPart = line.prefix { $0 != 0x3B }.filter { $0 != 0x20 && $0 != 0x09 }
                    guard !hexPart.isEmpty, hexPart.count <= 15, let n = Int(String(decoding: hexPart, as: UTF8.self), radix: 16) else {
                        throw VigilError(.ingest, "fetch_failed", "malformed chunked body (bad chunk size)")
                    }
                    state = n == 0 ? .trailer : .data(n)
                case .dataEnd:
                    guard line.isEmpty else { throw VigilError(.ingest, "fetch_failed", "malformed chunked body (missing CRLF after a chunk)") }
                    state = .size
                default:
                    if line.isEmpty { state = .done }
                }
            }
        }
    }
}
