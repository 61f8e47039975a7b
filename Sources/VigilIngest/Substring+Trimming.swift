extension Substring {
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
