import VigilCore

/// Reads RFC 4180 CSV: quoted fields with doubled quotes and embedded newlines, CRLF or
/// LF line ends, an optional UTF-8 BOM. Lenient where real files are sloppy (a stray
/// quote inside an unquoted field is kept as text).
public struct CSVReader: Sendable {
    /// Header row (trimmed).
    public let header: [String]
    /// Data rows, each with the 1-based line where it starts.
    public let rows: [(line: Int, fields: [String])]

    /// Parses `bytes`; an empty file has an empty header and no rows.
    public init(bytes: [UInt8]) {
        var all = CSVReader.parse(bytes)
        header = all.isEmpty ? [] : all.removeFirst().fields.map { $0.trimmingSpaces() }
        rows = all.filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
    }

    /// Index of each header name (first occurrence wins).
    public var columns: [String: Int] {
        var map: [String: Int] = [:]
        for (i, name) in header.enumerated() where map[name] == nil { map[name] = i }
        return map
    }

    public static func parse(_ input: [UInt8]) -> [(line: Int, fields: [String])] {
        var b = input[...]
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        var out: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, rowLine = 1
        var inQuotes = false, wasQuoted = false
        var i = b.startIndex
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < b.endIndex {
            let c = b[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < b.endIndex, b[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case 0x22 where field.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
            case 0x2C:
                endField()
            case 0x0D where i + 1 < b.endIndex && b[i + 1] == 0x0A:
                break
            case 0x0A, 0x0D:
                endField()
                out.append((rowLine, fields))
                fields.removeAll()
                line += 1
                rowLine = line
            default:
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted {
            endField()
            out.append((rowLine, fields))
        }
        return out
    }
}

extension String {
    /// Trims ASCII spaces and tabs (CSV cells often carry them).
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
