extension CompiledLexicon {
    /// A match: `length` tokens from `start`, standing for `pattern`.
    struct Match {
        var start: Int
        var length: Int
        var pattern: Int
    }

    /// Leftmost-longest, non-overlapping matches over `tokens`.
    ///
    /// At each position the longest match wins; equal lengths go to the higher severity,
    /// then to the entry listed first. Scanning resumes after the match.
    func matches(in tokens: [Substring]) -> [Match] {
        var out: [Match] = []
        var i = 0
        var stack: [(node: Int32, depth: Int)] = []
        while i < tokens.count {
            var best: (pattern: Int32, length: Int)? = nil
            stack.removeAll(keepingCapacity: true)
            stack.append((0, 0))
            while let (node, depth) = stack.popLast() {
                let n = nodes[Int(node)]
                if n.terminal >= 0, depth > 0 {
                    if let b = best {
                        if depth > b.length || (depth == b.length && isBetter(n.terminal, than: b.pattern)) {
                            best = (n.terminal, depth)
                        }
                    } else {
                        best = (n.terminal, depth)
                    }
                }
                guard i + depth < tokens.count else { continue }
                let t = tokens[i + depth]
                if let next = n.exact[t] { stack.append((next, depth + 1)) }
                for (prefix, next) in n.prefixes where t.hasPrefix(prefix) { stack.append((next, depth + 1)) }
            }
            if let b = best {
                out.append(Match(start: i, length: b.length, pattern: Int(b.pattern)))
                i += b.length
            } else {
                i += 1
            }
        }
        return out
    }
}
