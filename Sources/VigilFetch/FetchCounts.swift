/// What the fetcher did in a run, for the manifest.
public struct FetchCounts: Sendable, Equatable {
    /// Requests sent (every attempt and redirect hop).
    public var requests = 0
    /// Fetches answered from the cache (304 or `--offline`).
    public var cacheHits = 0
    /// Fetches that fell back to a stale cached copy after a failure.
    public var stale = 0
    /// Body bytes received over the network.
    public var bytes = 0
    /// Fetches that ended in a problem.
    public var failures = 0
}
