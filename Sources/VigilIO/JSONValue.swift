import VigilCore

/// A JSON value whose objects keep their key order, so that output files list fields
/// in documented column order and are byte-stable.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// Already-serialized JSON, embedded as is.
    case raw(String)

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Serializes; `indent` > 0 pretty-prints with that many spaces per level.
    public func serialized(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int, level: Int) {
        let newline = indent > 0 ? "\n" + String(repeating: " ", count: indent * (level + 1)) : ""
        let close = indent > 0 ? "\n" + String(repeating: " ", count: indent * level) : ""
        switch self {
        case .null: out += "null"
        case .bool(let v): out += v ? "true" : "false"
        case .int(let v): out += String(v)
        case .number(let v): out += v.isFinite ? CSVWriter.format(v) : "null"
        case .string(let s): JSONValue.quote(s, into: &out)
        case .raw(let text):
            // Re-indent an embedded pretty document to its depth.
            out += indent > 0 ? text.replacingAll("\n", with: "\n" + String(repeating: " ", count: indent * level)) : text
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                out += newline
                item.write(into: &out, indent: indent, level: level + 1)
            }
            out += close + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                out += newline
                JSONValue.quote(key, into: &out)
                out += indent > 0 ? ": " : ":"
                value.write(into: &out, indent: indent, level: level + 1)
            }
            out += close + "}"
        }
    }

    /// Writes `s` as a JSON string literal (UTF-8 kept, controls escaped).
    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        var s = s
        s.withUTF8 { u in
            // Runs that need no escape are appended whole; runs end only before ASCII bytes or
            // before the three bytes of U+2028/U+2029, so each run is whole UTF-8.
            var run = 0, i = 0
            func flush(_ to: Int) {
                if run < to { out += String(decoding: UnsafeBufferPointer(rebasing: u[run..<to]), as: UTF8.self) }
            }
            while i < u.count {
                let b = u[i]
                let escape: String?
                var length = 1
                switch b {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20:
                    let hex = String(b, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                    escape = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                default: escape = nil
                }
                guard let escape else { i += 1; continue }
                flush(i)
                out += escape
                i += length
                run = i
            }
            flush(u.count)
        }
        out += "\""
    }
}

extension JSONValue {
    /// Optional string → string or null.
    public init(_ s: String?) { self = s.map { .string($0) } ?? .null }
    /// Optional number → number or null.
    public init(_ d: Double?) { self = d.map { .number($0) } ?? .null }
}
