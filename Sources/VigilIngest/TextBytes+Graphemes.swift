extension TextBytes {
    /// True when the scalar `v` has the Unicode White_Space property, the test
    /// `Character.isWhitespace` applies to a character's first scalar.
    ///
    /// Why: a table of 25 scalars (stable since Unicode 6.3) is cheaper than a property
    /// lookup per scalar; `TextBytesTests` checks it against `Unicode.Scalar.Properties`.
    ///
    /// ```swift
    /// TextBytes.isWhitespace(0xA0)   // true (no-break space)
    /// ```
    static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// True for the whitespace scalars that are grapheme controls (tab, line breaks, NEL,
    /// U+2028, U+2029): a character of their own, never extended by a mark.
    static func isControlWhitespace(_ v: UInt32) -> Bool {
        (v >= 0x09 && v <= 0x0D) || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    /// True when `v` joins the character before it (grapheme break property Extend, ZWJ or
    /// SpacingMark), as a combining accent joins its letter.
    ///
    /// Why: the String code compared `Character`s, so `<` followed by U+0301 was no `<`. The
    /// standard library decides (`"a"` + `v` is one character); nothing below U+0300 joins,
    /// so text in Latin scripts never asks.
    static func extendsPrevious(_ v: UInt32) -> Bool {
        v >= 0x300 && isOneCharacter(0x61, v)
    }

    /// True when `v` joins the character after it (grapheme break property Prepend, such as
    /// U+0600 ARABIC NUMBER SIGN); nothing below U+0300 does.
    static func gluesToNext(_ v: UInt32) -> Bool {
        v >= 0x300 && isOneCharacter(v, 0x61)
    }

    private static func isOneCharacter(_ a: UInt32, _ b: UInt32) -> Bool {
        var scalars = String.UnicodeScalarView()
        scalars.append(Unicode.Scalar(a)!)
        scalars.append(Unicode.Scalar(b)!)
        return String(scalars).count == 1
    }

    /// True when the scalar starting at `i` is glued to the one before it by a Prepend scalar;
    /// `lo` is where the text starts (a character never reaches before it).
    func isGluedToPrevious(_ i: Int, after lo: Int) -> Bool {
        i > lo && bytes[i - 1] >= 0x80 && Self.gluesToNext(scalar(before: i).value)
    }

    /// True when the ASCII (non-control) byte at `i` is a character of its own in the text
    /// `lo..<hi`: no Prepend scalar before it, no combining scalar after it. Such a byte is what
    /// the String code found when it compared characters with `"<"`, `" "` or `":"`.
    func isLoneASCII(at i: Int, from lo: Int, to hi: Int) -> Bool {
        if isGluedToPrevious(i, after: lo) { return false }
        if i + 1 < hi, bytes[i + 1] >= 0x80, Self.extendsPrevious(scalar(at: i + 1).value) { return false }
        return true
    }

    /// The offset of the first `ascii` byte in `range` that is a character of its own, or nil.
    func firstLone(_ ascii: UInt8, in range: Range<Int>) -> Int? {
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == ascii, isLoneASCII(at: i, from: range.lowerBound, to: range.upperBound) { return i }
            i += 1
        }
        return nil
    }
}
