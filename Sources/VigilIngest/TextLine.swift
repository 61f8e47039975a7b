/// One line of a text file with its 1-based number, for the line-oriented transcript formats.
///
/// Why: problems must name the line, and subtitle files mix `\n`, `\r\n` and `\r`; splitting
/// once on UTF-8 bytes handles all three quickly and keeps the numbers.
///
/// ```swift
/// TextLine.split("a\r\nb").map(\.number)   // [1, 2]
/// ```
struct TextLine {
    let number: Int
    let text: Substring

    /// True when the line holds only spaces and tabs.
    var isBlank: Bool { text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    /// Splits on `\n`, `\r\n` and `\r`; a final line break does not add an empty line.
    static func split(_ s: String) -> [TextLine] {
        var lines: [TextLine] = []
        let utf8 = s.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                lines.append(TextLine(number: lines.count + 1, text: s[start..<i]))
                var next = utf8.index(after: i)
                if b == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                i = next
            } else {
                i = utf8.index(after: i)
            }
        }
        if start != utf8.endIndex { lines.append(TextLine(number: lines.count + 1, text: s[start...])) }
        return lines
    }

    /// Groups non-blank lines into blocks separated by one or more blank lines.
    static func blocks(_ lines: some Collection<TextLine>) -> [[TextLine]] {
        var blocks: [[TextLine]] = []
        var current: [TextLine] = []
        for line in lines {
            if line.isBlank {
                if !current.isEmpty { blocks.append(current) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }
}
