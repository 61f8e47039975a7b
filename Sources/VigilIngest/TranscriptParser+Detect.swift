import Foundation
import VigilCore

extension TranscriptParser {
    /// The format of a transcript: by MIME type, else by file extension, else by content.
    ///
    /// - MIME (parameters ignored, any case): `text/vtt` → vtt; `application/x-subrip`,
    ///   `application/srt`, `text/srt`, `text/x-srt` → srt; `application/json` → by the keys of
    ///   the first segment (`startTime`/`body` → podcast_json, `start`/`text` → whisper_json);
    ///   `text/plain` → text; `text/html` → nil (not supported). Other types fall through.
    /// - Extension of `path` (a URL's query and fragment ignored): `.vtt`, `.srt`, `.json`
    ///   (sniffed as above), `.txt`.
    /// - Content: `WEBVTT` → vtt; a JSON object → sniffed; `-->` in the first 20 lines →
    ///   srt; markup (`<`), NUL bytes or an empty file → nil; other text → text.
    ///
    /// ```swift
    /// TranscriptParser.detectFormat(mimeType: "text/vtt; charset=utf-8", path: "a", data: [])   // .vtt
    /// ```
    public static func detectFormat(mimeType: String?, path: String, data: [UInt8]) -> TranscriptFormat? {
        detect(mimeType: mimeType, path: path, data: data).format
    }

    /// The format, and the JSON document read to tell Whisper from Podcasting 2.0 (if one
    /// was read), so that `parse` need not read it again.
    static func detect(mimeType: String?, path: String, data: [UInt8]) -> (format: TranscriptFormat?, document: TranscriptJSONDocument?) {
        var document: TranscriptJSONDocument?
        let format = detect(mimeType: mimeType, path: path, data: data, document: &document)
        return (format, document)
    }

    private static func detect(mimeType: String?, path: String, data: [UInt8], document: inout TranscriptJSONDocument?) -> TranscriptFormat? {
        if let mimeType {
            let type = mimeType.split(separator: ";").first.map { String($0).trimmingSpaces().lowercased() } ?? ""
            switch type {
            case "text/vtt": return .vtt
            case "application/x-subrip", "application/srt", "text/srt", "text/x-srt": return .srt
            case "application/json": return sniffJSON(data, &document)
            case "text/plain": return .text
            case "text/html": return nil
            default: break
            }
        }
        switch fileExtension(path) {
        case "vtt": return .vtt
        case "srt": return .srt
        case "json": return sniffJSON(data, &document)
        case "txt": return .text
        default: return sniffContent(data, &document)
        }
    }

    private static func fileExtension(_ path: String) -> String {
        var p = Substring(path)
        if let cut = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { p = p[..<cut] }
        let name = p.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    private static func withoutBOM(_ data: [UInt8]) -> ArraySlice<UInt8> {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? data[3...] : data[...]
    }

    private static func sniffJSON(_ data: [UInt8], _ document: inout TranscriptJSONDocument?) -> TranscriptFormat? {
        document = try? TranscriptJSONDocument(json: Array(withoutBOM(data)))
        return document?.format
    }

    private static func sniffContent(_ data: [UInt8], _ document: inout TranscriptJSONDocument?) -> TranscriptFormat? {
        let head = withoutBOM(data).prefix(4096)
        guard let firstIndex = head.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }),
              !head.contains(0) else { return nil }
        let start = head[firstIndex...]
        if start.starts(with: Array("WEBVTT".utf8)) { return .vtt }
        if start.first == UInt8(ascii: "{") { return sniffJSON(data, &document) }
        if start.first == UInt8(ascii: "<") { return nil }
        var text = String(decoding: start, as: UTF8.self)
        let hasTiming = text.withUTF8 { buffer in
            let t = TextBytes(buffer)
            return TextLine.split(t).prefix(20).contains { t.arrow(in: $0.range) != nil }
        }
        return hasTiming ? .srt : .text
    }
}
