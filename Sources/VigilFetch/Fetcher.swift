import Foundation
import VigilCore
import VigilIO

/// Fetches http(s) inputs for a run: cache, conditional GET, redirects, retries, caps,
/// address checks and a per-host limit. Safe to call from any worker thread.
///
/// Why one type: every fetch must pass the same checks in the same order, whether it is
/// a feed or a transcript, the first hop or the fifth redirect.
///
/// For each URL: with `--offline`, the cache or `ingest.offline_uncached`. Otherwise a GET
/// (conditional when the cache has validators); `304` reuses the cache; `2xx` is stored;
/// `301/302/303/307/308` are followed at most 5 times, each target re-checked (scheme,
/// then address); connection errors, timeouts, `429` and `5xx` are retried with exponential
/// backoff. When a fetch fails in a transient way and a cached copy exists, the copy is used
/// and `ingest.fetch_stale` is attached.
///
/// ```swift
/// let fetcher = Fetcher(settings: settings, cacheFolder: "vigil-work/fetch")
/// let feed = try fetcher.fetch("https://radio.example.org/feed.xml")
/// ```
public final class Fetcher: Sendable {
    public let settings: FetchSettings
    private let cache: FetchCache
    private let limiter: HostLimiter
    private let tally = Tally()

    public init(settings: FetchSettings, cacheFolder: String) {
        self.settings = settings
        self.cache = FetchCache(folder: cacheFolder)
        self.limiter = HostLimiter(limit: settings.perHost)
    }

    /// What was done so far.
    public var counts: FetchCounts { tally.snapshot }

    /// Fetches `url`; errors carry `file: url`.
    public func fetch(_ url: String) throws(VigilError) -> FetchedResource {
        do {
            return try fetchUnlabelled(url)
        } catch {
            tally.add { $0.failures += 1 }
            throw error.adding(file: url)
        }
    }

    private func fetchUnlabelled(_ url: String) throws(VigilError) -> FetchedResource {
        let first = try WebURL.parse(url)
        let cached = cache.load(url)
        func fromCache(_ c: (entry: FetchCache.Entry, body: [UInt8]), problems: [VigilError] = []) -> FetchedResource {
            FetchedResource(url: url, finalURL: c.entry.finalURL, bytes: c.body, contentType: c.entry.contentType, fromCache: true, problems: problems)
        }
        if settings.offline {
            guard let cached else {
                throw VigilError(.ingest, "offline_uncached", "\(url) is not in the fetch cache and --offline makes no requests")
            }
            tally.add { $0.cacheHits += 1 }
            return fromCache(cached)
        }
        var conditional: [(String, String)] = []
        if let c = cached?.entry {
            if let etag = c.etag, Self.isHeaderSafe(etag) { conditional.append(("If-None-Match", etag)) }
            if let lm = c.lastModified, Self.isHeaderSafe(lm) { conditional.append(("If-Modified-Since", lm)) }
        }
        do throws(VigilError) {
            let (response, finalURL) = try follow(first, conditional: conditional)
            if response.status == 304, let cached {
                tally.add { $0.cacheHits += 1 }
                return fromCache(cached)
            }
            guard (200..<300).contains(response.status) else {
                throw VigilError(.ingest, "http_status", "\(finalURL) answered HTTP \(response.status)")
            }
            try cache.store(url, finalURL: finalURL.description, response: response)
            return FetchedResource(url: url, finalURL: finalURL.description, bytes: response.body, contentType: response.header("content-type"), fromCache: false, problems: [])
        } catch {
            guard let cached, Self.isTransient(error) else { throw error }
            tally.add { $0.stale += 1 }
            let note = VigilError(.ingest, "fetch_stale", "\(error.code) (\(error.message)); used the copy cached by an earlier run, which may be out of date", file: url)
            return fromCache(cached, problems: [note])
        }
    }

