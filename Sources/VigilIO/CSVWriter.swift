import VigilCore

/// One CSV cell. Text cells are escaped against formula injection; numbers are not.
public enum CSVCell: Sendable, Equatable {
    case text(String)
    case int(Int)
    case number(Double)
    case empty
}

/// Writes RFC 4180 CSV (UTF-8, `\n` line ends, header row) safe to open in a spreadsheet.
///
/// A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return would run as a
/// formula in Excel or LibreOffice, so it gets a leading `'` (OWASP's advice); the cell
/// then shows the original text. Numbers are written as numbers.
public struct CSVWriter: Sendable {
    private(set) public var bytes: [UInt8] = []

    public init(header: [String], byteOrderMark: Bool = false) {
        if byteOrderMark { bytes += [0xEF, 0xBB, 0xBF] }
        append(row: header.map { .text($0) })
    }

    public mutating func append(row: [CSVCell]) {
        bytes += CSVWriter.line(row)
    }

    /// One encoded row with its `\n`, for writers that stream rows to a file.
    public static func line(_ row: [CSVCell]) -> [UInt8] {
        var out: [UInt8] = []
        for (i, cell) in row.enumerated() {
            if i > 0 { out.append(0x2C) }
            switch cell {
            case .text(let s): out += escape(s).utf8
            case .int(let v): out += String(v).utf8
            case .number(let v): out += format(v).utf8
            case .empty: break
            }
        }
        out.append(0x0A)
        return out
    }

    /// Quotes a cell when needed and neutralizes formulas.
    public static func escape(_ s: String) -> String {
        var s = s
        if looksLikeFormula(s) { s = "'" + s }
        if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// True for text a spreadsheet could run: it starts with `=`, `+`, `-`, `@`, tab or
    /// carriage return, possibly after apostrophes (so that escaping can be undone exactly).
    static func looksLikeFormula(_ s: String) -> Bool {
        for b in s.utf8 {
            if b == 0x27 { continue }
            return b == 0x3D || b == 0x2B || b == 0x2D || b == 0x40 || b == 0x09 || b == 0x0D
        }
        return false
    }

    /// Undoes `escape`'s formula guard on a value read back from a Vigil CSV (quotes are
    /// already removed by the reader): `'=x` → `=x`, `''=x` → `'=x`, anything else unchanged.
    public static func unescape(_ s: String) -> String {
        guard s.utf8.first == 0x27 else { return s }
        let rest = String(s.dropFirst())
        return looksLikeFormula(rest) ? rest : s
    }

    /// Fixed-point with up to 4 decimals, no exponent, no trailing zeros: spreadsheets
    /// and every CSV reader take it as a number.
    public static func format(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        let scaled = (v * 10_000).rounded()
        var neg = scaled < 0
        var n = Int64(abs(scaled))
        if n == 0 { neg = false }
        let whole = n / 10_000
        n %= 10_000
        var s = (neg ? "-" : "") + String(whole)
        if n > 0 {
            var frac = String(n)
            frac = String(repeating: "0", count: 4 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
