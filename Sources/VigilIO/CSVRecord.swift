/// One CSV row read by column name.
///
///     let row = CSVRecord(columns: csv.columns, fields: fields)
///     row["station_id"]   // trimmed value, nil when absent or empty
public struct CSVRecord: Sendable {
    public let columns: [String: Int]
    public let fields: [String]

    public init(columns: [String: Int], fields: [String]) {
        self.columns = columns
        self.fields = fields
    }

    /// The trimmed value of column `name`; nil when the column or the value is missing.
    public subscript(_ name: String) -> String? {
        guard let i = columns[name], i < fields.count else { return nil }
        let v = fields[i].trimmingSpaces()
        return v.isEmpty ? nil : v
    }
}
