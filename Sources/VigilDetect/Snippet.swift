import VigilCore

/// Evidence text: the original words of a match with some context either side,
/// markup removed, whitespace collapsed, cut at word boundaries (`…` marks a cut).
enum Snippet {
    static let context = 80

    /// `segments[a]` byte `from` to `segments[b]` byte `to`, with context.
    static func make(_ segments: [NormalizedSegment], first a: Int, from: Int, last b: Int, to: Int) -> String {
        var parts: [String] = []
        for s in a...b {
            let bytes = Array(segments[s].text.utf8)
            var lo = s == a ? from : 0
            var hi = s == b ? to : bytes.count
            var cutLeft = false, cutRight = false
            if s == a, lo > context {
                lo = snap(bytes, lo - context, forward: true)
                cutLeft = true
            } else if s == a {
                lo = 0
            }
            if s == b, bytes.count - hi > context {
                hi = snap(bytes, hi + context, forward: false)
                cutRight = true
            } else if s == b {
                hi = bytes.count
            }
            var text = clean(Array(bytes[lo..<max(lo, hi)]))
            if cutLeft { text = "…" + text }
            if cutRight { text += "…" }
            if !text.isEmpty { parts.append(text) }
        }
        return parts.joined(separator: " ")
    }

    /// Moves `i` to a space (so the cut falls between words and on a UTF-8 boundary).
    private static func snap(_ bytes: [UInt8], _ i: Int, forward: Bool) -> Int {
        var k = i
        if forward {
            while k < bytes.count, bytes[k] != 0x20 { k += 1 }
            return min(k + 1, bytes.count)
        }
        while k > 0, bytes[k - 1] != 0x20 { k -= 1 }
        return k
    }

    /// Removes `<tags>` and collapses whitespace.
    static func clean(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var space = false
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x3C, let j = bytes[(i + 1)...].prefix(256).firstIndex(of: 0x3E),
               i + 1 < bytes.count, bytes[i + 1] == 0x2F || bytes[i + 1] == 0x21 || Self.isAlnum(bytes[i + 1]) {
                i = j + 1
                continue
            }
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                space = !out.isEmpty
            } else {
                if space { out.append(0x20); space = false }
                out.append(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
}
