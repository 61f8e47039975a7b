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

    /// Without leading and trailing Unicode whitespace (line breaks included).
    func trimmedWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
