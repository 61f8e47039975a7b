extension TextBytes {
    /// `range` without leading and trailing spaces and tabs (line-level trimming for subtitle
    /// files).
    ///
    /// Why: timing lines and cue text carry stray spaces and tabs. As with the former
    /// `Character` comparison, a space carrying a combining mark (or glued to a Prepend
    /// scalar) is not a blank and stays. An all-blank range gives an empty range at its end.
    ///
    /// ```swift
    /// t.trimmedBlanks(0..<11)   // " 00:01.000 " → the 9 bytes "00:01.000"
    /// ```
    func trimmedBlanks(_ range: Range<Int>) -> Range<Int> {
        let end = range.upperBound
        var lo = range.lowerBound
        while lo < end, isBlankCharacter(at: lo, in: range) { lo += 1 }
        if lo == end { return end..<end }
        var hi = end
        while hi > lo, isBlankCharacter(at: hi - 1, in: range) { hi -= 1 }
        return lo..<hi
    }

    private func isBlankCharacter(at i: Int, in range: Range<Int>) -> Bool {
        let b = bytes[i]
        return b == 0x09 || (b == 0x20 && isLoneASCII(at: i, from: range.lowerBound, to: range.upperBound))
    }

    /// `range` without leading and trailing whitespace characters (line breaks included): the
    /// characters whose first scalar is White_Space, with any marks they carry.
    ///
    /// Why: `Substring.trimmedWhitespace` meaning (`Character.isWhitespace`), on bytes. An
    /// all-whitespace range gives an empty range at its end.
    ///
    /// ```swift
    /// t.trimmedWhitespace(0..<5)   // "\u{A0}ab\n" → the 2 bytes "ab"
    /// ```
    func trimmedWhitespace(_ range: Range<Int>) -> Range<Int> {
        let end = range.upperBound
        var lo = range.lowerBound
        while lo < end, let next = whitespaceCharacterEnd(at: lo, before: end) { lo = next }
        if lo == end { return end..<end }
        var hi = end
        while hi > lo, let start = whitespaceCharacterStart(endingAt: hi, after: range.lowerBound) { hi = start }
        return lo..<hi
    }

    /// The end of the character starting at `i` when its first scalar is whitespace, else nil.
    /// `end` is where the text ends.
    func whitespaceCharacterEnd(at i: Int, before end: Int) -> Int? {
        let b = bytes[i]
        var next: Int
        if b == 0x20 {
            next = i + 1
        } else if b < 0x80 {
            guard b >= 0x09 && b <= 0x0D else { return nil }
            return b == 0x0D && i + 1 < end && bytes[i + 1] == 0x0A ? i + 2 : i + 1
        } else {
            let (v, n) = scalar(at: i)
            guard Self.isWhitespace(v) else { return nil }
            if Self.isControlWhitespace(v) { return i + n }
            next = i + n
        }
        // A space-like scalar keeps the marks that follow it in its character.
        while next < end, bytes[next] >= 0x80 {
            let (v, n) = scalar(at: next)
            guard Self.extendsPrevious(v) else { break }
            next += n
        }
        return next
    }

    /// The start of the character that ends at `i` when its first scalar is whitespace, else
    /// nil. `lo` is where the text starts.
    func whitespaceCharacterStart(endingAt i: Int, after lo: Int) -> Int? {
        let b = bytes[i - 1]
        if b == 0x20 { return isGluedToPrevious(i - 1, after: lo) ? nil : i - 1 }
        if b < 0x80 {
            guard b >= 0x09 && b <= 0x0D else { return nil }
            return b == 0x0A && i - 2 >= lo && bytes[i - 2] == 0x0D ? i - 2 : i - 1
        }
        // Walk back over combining scalars to the scalar that starts the character.
        var (v, s) = scalar(before: i)
        var extended = false
        while Self.extendsPrevious(v) {
            guard s > lo else { return nil }
            (v, s) = scalar(before: s)
            extended = true
        }
        guard Self.isWhitespace(v) else { return nil }
        if Self.isControlWhitespace(v) { return extended ? nil : s }
        return isGluedToPrevious(s, after: lo) ? nil : s
    }
}
