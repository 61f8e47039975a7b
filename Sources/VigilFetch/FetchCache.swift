import Foundation
import VigilCore
import VigilIO

/// The fetch cache in `WORK/fetch/`: one body file and one metadata file per URL, named by
/// the SHA-256 of the URL.
///
/// Why: reruns send conditional GETs (`If-None-Match`, `If-Modified-Since`) and reuse the
/// body on `304 Not Modified`; `--offline` reruns read only from here. Writes are atomic
/// (body first, then metadata), and a body whose SHA-256 does not match its metadata is
/// ignored, so an interrupted run never serves half a file.
///
/// ```
/// WORK/fetch/3f9c…e1.body   the bytes as served
/// WORK/fetch/3f9c…e1.json   {"url", "final_url", "status", "etag", "last_modified", "content_type", "bytes", "sha256"}
/// ```
final class FetchCache: @unchecked Sendable {
    struct Entry: Codable, Sendable {
        var url: String
        var finalURL: String
        var status: Int
        var etag: String?
        var lastModified: String?
        var contentType: String?
        var bytes: Int
        var sha256: String

        enum CodingKeys: String, CodingKey {
            case url, status, etag, bytes, sha256
            case finalURL = "final_url", lastModified = "last_modified", contentType = "content_type"
        }
    }

    let folder: String
    private let writeLock = NSLock()

    init(folder: String) { self.folder = folder }

    func key(_ url: String) -> String { FileSystem.join(folder, SHA256.hex(Array(url.utf8))) }

    /// The cached entry and body for `url`, if present and intact.
    func load(_ url: String) -> (entry: Entry, body: [UInt8])? {
        let base = key(url)
        guard FileSystem.exists(base + ".json"),
              let meta = try? FileSystem.read(base + ".json"),
              let entry = try? JSONDecoder().decode(Entry.self, from: Data(meta)),
              entry.url == url,
              let body = try? FileSystem.read(base + ".body"),
              body.count == entry.bytes, SHA256.hex(body) == entry.sha256
        else { return nil }
        return (entry, body)
    }

    /// Stores a 2xx response for `url`.
    func store(_ url: String, finalURL: String, response: HTTPResponse) throws(VigilError) {
        let entry = Entry(
            url: url, finalURL: finalURL, status: response.status, etag: response.header("etag"),
            lastModified: response.header("last-modified"), contentType: response.header("content-type"),
            bytes: response.body.count, sha256: SHA256.hex(response.body))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let meta: Data
        do { meta = try encoder.encode(entry) } catch { throw VigilError(.ingest, "cannot_write", "cannot encode cache metadata: \(error)") }
        let base = key(url)
        writeLock.lock()
        defer { writeLock.unlock() }
        try AtomicFile.write(response.body, to: base + ".body")
        try AtomicFile.write(Array(meta) + [0x0A], to: base + ".json")
    }
}
