import VigilCore

/// Reads a CSV file row by row (quoted fields may span lines), holding one row at a time.
public final class CSVStream {
    private let reader: LineReader
    public private(set) var header: [String] = []
    /// 1-based line where the last returned row starts.
    public private(set) var line = 0

    public init(path: String, stage: Stage) throws(VigilError) {
        reader = try LineReader(path: path, stage: stage)
        header = next()?.map { $0.trimmingSpaces() } ?? []
    }

    public var columns: [String: Int] {
        var map: [String: Int] = [:]
        for (i, name) in header.enumerated() where map[name] == nil { map[name] = i }
        return map
    }

    /// The next row's fields, or nil at the end.
    public func next() -> [String]? {
        guard var bytes = reader.next() else { return nil }
        line = reader.lineNumber
        while bytes.reduce(0, { $0 + ($1 == 0x22 ? 1 : 0) }) % 2 == 1, let more = reader.next() {
            bytes.append(0x0A)
            bytes += more
        }
        return CSVReader.parse(bytes).first?.fields ?? []
    }
}
