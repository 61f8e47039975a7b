import VigilCore
import VigilIO

/// Where the report's "▶ listen" links point: at a local copy of the audio when one is on
/// this machine, else at the canonical enclosure URL.
///
/// Why: a hit's `audio_url` (in `hits.jsonl` and the recommendations) is the URL the station
/// publishes, with a Media Fragments `#t=START,END`; that stays the public, portable record.
/// A monitor reading the report offline, or an archive that keeps the audio beside the feeds,
/// needs a link that plays here: the same moment in the local file, as a `file://` URL with
/// the absolute, percent-encoded path and the same fragment. The pipeline supplies `localPath`
/// from its `maps:` (URL prefix → folder, the same maps that read archived feeds and
/// transcripts).
///
/// ```swift
/// let links = PlayLinks(base: "/srv") { url in url.hasPrefix("https://media.example.org/") ? "audio/ep1.opus" : nil }
/// links.local(for: "https://media.example.org/ep1.opus#t=30.274,36.104")
/// // "file:///srv/audio/ep1.opus#t=30.274,36.104" when that file exists, else nil
/// ```
public struct PlayLinks: Sendable {
    let localPath: @Sendable (String) -> String?
    /// The folder relative local paths are resolved against (the working folder).
    let base: String

    /// Links to the canonical URLs only.
    public static let canonical = PlayLinks { _ in nil }

    /// `localPath` gives the local file for an audio URL (a path, absolute or relative to
    /// `base`), or nil when the URL is not mirrored.
    public init(base: String = FileSystem.currentDirectory(), localPath: @escaping @Sendable (String) -> String?) {
        self.localPath = localPath
        self.base = base
    }

    /// The `file://` URL of the local copy of `audioURL`, with its fragment; nil when the URL
    /// is not mirrored or the file is missing.
    public func local(for audioURL: String) -> String? {
        guard let path = localPath(audioURL), let absolute = FileSystem.normalize(FileSystem.join(base, path)),
              FileSystem.exists(absolute), !FileSystem.isDirectory(absolute) else { return nil }
        let fragment = audioURL.firstIndex(of: "#").map { String(audioURL[$0...]) } ?? ""
        return "file://" + Self.percentEncoded(absolute) + fragment
    }

    /// The play link(s) for one piece of evidence, as HTML: the local copy when there is one
    /// (the canonical URL in its title and as a small "source" link beside it), else the
    /// canonical URL.
    func html(_ audioURL: String, time: String) -> String {
        let label = "▶ listen at \(time)"
        guard let local = local(for: audioURL) else {
            return "<a class=\"play\" href=\"\(HTML.escape(audioURL))\">\(label)</a>"
        }
        return "<a class=\"play\" href=\"\(HTML.escape(local))\" title=\"local copy of \(HTML.escape(audioURL))\">\(label)</a>"
            + " <a class=\"source\" href=\"\(HTML.escape(audioURL))\">(source)</a>"
    }

    /// A path as a URL path: unreserved characters and `/` kept, every other byte `%XX`.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}