    /// Follows redirects; returns the last response (2xx, 304 or an error status) and its URL.
    private func follow(_ start: WebURL, conditional: [(String, String)]) throws(VigilError) -> (HTTPResponse, WebURL) {
        let began = Monotonic.now()
        var url = start
        var seen: [String] = []
        for hop in 0...settings.maxRedirects {
            let response = try retrying(url, conditional: conditional, began: began)
            guard response.isRedirect else { return (response, url) }
            guard let location = response.header("location"), !location.isEmpty else {
                throw VigilError(.ingest, "http_status", "\(url) answered HTTP \(response.status) without a Location")
            }
            seen.append(url.description)
            if hop == settings.maxRedirects { break }
            let next = url.resolve(location)
            do { url = try WebURL.parse(next) } catch {
                throw VigilError(.ingest, "unsupported_url", "\(seen.last!) redirects to \(next.debugSafe), which is refused: \(error.message)")
            }
        }
        throw VigilError(.ingest, "too_many_redirects", "more than \(settings.maxRedirects) redirects (\(seen.prefix(3).joined(separator: " → "))\(seen.count > 3 ? " → …" : ""))")
    }

    /// One hop, with retries for transient failures.
    private func retrying(_ url: WebURL, conditional: [(String, String)], began: Double) throws(VigilError) -> HTTPResponse {
        let addresses = try settings.addressPolicy.resolve(host: url.host, port: url.port)
        var attempt = 0
        while true {
            let deadline = min(Monotonic.now() + settings.timeout, began + settings.maxTotalSeconds)
            var outcome: Result<HTTPResponse, VigilError>
            do { outcome = .success(try once(url, addresses: addresses, conditional: conditional, deadline: deadline)) } catch { outcome = .failure(error) }
            let retryable: Bool
            switch outcome {
            case .success(let r): retryable = r.status == 429 || [500, 502, 503, 504].contains(r.status)
            case .failure(let e): retryable = e.code == "ingest.fetch_failed" || e.code == "ingest.fetch_timeout"
            }
            let wait = settings.backoff * pow(2, Double(attempt))
            if !retryable || attempt >= settings.retries || Monotonic.now() + wait >= began + settings.maxTotalSeconds {
                return try outcome.get()
            }
            Monotonic.sleep(wait)
            attempt += 1
        }
    }

    private func once(_ url: WebURL, addresses: [ResolvedAddress], conditional: [(String, String)], deadline: Double) throws(VigilError) -> HTTPResponse {
        let headers = [("User-Agent", settings.userAgent), ("Accept", "*/*")] + conditional
        let tally = self.tally
        let received: @Sendable (Int) -> Void = { n in tally.add { $0.bytes += n } }
        return try limiter.run("\(url.host):\(url.port)") { () throws(VigilError) -> HTTPResponse in
            tally.add { $0.requests += 1 }
            if url.scheme == "https" {
                return try SessionTransport.get(url, headers: headers, connectTimeout: settings.connectTimeout, finishBy: deadline, maxBytes: settings.maxBytes, received: received)
            }
            var lastError: VigilError?
            for address in addresses {
                do throws(VigilError) {
                    return try PlainHTTPClient.get(url, address: address, headers: headers, connectBy: Monotonic.now() + settings.connectTimeout, finishBy: deadline, maxBytes: settings.maxBytes, received: received)
                } catch {
                    // Only a failed connection moves on to the next address.
                    guard error.message.hasPrefix("cannot connect") else { throw error }
                    lastError = error
                }
            }
            throw lastError ?? VigilError(.ingest, "fetch_failed", "no address to connect to for \(url.host)")
        }
    }

    static func isTransient(_ e: VigilError) -> Bool {
        ["ingest.fetch_failed", "ingest.fetch_timeout", "ingest.http_status"].contains(e.code)
    }

    static func isHeaderSafe(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }
}

/// Counters shared by worker threads.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = FetchCounts()

    func add(_ change: (inout FetchCounts) -> Void) {
        lock.lock()
        change(&counts)
        lock.unlock()
    }

    var snapshot: FetchCounts {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }
}
