import VigilCore

/// Removes personal data from evidence before it leaves the detector: phone numbers,
/// e-mail addresses and, when given, listed names (callers' names, say).
///
/// On by default in every output (`hits.jsonl`, recommendations, report); a run with
/// `--unredacted` turns it off and the manifest records it.
///
///     Redactor().redact("call me on +256 772 123 456")   // "call me on [phone]"
public struct Redactor: Sendable {
    /// Names to replace with `[name]` (matched on normalized tokens, whole words).
    public let names: [[String]]
    public let enabled: Bool

    public init(names: [String] = [], enabled: Bool = true) {
        self.names = names.map { Tokenizer.words(in: $0) }.filter { !$0.isEmpty }
        self.enabled = enabled
    }

    public static let off = Redactor(enabled: false)

    public func redact(_ text: String) -> String {
        guard enabled else { return text }
        var bytes = Array(text.utf8)
        bytes = Self.replaceEmails(bytes)
        bytes = Self.replacePhones(bytes)
        var out = String(decoding: bytes, as: UTF8.self)
        if !names.isEmpty { out = replaceNames(out) }
        return out
    }

    /// True when `speaker` is a listed name.
    public func isListed(_ speaker: String) -> Bool {
        let w = Tokenizer.words(in: speaker)
        return names.contains { $0 == w }
    }

    private func replaceNames(_ text: String) -> String {
        let tokens = Tokenizer.tokens(in: text)
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var cursor = 0
        var i = 0
        while i < tokens.count {
            if let n = names.first(where: { n in i + n.count <= tokens.count && (0..<n.count).allSatisfy { tokens[i + $0].text == n[$0] } }) {
                out += bytes[cursor..<tokens[i].start]
                out += Array("[name]".utf8)
                cursor = tokens[i + n.count - 1].end
                i += n.count
            } else {
                i += 1
            }
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isWordByte(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b >= 0x80 }

    /// A phone number: an optional `+`, then 7–15 digits with spaces, dots, dashes, slashes
    /// or parentheses between them, not glued to a word. Years, times and prices stay.
    static func replacePhones(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            let startsNumber = (c == 0x2B || c == 0x28 || isDigit(c)) && (i == 0 || !isWordByte(b[i - 1]))
            if startsNumber {
                var j = i
                var digits = 0
                var lastDigitEnd = i
                if b[j] == 0x2B { j += 1 }
                while j < b.count {
                    let d = b[j]
                    if isDigit(d) {
                        digits += 1
                        j += 1
                        lastDigitEnd = j
                    } else if d == 0x20 || d == 0x2D || d == 0x2E || d == 0x2F || d == 0x28 || d == 0x29 {
                        // A separator must be followed (soon) by more digits.
                        guard j + 1 < b.count, isDigit(b[j + 1]) || b[j + 1] == 0x28 || (d == 0x29 && b[j + 1] == 0x20) else { break }
                        j += 1
                    } else {
                        break
                    }
                }
                let glued = lastDigitEnd < b.count && isWordByte(b[lastDigitEnd])
                if digits >= 7 && digits <= 15 && !glued && !isDate(b[i..<lastDigitEnd]) {
                    out += Array("[phone]".utf8)
                    i = lastDigitEnd
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// `2025-12-29`, `29/12/2025`, `2025.12.29`: dates, not phone numbers.
    static func isDate(_ s: ArraySlice<UInt8>) -> Bool {
        let shape = String(decoding: s.map { isDigit($0) ? UInt8(ascii: "d") : $0 }, as: UTF8.self)
        return ["dddd-dd-dd", "dd/dd/dddd", "dddd/dd/dd", "dd.dd.dddd", "dddd.dd.dd", "dd-dd-dddd"].contains(shape)
    }

    /// An e-mail address: local part, `@`, a dotted domain with a letter TLD.
    static func replaceEmails(_ b: [UInt8]) -> [UInt8] {
        func isLocal(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D }
        func isDomain(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2E || c == 0x2D }
        var out: [UInt8] = []
        var i = 0
        var pendingStart = 0
        while i < b.count {
            if b[i] == 0x40 {
                var s = i
                while s > pendingStart, isLocal(b[s - 1]) { s -= 1 }
                var e = i + 1
                while e < b.count, isDomain(b[e]) { e += 1 }
                while e > i + 1, b[e - 1] == 0x2E || b[e - 1] == 0x2D { e -= 1 }
                let domain = b[(i + 1)..<e]
                if s < i, let dot = domain.lastIndex(of: 0x2E), e - dot > 2, domain.first != 0x2E,
                   b[(dot + 1)..<e].allSatisfy({ $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A }) {
                    out += b[pendingStart..<s]
                    out += Array("[email]".utf8)
                    pendingStart = e
                    i = e
                    continue
                }
            }
            i += 1
        }
        out += b[pendingStart...]
        return out
    }
}
