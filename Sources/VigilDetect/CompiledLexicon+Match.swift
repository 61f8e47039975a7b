extension CompiledLexicon {
    /// A match: tokens `start..<end`, standing for `pattern`.
    struct Match {
        var start: Int
        var end: Int
        var pattern: Int
        var length: Int { end - start }
    }

    /// Leftmost-longest, non-overlapping matches over `tokens`.
    ///
    /// At each position the longest match wins (gaps count in its length); equal lengths
    /// go to the higher severity, then to the entry listed first. Scanning resumes after
    /// the match. Entries for another language are skipped.
    func matches(in tokens: [Substring], language: String? = nil) -> [Match] {
        matches(symbols: trie.symbols(tokens), language: language)
    }

    func matches(symbols: [TokenTrie.Symbol], language: String?) -> [Match] {
        var out: [Match] = []
        var i = 0
        while i < symbols.count {
            var best: Match? = nil
            trie.walk(symbols, from: i) { end, payloads in
                for p in payloads {
                    let pattern = Int(p)
                    guard applies(entries[patterns[pattern].entry], to: language) else { continue }
                    if let b = best, end < b.end || (end == b.end && !isBetter(pattern, than: b.pattern)) { continue }
                    best = Match(start: i, end: end, pattern: pattern)
                }
            }
            if let b = best {
                out.append(b)
                i = b.end
            } else {
                i += 1
            }
        }
        return out
    }
}
