import Foundation
import Logging
import VigilIO

/// Diagnostics on standard error through swift-log: `vigil: LEVEL: message` lines on a
/// terminal or in a log file (notices and above), or, with `--log-format json`, one JSON
/// object per line (`{"level","message",…metadata}`, info and above, including a line per
/// finished stage) for log collectors. Results stay on standard output.
enum Log {
    static let logger = Logger(label: "vigil")

    /// Chooses the format from the raw arguments, before parsing, so that every message —
    /// usage errors included — is in it.
    static func bootstrap(arguments: [String]) {
        let json = arguments.enumerated().contains { i, a in
            a == "--log-format=json" || (a == "--log-format" && i + 1 < arguments.count && arguments[i + 1] == "json")
        }
        LoggingSystem.bootstrap { _ -> any LogHandler in json ? JSONHandler() : TextHandler() }
    }

    struct TextHandler: LogHandler {
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .notice
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let name = event.level == .notice ? "note" : event.level.rawValue
            FileHandle.standardError.write(Data("vigil: \(name): \(event.message)\n".utf8))
        }
    }

    struct JSONHandler: LogHandler {
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            var fields: [(String, JSONValue)] = [("level", .string(event.level.rawValue)), ("message", .string(event.message.description))]
            for (k, v) in (self.metadata.merging(event.metadata ?? [:]) { $1 }).sorted(by: { $0.key < $1.key }) {
                fields.append((k, .string(v.description)))
            }
            FileHandle.standardError.write(Data((JSONValue.object(fields).serialized() + "\n").utf8))
        }
    }
}
