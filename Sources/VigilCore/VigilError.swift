/// A typed error with the context a user needs to find the bad input.
///
/// Bad data is recorded and the batch goes on: every `VigilError` raised for an input
/// becomes one row of `problems.jsonl` (its `Codable` form). It prints like a compiler
/// diagnostic so that it can be found in an editor:
///
///     SampleData/feeds/broken.xml:14: item ep-9: ingest.malformed_xml: Opening and ending tag mismatch
public struct VigilError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    /// Stage that raised it.
    public var stage: Stage
    /// Stable, machine-readable code, `stage.snake_case` (users filter on it).
    public var code: String
    /// Plain-words explanation.
    public var message: String
    /// Input file (as given by the user, or relative to the registry), when known.
    public var file: String?
    /// 1-based line in `file`, when known.
    public var line: Int?
    /// Item, episode or lexicon entry id, when known.
    public var item: String?
    /// Station the input belongs to, when known.
    public var stationID: String?

    public init(
        _ stage: Stage, _ code: String, _ message: String,
        file: String? = nil, line: Int? = nil, item: String? = nil, stationID: String? = nil
    ) {
        self.stage = stage
        self.code = code.contains(".") ? code : "\(stage.rawValue).\(code)"
        self.message = message
        self.file = file
        self.line = line
        self.item = item
        self.stationID = stationID
    }

    enum CodingKeys: String, CodingKey {
        case stage, code, message, file, line, item
        case stationID = "station_id"
    }

    /// Returns a copy with missing context filled in (the caller knows more than the parser).
    public func adding(file: String? = nil, line: Int? = nil, item: String? = nil, stationID: String? = nil) -> VigilError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.line == nil { copy.line = line }
        if copy.item == nil { copy.item = item }
        if copy.stationID == nil { copy.stationID = stationID }
        return copy
    }

    public var description: String {
        var s = ""
        if let file {
            s += file
            if let line { s += ":\(line)" }
            s += ": "
        }
        if let item { s += "item \(item): " }
        return s + "\(code): \(message)"
    }
}
