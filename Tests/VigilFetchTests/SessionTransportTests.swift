import Foundation
import LoopbackServer
import Testing
import VigilCore
@testable import VigilFetch

/// The URLSession transport (used for https) exercised over plain http on loopback: same
/// contract as the socket client — no automatic redirects, a cap, a deadline.
struct SessionTransportTests {
    func get(_ url: String, timeout: Double = 2, maxBytes: Int = 1 << 20) throws -> HTTPResponse {
        try SessionTransport.get(try WebURL.parse(url), headers: [("User-Agent", "Vigil-test")], connectTimeout: 1, finishBy: Monotonic.now() + timeout, maxBytes: maxBytes, received: { _ in })
    }

    @Test func returnsBodyAndDoesNotFollowRedirects() throws {
        let server = try LoopbackServer { r in r.target == "/r" ? .redirect("/elsewhere") : .ok("body", headers: [("ETag", "\"e\"")]) }
        defer { server.stop() }
        let ok = try get(server.url("/ok"))
        #expect(ok.status == 200 && ok.body == Array("body".utf8))
        #expect(ok.header("etag") == "\"e\"")
        let redirect = try get(server.url("/r"))
        #expect(redirect.status == 302)
        #expect(redirect.header("location") == "/elsewhere")
        #expect(server.requests.map(\.target) == ["/ok", "/r"])
    }

    @Test func capsAndTimesOut() throws {
        let server = try LoopbackServer { r in r.target == "/slow" ? .slow(seconds: 10) : .stream(bytes: 1 << 30, chunked: false) }
        defer { server.stop() }
        // A generous deadline: only the cap may end this request, however loaded the machine.
        #expect(failure { try get(server.url("/huge"), timeout: 30, maxBytes: 100_000) }?.code == "ingest.too_large")
        var e: VigilError?
        let t = seconds { e = failure { try get(server.url("/slow"), timeout: 0.5) } }
        #expect(e?.code == "ingest.fetch_timeout")
        #expect(t < 3)
    }
}
