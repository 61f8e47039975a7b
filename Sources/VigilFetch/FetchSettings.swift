/// How Vigil fetches http(s) inputs: timeouts, retries, caps and which addresses it may
/// reach. From the pipeline file's `fetch:` mapping; `offline` from `--offline`.
///
/// ```yaml
/// fetch: {timeout: 30, connect_timeout: 10, retries: 2, max_bytes: 52428800, per_host: 2,
///         allow_private: false, allow_loopback: false, contact: "monitoring@ngo.example"}
/// ```
public struct FetchSettings: Sendable, Equatable {
    /// Seconds for one request, from connecting to the last body byte.
    public var timeout: Double = 30
    /// Seconds to establish the connection.
    public var connectTimeout: Double = 10
    /// Extra attempts after a transient failure (connection error, timeout, 429, 5xx).
    public var retries: Int = 2
    /// Seconds before the first retry; doubles for each further one.
    public var backoff: Double = 1
    /// Cap on the time one fetch may take, retries and backoff included.
    public var maxTotalSeconds: Double = 120
    /// Redirects followed per fetch (each target re-checked).
    public let maxRedirects = 5
    /// Cap on every input's size, local or fetched (feeds and transcripts).
    public var maxBytes: Int = 50 * 1_048_576
    /// Requests in flight per host.
    public var perHost: Int = 2
    /// Allow loopback, private (RFC 1918), link-local, CGNAT, unique-local and other
    /// special-purpose addresses.
    public var allowPrivate = false
    /// Allow loopback addresses only (`127.0.0.0/8`, `::1`).
    public var allowLoopback = false
    /// Who to contact about the crawler, added to the User-Agent (an address or URL).
    public var contact: String?
    /// Use only the fetch cache and local files; make no request.
    public var offline = false

    public init() {}

    /// The User-Agent header.
    public var userAgent: String {
        "Vigil/0.1.0 (+community-radio monitoring" + (contact.map { "; contact: \($0)" } ?? "; contact in pipeline config") + ")"
    }

    public var addressPolicy: AddressPolicy { AddressPolicy(allowLoopback: allowLoopback, allowPrivate: allowPrivate) }

    /// Problems with the values, in words (empty when fine).
    public var problems: [String] {
        var out: [String] = []
        if !(timeout > 0) { out.append("fetch.timeout must be > 0 seconds") }
        if !(connectTimeout > 0) { out.append("fetch.connect_timeout must be > 0 seconds") }
        if retries < 0 || retries > 10 { out.append("fetch.retries must be between 0 and 10") }
        if !(backoff >= 0) { out.append("fetch.backoff must be ≥ 0 seconds") }
        if !(maxTotalSeconds > 0) { out.append("fetch.max_total_seconds must be > 0") }
        if maxBytes < 1 { out.append("fetch.max_bytes must be at least 1") }
        if perHost < 1 || perHost > 64 { out.append("fetch.per_host must be between 1 and 64") }
        if let contact, contact.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7E || $0 == "(" || $0 == ")" }) {
            out.append("fetch.contact must be printable ASCII without parentheses")
        }
        return out
    }
}
