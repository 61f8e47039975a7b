import VigilCore

/// Rows with named columns, written both as CSV and as JSON from the same values, so
/// the two outputs always agree.
public struct Table: Sendable {
    public var columns: [String]
    public var rows: [[JSONValue]]

    public init(columns: [String], rows: [[JSONValue]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 CSV; booleans as `true`/`false`, nulls as empty cells.
    public func csv(byteOrderMark: Bool = false) -> [UInt8] {
        var w = CSVWriter(header: columns, byteOrderMark: byteOrderMark)
        for row in rows {
            w.append(row: row.map { value in
                switch value {
                case .null: return .empty
                case .bool(let b): return .text(b ? "true" : "false")
                case .int(let v): return .int(v)
                case .number(let v): return .number(v)
                case .string(let s): return .text(s)
                case .array, .object, .raw: return .text(value.serialized())
                }
            })
        }
        return w.bytes
    }

    /// `{"schema_version": N, …extra, "columns": [...], "rows": [{column: value}]}`.
    public func json(schemaVersion: Int, extra: [(String, JSONValue)] = []) -> [UInt8] {
        let objects: [JSONValue] = rows.map { row in .object(Array(zip(columns, row))) }
        let doc: JSONValue = .object(
            [("schema_version", .int(schemaVersion))] + extra
                + [("columns", .array(columns.map { .string($0) })), ("rows", .array(objects))])
        return Array((doc.serialized(indent: 2) + "\n").utf8)
    }
}
