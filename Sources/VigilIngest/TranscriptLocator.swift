import VigilCore
import VigilIO

/// Turns a transcript URL from a feed into a local path, refusing anything that would
/// read outside the allowed folders.
///
/// Relative URLs are resolved against the feed's folder (query and fragment dropped,
/// `%XX` decoded). http(s) URLs need fetching, which this version does not do; `file:`
/// and other schemes are refused. The result must stay inside the registry's folder
/// or the feed's folder.
public enum TranscriptLocator {
    /// Where a transcript reference points.
    public enum Location: Sendable, Equatable {
        /// A path relative to the registry folder (or absolute when the feed's is).
        case local(String)
        /// An absolute http(s) URL (to map to a local folder or to fetch).
        case remote(String)
    }

    /// Like `resolve`, but http(s) references become `.remote`, and a feed read from a URL
    /// (`feedURL`, fetched or mapped) resolves relative references against that URL, as a
    /// browser would. Other schemes are `ingest.unsupported_url`.
    public static func locate(_ url: String, feed: String, feedURL: String?) throws(VigilError) -> Location {
        let trimmed = url.trimmingSpaces()
        guard !trimmed.isEmpty else { throw VigilError(.ingest, "bad_transcript_url", "empty transcript URL") }
        if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }), trimmed.distance(from: trimmed.startIndex, to: colon) > 1 {
            let scheme = trimmed[..<colon].lowercased()
            guard scheme == "http" || scheme == "https" else {
                throw VigilError(.ingest, "unsupported_url", "transcript URL scheme '\(scheme):' is not allowed")
            }
            return .remote(trimmed)
        }
        if let feedURL { return .remote(URIResolver.resolve(trimmed, against: feedURL)) }
        return .local(try resolve(trimmed, feed: feed))
    }

    /// - Parameters:
    ///   - feed: the feed's path, relative to the registry folder (or absolute).
    /// - Returns: the transcript's path in the same terms.
    public static func resolve(_ url: String, feed: String) throws(VigilError) -> String {
        let trimmed = url.trimmingSpaces()
        if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }), trimmed.distance(from: trimmed.startIndex, to: colon) > 1 {
            let scheme = trimmed[..<colon].lowercased()
            if scheme == "http" || scheme == "https" {
                throw VigilError(.ingest, "remote_not_supported", "transcript \(trimmed) is remote; this version reads local files only (give a relative path)")
            }
            throw VigilError(.ingest, "unsupported_url", "transcript URL scheme '\(scheme):' is not allowed")
        }
        var path = Substring(trimmed)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard !path.isEmpty else { throw VigilError(.ingest, "bad_transcript_url", "empty transcript URL") }
        guard !path.hasPrefix("/") else {
            throw VigilError(.ingest, "outside_root", "absolute transcript path \(path) is not allowed; use a path relative to the feed")
        }
        let decoded = String(path).percentDecoded
        let feedDir = FileSystem.directory(of: feed)
        guard let joined = FileSystem.normalize(FileSystem.join(feedDir, decoded)) else {
            throw VigilError(.ingest, "outside_root", "transcript path \(decoded) cannot be resolved")
        }
        let registryRoot = feed.hasPrefix("/") ? feedDir : "."
        guard FileSystem.isInside(joined, root: registryRoot) || FileSystem.isInside(joined, root: feedDir.isEmpty ? "." : feedDir) else {
            throw VigilError(.ingest, "outside_root", "transcript path \(decoded) leaves the registry and feed folders")
        }
        return joined
    }
}
