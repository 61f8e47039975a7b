#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore
import VigilIO

/// A minimal HTTP/1.1 client over POSIX sockets for `http:` URLs: one GET per connection,
/// to an address that `AddressPolicy` already checked.
///
/// Why its own client: it connects to exactly the address that was checked (no second DNS
/// lookup), every wait has a deadline (`poll`), and the body is cut off the moment it passes
/// the cap, none of which URLSession guarantees on Linux. It does no redirects (the
/// `Fetcher` follows them, re-checking each target) and sends `Connection: close`.
///
/// ```swift
/// let r = try PlainHTTPClient.get(url, address: a, headers: [("User-Agent", ua)],
///                                 connectBy: t + 10, finishBy: t + 30, maxBytes: 1 << 20)
/// ```
enum PlainHTTPClient {
    static let maxHeadBytes = 64 * 1024

    /// Sends one GET and reads the response. Redirect and 304 bodies are not read.
    /// - Throws: `ingest.fetch_timeout` past a deadline, `ingest.too_large` past `maxBytes`
    ///   (declared or received), `ingest.fetch_failed` for anything else.
    static func get(
        _ url: WebURL, address: ResolvedAddress, headers: [(String, String)],
        connectBy: Double, finishBy: Double, maxBytes: Int, received: (Int) -> Void
    ) throws(VigilError) -> HTTPResponse {
        let fd = try connect(address, by: min(connectBy, finishBy), url: url)
        defer { close(fd) }
        var request = "GET \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Accept-Encoding: identity\r\nConnection: close\r\n\r\n"
        try send(fd, Array(request.utf8), by: finishBy, url: url)

        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        // Head.
        var head: (status: Int, headers: [(name: String, value: String)], bodyStart: Int)?
        while head == nil {
            let n = try receive(fd, into: &chunk, by: finishBy, url: url)
            if n == 0 { throw VigilError(.ingest, "fetch_failed", "\(url.host) closed the connection before a complete response") }
            buffer.append(contentsOf: chunk[0..<n])
            head = try parseHead(buffer, url: url)
            if head == nil && buffer.count > maxHeadBytes {
                throw VigilError(.ingest, "fetch_failed", "response headers from \(url.host) exceed \(maxHeadBytes) bytes")
            }
            if let h = head, (100..<200).contains(h.status) {
                buffer.removeFirst(h.bodyStart)
                head = try parseHead(buffer, url: url)
            }
        }
        let h = head!
        var response = HTTPResponse(status: h.status, headers: h.headers, body: [])
        if response.isRedirect || h.status == 304 || h.status == 204 { return response }

        func tooLarge(_ what: String) -> VigilError {
            VigilError(.ingest, "too_large", "\(url) \(what); the cap is \(maxBytes) bytes (fetch: {max_bytes: N}); cut off")
        }
        let chunked = response.header("transfer-encoding")?.lowercased().contains("chunked") ?? false
        var length: Int? = nil
        if !chunked, let cl = response.header("content-length") {
            guard let v = Int(cl.trimmingSpaces()), v >= 0 else { throw VigilError(.ingest, "fetch_failed", "bad Content-Length '\(cl.debugSafe)' from \(url.host)") }
            if v > maxBytes { throw tooLarge("declares \(v) bytes") }
            length = v
        }
        var decoder = ChunkedDecoder()
        var body: [UInt8] = []
        func take(_ bytes: ArraySlice<UInt8>) throws(VigilError) {
            received(bytes.count)
            if chunked { try decoder.feed(bytes, into: &body) } else { body.append(contentsOf: bytes) }
            if body.count > maxBytes { throw tooLarge("sent more than the cap") }
        }
        try take(buffer[h.bodyStart...])
        while true {
            if chunked && decoder.isDone { break }
            if let length, body.count >= length { break }
            let n = try receive(fd, into: &chunk, by: finishBy, url: url)
            if n == 0 {
                if chunked { throw VigilError(.ingest, "fetch_failed", "\(url.host) closed the connection in the middle of a chunked body") }
                if let length, body.count < length { throw VigilError(.ingest, "fetch_failed", "\(url.host) closed the connection after \(body.count) of \(length) bytes") }
                break
            }
            try take(chunk[0..<n])
        }
        if let length, body.count > length { body.removeLast(body.count - length) }
        response.body = body
        return response
    }

