import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import VigilCore

/// `https:` requests through URLSession (libcurl on Linux), one GET at a time, with the same
/// contract as `PlainHTTPClient`: no automatic redirects, a deadline, a size cap.
///
/// Why: TLS needs a TLS library, and URLSession brings the system's. Known gap: URLSession
/// resolves the host again after `AddressPolicy` checked it, so a DNS server that answers
/// differently the second time (DNS rebinding) could steer an https request to a private
/// address. Plain http does not have this gap (it connects to the checked address).
final class SessionTransport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private let maxBytes: Int
    private let received: @Sendable (Int) -> Void
    private var body: [UInt8] = []
    private var response: HTTPURLResponse?
    private var failure: (any Error)?
    private var tooLarge = false

    private init(maxBytes: Int, received: @escaping @Sendable (Int) -> Void) {
        self.maxBytes = maxBytes
        self.received = received
    }

    static func get(_ url: WebURL, headers: [(String, String)], connectTimeout: Double, finishBy: Double, maxBytes: Int, received: @escaping @Sendable (Int) -> Void) throws(VigilError) -> HTTPResponse {
        guard let u = URL(string: url.description) else { throw VigilError(.ingest, "unsupported_url", "cannot form a URL from \(url)") }
        if PlainHTTPClient.loopbackOnly && !["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host) {
            throw VigilError(.ingest, "address_refused", "VIGIL_LOOPBACK_ONLY is set: \(url.host) is not a loopback host")
        }
        let total = max(0.001, finishBy - Monotonic.now())
        let transport = SessionTransport(maxBytes: maxBytes, received: received)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = min(total, max(connectTimeout, 0.001))
        configuration.timeoutIntervalForResource = total
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: transport, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        var request = URLRequest(url: u)
        request.timeoutInterval = total
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let task = session.dataTask(with: request)
        task.resume()
        if transport.done.wait(timeout: .now() + total + 1) == .timedOut {
            task.cancel()
            throw VigilError(.ingest, "fetch_timeout", "timed out waiting for \(url.host)")
        }
        return try transport.result(url)
    }

    private func result(_ url: WebURL) throws(VigilError) -> HTTPResponse {
        lock.lock()
        defer { lock.unlock() }
        if tooLarge {
            throw VigilError(.ingest, "too_large", "\(url) sent more than the cap of \(maxBytes) bytes (fetch: {max_bytes: N}); cut off")
        }
        if let response {
            var headers: [(name: String, value: String)] = []
            for (k, v) in response.allHeaderFields {
                headers.append(("\(k)".lowercased(), "\(v)"))
            }
            headers.sort { $0.name < $1.name }
            if failure == nil || response.statusCode >= 300 {
                return HTTPResponse(status: response.statusCode, headers: headers, body: body)
            }
        }
        if let error = failure as? URLError, error.code == .timedOut {
            throw VigilError(.ingest, "fetch_timeout", "timed out fetching \(url)")
        }
        throw VigilError(.ingest, "fetch_failed", "fetching \(url) failed: \(failure.map { "\($0.localizedDescription)" } ?? "no response")")
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse, completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        lock.lock()
        self.response = response as? HTTPURLResponse
        let declared = response.expectedContentLength
        if declared > Int64(maxBytes) { tooLarge = true }
        let cancel = tooLarge
        lock.unlock()
        completionHandler(cancel ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        body.append(contentsOf: data)
        if body.count > maxBytes { tooLarge = true }
        let cancel = tooLarge
        lock.unlock()
        received(data.count)
        if cancel { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        failure = error
        lock.unlock()
        done.signal()
    }
}
