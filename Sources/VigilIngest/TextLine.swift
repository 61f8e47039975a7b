/// One line of a text file: its 1-based number and its bytes (line break excluded), for the
/// line-oriented transcript formats.
///
/// Why: problems must name the line, and subtitle files mix `\n`, `\r\n` and `\r`; splitting
/// once on UTF-8 bytes handles all three quickly and keeps the numbers.
///
/// ```swift
/// TextLine.split(t).map(\.number)   // "a\r\nb" → [1, 2]
/// ```
struct TextLine {
    let number: Int
    let range: Range<Int>

    /// Splits on `\n`, `\r\n` and `\r`; a final line break does not add an empty line.
    static func split(_ t: TextBytes) -> [TextLine] {
        var lines: [TextLine] = []
        let end = t.count
        var start = 0
        var i = 0
        while i < end {
            let b = t[i]
            if b == 0x0A || b == 0x0D {
                lines.append(TextLine(number: lines.count + 1, range: start..<i))
                i += b == 0x0D && i + 1 < end && t[i + 1] == 0x0A ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        if start < end { lines.append(TextLine(number: lines.count + 1, range: start..<end)) }
        return lines
    }

    /// The index ranges of the blocks of `lines`: runs of non-blank lines between blank ones.
    static func blocks(_ lines: ArraySlice<TextLine>, in t: TextBytes) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var start: Int?
        for k in lines.indices {
            if t.isBlank(lines[k].range) {
                if let s = start { blocks.append(s..<k) }
                start = nil
            } else if start == nil {
                start = k
            }
        }
        if let s = start { blocks.append(s..<lines.endIndex) }
        return blocks
    }
}