    /// Parses the status line and headers once `\r\n\r\n` has arrived; nil before.
    static func parseHead(_ buffer: [UInt8], url: WebURL) throws(VigilError) -> (status: Int, headers: [(name: String, value: String)], bodyStart: Int)? {
        guard buffer.count >= 4 else { return nil }
        var end: Int? = nil
        for i in 0...(buffer.count - 4) where buffer[i] == 0x0D && buffer[i + 1] == 0x0A && buffer[i + 2] == 0x0D && buffer[i + 3] == 0x0A {
            end = i
            break
        }
        guard let end else { return nil }
        let text = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100...599).contains(status) else {
            throw VigilError(.ingest, "fetch_failed", "\(url.host) did not answer with HTTP/1.x ('\(String(statusLine.prefix(60)).debugSafe)')")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((line[..<colon].lowercased().trimmingSpaces(), String(line[line.index(after: colon)...]).trimmingSpaces()))
        }
        return (status, headers, end + 4)
    }

    // MARK: sockets

    /// A last lock for test runs: with `VIGIL_LOOPBACK_ONLY=1` in the environment, nothing
    /// but a loopback address is ever connected to, whatever the policy above decided.
    static let loopbackOnly = getenv("VIGIL_LOOPBACK_ONLY").map { String(cString: $0) == "1" } ?? false

    static func connect(_ address: ResolvedAddress, by deadline: Double, url: WebURL) throws(VigilError) -> Int32 {
        if loopbackOnly && address.scope != .loopback {
            throw VigilError(.ingest, "address_refused", "VIGIL_LOOPBACK_ONLY is set: \(address.text) is not a loopback address")
        }
        #if canImport(Glibc)
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(address.family, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw VigilError(.ingest, "fetch_failed", "cannot create a socket: \(FileSystem.errnoText())") }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var storage = address.storage
        let rc = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
        }
        if rc != 0 {
            guard errno == EINPROGRESS else {
                let text = FileSystem.errnoText()
                close(fd)
                throw VigilError(.ingest, "fetch_failed", "cannot connect to \(url.host) (\(address.text)): \(text)")
            }
            do { try wait(fd, events: Int16(POLLOUT), by: deadline, url: url, what: "connecting to") } catch {
                close(fd)
                throw error
            }
            var err: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)
            if err != 0 {
                close(fd)
                throw VigilError(.ingest, "fetch_failed", "cannot connect to \(url.host) (\(address.text)): \(String(cString: strerror(err)))")
            }
        }
        return fd
    }

    static func send(_ fd: Int32, _ bytes: [UInt8], by deadline: Double, url: WebURL) throws(VigilError) {
        var offset = 0
        while offset < bytes.count {
            try wait(fd, events: Int16(POLLOUT), by: deadline, url: url, what: "sending to")
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw VigilError(.ingest, "fetch_failed", "sending to \(url.host) failed: \(FileSystem.errnoText())")
            }
            offset += n
        }
    }

    static func receive(_ fd: Int32, into chunk: inout [UInt8], by deadline: Double, url: WebURL) throws(VigilError) -> Int {
        while true {
            try wait(fd, events: Int16(POLLIN), by: deadline, url: url, what: "waiting for")
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n >= 0 { return n }
            if errno == EINTR || errno == EAGAIN { continue }
            throw VigilError(.ingest, "fetch_failed", "reading from \(url.host) failed: \(FileSystem.errnoText())")
        }
    }

    static func wait(_ fd: Int32, events: Int16, by deadline: Double, url: WebURL, what: String) throws(VigilError) {
        while true {
            let remaining = deadline - Monotonic.now()
            if remaining <= 0 { throw VigilError(.ingest, "fetch_timeout", "timed out \(what) \(url.host)") }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let rc = poll(&p, 1, Int32(min(remaining * 1000, 3_600_000).rounded(.up)))
            if rc > 0 { return }
            if rc < 0 && errno != EINTR { throw VigilError(.ingest, "fetch_failed", "poll failed: \(FileSystem.errnoText())") }
        }
    }

}
