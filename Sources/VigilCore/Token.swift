/// A word token: a maximal run of Unicode letters, marks and numbers after NFKC and full
/// case folding, with its place in the raw text.
public struct Token: Sendable, Equatable, CustomStringConvertible {
    /// Normalized form (what the lexicon is matched against).
    public var text: String
    /// Byte offset of the token's first raw byte in the UTF-8 of the source text.
    public var start: Int
    /// Byte offset just past the token's last raw byte.
    public var end: Int

    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }

    public var description: String { "\(text)@\(start)..<\(end)" }
}
