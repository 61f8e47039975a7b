import Foundation
import LoopbackServer
import Testing
import VigilCore
@testable import VigilFetch

/// Fetching against a scripted server on 127.0.0.1 (started by each test).
struct FetcherTests {
    @Test func notModifiedReusesTheCache() throws {
        let server = try LoopbackServer { r in
            r.headers["if-none-match"] == "\"v1\""
                ? .respond(status: 304, headers: [("ETag", "\"v1\"")], body: [])
                : .ok("<rss/>", headers: [("ETag", "\"v1\""), ("Content-Type", "application/rss+xml; charset=\"ISO-8859-1\"")])
        }
        defer { server.stop() }
        let cache = temporaryFolder()
        let first = try Fetcher(settings: loopbackSettings(), cacheFolder: cache).fetch(server.url("/feed.xml"))
        #expect(!first.fromCache)
        #expect(first.charset == "iso-8859-1")
        let fetcher = Fetcher(settings: loopbackSettings(), cacheFolder: cache)
        let second = try fetcher.fetch(server.url("/feed.xml"))
        #expect(second.fromCache)
        #expect(second.bytes == Array("<rss/>".utf8))
        #expect(second.charset == "iso-8859-1")
        #expect(server.requests.count == 2)
        #expect(server.requests[1].headers["if-none-match"] == "\"v1\"")
        #expect(fetcher.counts.cacheHits == 1 && fetcher.counts.requests == 1)
    }

    @Test func lastModifiedIsSentBack() throws {
        let stamp = "Mon, 29 Dec 2025 08:00:00 GMT"
        let server = try LoopbackServer { r in
            r.headers["if-modified-since"] == stamp ? .respond(status: 304, headers: [], body: []) : .ok("v1", headers: [("Last-Modified", stamp)])
        }
        defer { server.stop() }
        let cache = temporaryFolder()
        _ = try Fetcher(settings: loopbackSettings(), cacheFolder: cache).fetch(server.url("/t.vtt"))
        let again = try Fetcher(settings: loopbackSettings(), cacheFolder: cache).fetch(server.url("/t.vtt"))
        #expect(again.fromCache && again.bytes == Array("v1".utf8))
    }

    @Test func redirectLoopEndsAfterFiveRedirects() throws {
        let server = try LoopbackServer { r in .redirect(r.target == "/a" ? "/b" : "/a") }
        defer { server.stop() }
        var error: VigilError?
        let t = seconds { error = failure { try Fetcher(settings: loopbackSettings(), cacheFolder: temporaryFolder()).fetch(server.url("/a")) } }
        #expect(error?.code == "ingest.too_many_redirects")
        #expect(error?.file == server.url("/a"))
        #expect(server.requests.count == 6, "the first request and 5 redirects")
        #expect(t < 2)
    }

    @Test func fiveRedirectsAreFollowed() throws {
        let server = try LoopbackServer { r in
            let n = Int(r.target.dropFirst()) ?? 0
            return n < 5 ? .redirect("/\(n + 1)", status: [301, 302, 303, 307, 308][n]) : .ok("arrived")
        }
        defer { server.stop() }
        let r = try Fetcher(settings: loopbackSettings(), cacheFolder: temporaryFolder()).fetch(server.url("/0"))
        #expect(r.bytes == Array("arrived".utf8))
        #expect(r.finalURL == server.url("/5"))
    }

    @Test func slowServerTimesOut() throws {
        let server = try LoopbackServer { _ in .slow(seconds: 10) }
        defer { server.stop() }
        var error: VigilError?
        let t = seconds { error = failure { try Fetcher(settings: loopbackSettings(timeout: 0.5), cacheFolder: temporaryFolder()).fetch(server.url("/slow")) } }
        #expect(error?.code == "ingest.fetch_timeout")
        #expect(t < 2, "took \(t) s")
    }

    @Test func retriesAreBoundedWithBackoff() throws {
        let server = try LoopbackServer { _ in .slow(seconds: 10) }
        defer { server.stop() }
        let fetcher = Fetcher(settings: loopbackSettings(timeout: 0.3, retries: 2), cacheFolder: temporaryFolder())
        var error: VigilError?
        let t = seconds { error = failure { try fetcher.fetch(server.url("/slow")) } }
        #expect(error?.code == "ingest.fetch_timeout")
        #expect(server.connections == 3)
        #expect(fetcher.counts.requests == 3)
        #expect(t < 3, "took \(t) s")
    }

    @Test func serverErrorsAreRetriedClientErrorsAreNot() throws {
        let calls = Counter()
        let server = try LoopbackServer { r in
            if r.target == "/missing" { return .respond(status: 404, headers: [], body: []) }
            return calls.next() < 2 ? .respond(status: 503, headers: [], body: []) : .ok("fine")
        }
        defer { server.stop() }
        let fetcher = Fetcher(settings: loopbackSettings(retries: 2), cacheFolder: temporaryFolder())
        #expect(try fetcher.fetch(server.url("/flaky")).bytes == Array("fine".utf8))
        let e = failure { try fetcher.fetch(server.url("/missing")) }
        #expect(e?.code == "ingest.http_status")
        #expect(server.requests.filter { $0.target == "/missing" }.count == 1)
    }

