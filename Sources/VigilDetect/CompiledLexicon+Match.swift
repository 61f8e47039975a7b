extension CompiledLexicon {
    /// A match: tokens `start..<end`, standing for `pattern`; `group` is the id of the
    /// group its first slot matched (into `trie.groupNames`), or -1.
    struct Match {
        var start: Int
        var end: Int
        var pattern: Int
        var group: Int32 = -1
        var length: Int { end - start }
    }

    /// The name of a match's group, if a slot matched one.
    func groupName(_ m: Match) -> String? { m.group >= 0 ? trie.groupNames[Int(m.group)] : nil }

    /// Leftmost-longest, non-overlapping matches over `tokens`, in each category.
    ///
    /// Within a category, at each position the longest match wins (gaps count in its
    /// length); equal lengths go to the higher severity, then to the entry listed first;
    /// scanning for that category resumes after the match. Matches of different
    /// categories may overlap ("the Keshi are cockroaches, crush them" is dehumanization
    /// and a call to violence). Entries for another language are skipped. Gaps obey
    /// `limits` (no negation skipped, no sentence crossed). Matches come in text order,
    /// then category order.
    func matches(in tokens: TokenBytes, language: String? = nil, limits: TokenTrie.GapLimits = .none) -> [Match] {
        matches(symbols: trie.symbols(tokens), language: language, limits: limits)
    }

    func matches(symbols: TokenTrie.Symbols, language: String?, limits: TokenTrie.GapLimits = .none) -> [Match] {
        var out: [Match] = []
        // Per category: the first position it may match again, and its best match here.
        var free = [Int](repeating: 0, count: matchCategories.count)
        var best = [Match?](repeating: nil, count: matchCategories.count)
        var touched: [Int] = []
        trie.walkAll(symbols, limits: limits, { i, end, payloads, group in
            for p in payloads {
                let pattern = Int(p)
                let c = Int(patternCategory[pattern])
                guard free[c] <= i, applies(entries[patterns[pattern].entry], to: language) else { continue }
                if let b = best[c] {
                    if end < b.end || (end == b.end && !isBetter(pattern, than: b.pattern)) { continue }
                } else {
                    touched.append(c)
                }
                best[c] = Match(start: i, end: end, pattern: pattern, group: group)
            }
        }, after: { _ in
            if touched.isEmpty { return }
            touched.sort()
            for c in touched {
                let m = best[c]!
                out.append(m)
                free[c] = m.end
                best[c] = nil
            }
            touched.removeAll(keepingCapacity: true)
        })
        return out
    }
}
