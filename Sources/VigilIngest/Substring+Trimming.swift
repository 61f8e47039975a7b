extension Substring {
    /// Without leading and trailing spaces and tabs (line-level trimming for subtitle files).
    ///
    /// Why: timing lines and cue text carry stray spaces and tabs, and line breaks are
    /// already gone after `TextLine.split`.
    ///
    /// ```swift
    /// " 00:01.000 "[...].trimmedBlanks()   // "00:01.000"
    /// ```
    func trimmedBlanks() -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }

    /// Without leading and trailing Unicode whitespace (line breaks included): the
    /// characters whose first scalar is White_Space, as `Character.isWhitespace` says.
    ///
    /// Why: JSON transcript texts and speakers are trimmed the way the subtitle formats are;
    /// the work is done on UTF-8 bytes (`TextBytes.trimmedWhitespace`).
    ///
    /// ```swift
    /// "\u{A0} hello\n"[...].trimmedWhitespace()   // "hello"
    /// ```
    func trimmedWhitespace() -> Substring {
        let trimmed = utf8.withContiguousStorageIfAvailable { TextBytes($0).trimmedWhitespace(0..<$0.count) }
            ?? { var copy = String(self); return copy.withUTF8 { TextBytes($0).trimmedWhitespace(0..<$0.count) } }()
        let u = utf8
        return self[u.index(u.startIndex, offsetBy: trimmed.lowerBound)..<u.index(u.startIndex, offsetBy: trimmed.upperBound)]
    }
}

extension Substring {
    /// The first occurrence of the subtitle arrow `-->`, found on UTF-8 bytes.
    ///
    /// Why: `contains("-->")` and `range(of:)` go through Foundation's CFString search, a
    /// twentieth of ingest; the arrow is ASCII, so a byte match is always at a character edge.
    func arrowRange() -> Range<Index>? {
        let u = utf8
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == 0x2D {
                let j = u.index(after: i)
                if j != u.endIndex, u[j] == 0x2D {
                    let k = u.index(after: j)
                    if k != u.endIndex, u[k] == 0x3E { return i..<u.index(after: k) }
                }
            }
            u.formIndex(after: &i)
        }
        return nil
    }

    /// True when the line holds the subtitle arrow `-->`.
    var hasArrow: Bool { arrowRange() != nil }
}