    @Test(arguments: [("declared", 0), ("streamed", 1), ("chunked", 2)])
    func oversizedBodyIsCutOff(_ kind: String, _ n: Int) throws {
        let cap = 256 * 1024
        let server = try LoopbackServer { _ in
            switch n {
            case 0: .respond(status: 200, headers: [], body: [UInt8](repeating: 0x61, count: cap + 1))
            case 1: .stream(bytes: 1 << 30, chunked: false)
            default: .stream(bytes: 1 << 30, chunked: true)
            }
        }
        defer { server.stop() }
        let fetcher = Fetcher(settings: loopbackSettings(maxBytes: cap), cacheFolder: temporaryFolder())
        var error: VigilError?
        let t = seconds { error = failure { try fetcher.fetch(server.url("/huge")) } }
        #expect(error?.code == "ingest.too_large")
        #expect(fetcher.counts.bytes < cap + 256 * 1024, "stopped reading soon after the cap")
        #expect(t < 2)
    }

    @Test func failureFallsBackToAStaleCopy() throws {
        let calls = Counter()
        let server = try LoopbackServer { _ in calls.next() == 0 ? .ok("old", headers: [("ETag", "\"1\"")]) : .respond(status: 500, headers: [], body: []) }
        defer { server.stop() }
        let cache = temporaryFolder()
        _ = try Fetcher(settings: loopbackSettings(), cacheFolder: cache).fetch(server.url("/f"))
        let fetcher = Fetcher(settings: loopbackSettings(), cacheFolder: cache)
        let r = try fetcher.fetch(server.url("/f"))
        #expect(r.bytes == Array("old".utf8) && r.fromCache)
        #expect(r.problems.map(\.code) == ["ingest.fetch_stale"])
        #expect(fetcher.counts.stale == 1)
    }

    @Test func offlineMakesNoRequest() throws {
        let server = try LoopbackServer { _ in .ok("served") }
        defer { server.stop() }
        let cache = temporaryFolder()
        _ = try Fetcher(settings: loopbackSettings(), cacheFolder: cache).fetch(server.url("/cached"))
        let before = server.connections
        var settings = loopbackSettings()
        settings.offline = true
        let fetcher = Fetcher(settings: settings, cacheFolder: cache)
        #expect(try fetcher.fetch(server.url("/cached")).bytes == Array("served".utf8))
        #expect(failure { try fetcher.fetch(server.url("/never")) }?.code == "ingest.offline_uncached")
        Thread.sleep(forTimeInterval: 0.1)
        #expect(server.connections == before)
        #expect(fetcher.counts.requests == 0 && fetcher.counts.cacheHits == 1)
    }

    @Test func loopbackIsRefusedUnlessAllowed() throws {
        let server = try LoopbackServer { _ in .ok("secret admin page") }
        defer { server.stop() }
        var settings = loopbackSettings()
        settings.allowLoopback = false
        let e = failure { try Fetcher(settings: settings, cacheFolder: temporaryFolder()).fetch(server.url("/admin")) }
        #expect(e?.code == "ingest.address_refused")
        Thread.sleep(forTimeInterval: 0.1)
        #expect(server.connections == 0)
    }

    @Test(arguments: [
        ("metadata", "http://169.254.169.254/latest/meta-data/", "ingest.address_refused"),
        ("rfc1918", "http://10.0.0.1/admin", "ingest.address_refused"),
        ("ipv6 unique local", "http://[fd00::1]/", "ingest.address_refused"),
        ("file scheme", "file:///etc/passwd", "ingest.unsupported_url"),
        ("gopher scheme", "gopher://127.0.0.1:6379/_INFO", "ingest.unsupported_url"),
    ])
    func redirectTargetsAreChecked(_ id: String, _ target: String, _ code: String) throws {
        let server = try LoopbackServer { _ in .redirect(target) }
        defer { server.stop() }
        let e = failure { try Fetcher(settings: loopbackSettings(), cacheFolder: temporaryFolder()).fetch(server.url("/go")) }
        #expect(e?.code == code)
        #expect(server.requests.count == 1)
    }

    @Test func sendsADescriptiveUserAgent() throws {
        let server = try LoopbackServer { _ in .ok("x") }
        defer { server.stop() }
        var settings = loopbackSettings()
        settings.contact = "monitor@ngo.example"
        _ = try Fetcher(settings: settings, cacheFolder: temporaryFolder()).fetch(server.url("/"))
        let ua = try #require(server.requests.first?.headers["user-agent"])
        #expect(ua.hasPrefix("Vigil/0.1.0 (+community-radio monitoring"))
        #expect(ua.contains("monitor@ngo.example"))
    }

    @Test func perHostLimitHolds() throws {
        let server = try LoopbackServer { _ in
            Thread.sleep(forTimeInterval: 0.15)
            return .ok("x")
        }
        defer { server.stop() }
        var settings = loopbackSettings()
        settings.perHost = 1
        let fetcher = Fetcher(settings: settings, cacheFolder: temporaryFolder())
        DispatchQueue.concurrentPerform(iterations: 4) { i in _ = try? fetcher.fetch(server.url("/\(i)")) }
        #expect(server.requests.count == 4)
        #expect(server.maxInFlight == 1)
    }
}

/// A thread-safe call counter for scripted handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    /// Returns the count before this call.
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n - 1
    }
}
