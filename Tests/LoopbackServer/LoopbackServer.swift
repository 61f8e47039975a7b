#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A scripted HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests only.
///
/// Why: fetch behaviour (304s, redirect loops, slow and huge responses) must be proven
/// against a real socket without leaving the machine. Each connection gets one request and
/// one scripted `Reply`, then is closed. Every accepted connection is counted, so a test
/// can prove that no request was made.
///
/// ```swift
/// let server = try LoopbackServer { request in .ok("hello", headers: [("ETag", "\"v1\"")]) }
/// defer { server.stop() }
/// fetch(server.url("/feed.xml"))
/// ```
public final class LoopbackServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var target: String
        /// Header names lowercased.
        public var headers: [String: String]
    }

    public enum Reply: Sendable {
        /// A complete response with `Content-Length`.
        case respond(status: Int, headers: [(String, String)], body: [UInt8])
        /// Waits `seconds` (or until the client hangs up), then answers 200.
        case slow(seconds: Double)
        /// 200 with no length, streaming `bytes` bytes (or until the client hangs up).
        case stream(bytes: Int, chunked: Bool)

        public static func ok(_ body: String, headers: [(String, String)] = []) -> Reply {
            .respond(status: 200, headers: headers, body: Array(body.utf8))
        }

        public static func redirect(_ location: String, status: Int = 302) -> Reply {
            .respond(status: status, headers: [("Location", location)], body: [])
        }
    }

    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    private let lock = NSLock()
    private var stopped = false
    private var _connections = 0
    private var _requests: [Request] = []
    private var _inFlight = 0
    private var _maxInFlight = 0

    public init(handler: @escaping @Sendable (Request) -> Reply) throws {
        // Tests reach loopback only: a last lock in the fetch code refuses any other address
        // (inherited by the vigil binary the end-to-end tests start).
        setenv("VIGIL_LOOPBACK_ONLY", "1", 1)
        self.handler = handler
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Connections accepted so far.
    public var connections: Int { locked { _connections } }
    /// Requests read so far, in arrival order.
    public var requests: [Request] { locked { _requests } }
    /// The most requests handled at the same time.
    public var maxInFlight: Int { locked { _maxInFlight } }

    public func stop() {
        lock.lock()
        let was = stopped
        stopped = true
        lock.unlock()
        // The accept thread closes the socket when it sees `stopped`: closing it here could
        // let it poll a reused descriptor that belongs to another server.
        if !was { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private func acceptLoop() {
        defer { close(listener) }
        while !locked({ stopped }) {
            var p = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            locked { _connections += 1 }
            let t = Thread { [self] in serve(client) }
            t.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !buffer.containsHeadEnd {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 3000) > 0 else { return }
            let n = recv(fd, &chunk, chunk.count, 0)
            guard n > 0 else { return }
            buffer += chunk[0..<n]
        }
        let text = String(decoding: buffer, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let first = lines[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let c = line.firstIndex(of: ":") else { continue }
            headers[line[..<c].lowercased()] = line[line.index(after: c)...].trimmingCharacters(in: .whitespaces)
        }
        let request = Request(method: first.count > 0 ? String(first[0]) : "", target: first.count > 1 ? String(first[1]) : "", headers: headers)
        locked {
            _requests.append(request)
            _inFlight += 1
            _maxInFlight = max(_maxInFlight, _inFlight)
        }
        let reply = handler(request)
        // Counted while the handler runs, so the count is settled before the client can see
        // the reply.
        locked { _inFlight -= 1 }
        switch reply {
        case .respond(let status, let extra, let body):
            var head = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
            for (k, v) in extra { head += "\(k): \(v)\r\n" }
            send(fd, Array((head + "\r\n").utf8) + body)
        case .slow(let seconds):
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, Int32(seconds * 1000))
            send(fd, Array("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nlate".utf8))
        case .stream(let total, let chunked):
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\(chunked ? "Transfer-Encoding: chunked\r\n" : "")Connection: close\r\n\r\n"
            guard send(fd, Array(head.utf8)) else { return }
            let block = [UInt8](repeating: 0x61, count: 64 * 1024)
            var sent = 0
            while sent < total {
                let piece = chunked ? Array("\(String(block.count, radix: 16))\r\n".utf8) + block + [0x0D, 0x0A] : block
                guard send(fd, piece) else { return }
                sent += block.count
            }
            if chunked { _ = send(fd, Array("0\r\n\r\n".utf8)) }
        }
    }

    @discardableResult
    private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

extension Array where Element == UInt8 {
    fileprivate var containsHeadEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 0x0D && self[i + 1] == 0x0A && self[i + 2] == 0x0D && self[i + 3] == 0x0A { return true }
        return false
    }
}
