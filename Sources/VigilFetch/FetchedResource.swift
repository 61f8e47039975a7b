import VigilCore

/// What a fetch produced: the bytes and where they came from.
public struct FetchedResource: Sendable {
    /// The URL asked for.
    public var url: String
    /// The URL after redirects.
    public var finalURL: String
    public var bytes: [UInt8]
    /// The `Content-Type` header, if any.
    public var contentType: String?
    /// True when the bytes came from the cache (304, `--offline`, or a stale fallback).
    public var fromCache: Bool
    /// Problems that did not stop the fetch (`ingest.fetch_stale`).
    public var problems: [VigilError]

    /// The `charset` parameter of `Content-Type`, lowercased, unquoted (`text/xml; charset="ISO-8859-1"` → `iso-8859-1`).
    public var charset: String? { Self.charset(of: contentType) }

    /// The media type without parameters, lowercased (`text/vtt`).
    public var mediaType: String? {
        guard let contentType else { return nil }
        let t = contentType.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingSpaces().lowercased() } ?? ""
        return t.isEmpty ? nil : t
    }

    public static func charset(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        for param in contentType.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, String(kv[0]).trimmingSpaces().lowercased() == "charset" else { continue }
            var v = String(kv[1]).trimmingSpaces()
            if v.hasPrefix("\"") && v.hasSuffix("\"") && v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v.isEmpty ? nil : v.lowercased()
        }
        return nil
    }
}
