import VigilCore

/// `vigil lexicon check`: finds what is wrong or wasted in lexicons before a run.
///
/// Errors (the lexicon cannot be used): bad columns or severities, syntax errors in a term
/// (unclosed `{`, a bad `~N`). Warnings: slots without group terms (the entry never
/// matches), duplicates (same pattern,
/// same category), conflicts (same pattern, another category: only one can ever be
/// reported), entries shadowed by another that always wins at the same place (e.g.
/// `cockroaches` severity 2 under `cockroach*` severity 3), and unknown categories.
public enum LexiconChecker {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Level: String, Sendable { case error, warning }
        public var level: Level
        public var code: String
        public var message: String
        public var file: String
        public var line: Int
        public var term: String

        public var description: String { "\(file):\(line): \(level.rawValue): \(code): \(term): \(message)" }
    }

    /// Checks `entries` (with `loadErrors` from reading them) against `groups`.
    public static func check(entries: [LexiconEntry], loadErrors: [VigilError] = [], groups: [GroupTerm]) -> [Finding] {
        var findings = loadErrors.map {
            Finding(level: .error, code: $0.code, message: $0.message, file: $0.file ?? "", line: $0.line ?? 0, term: $0.item ?? "")
        }
        let slots = CompiledLexicon.slotValues(groups)
        let known = Set(Category.standard)
        var variants: [[PatternElement]] = []
        var owner: [Int] = []
        var variantsOf: [[Int]] = Array(repeating: [], count: entries.count)
        for (i, entry) in entries.enumerated() {
            func add(_ level: Finding.Level, _ code: String, _ message: String) {
                findings.append(Finding(level: level, code: code, message: message, file: entry.file, line: entry.line, term: entry.term))
            }
            if !known.contains(entry.category) {
                add(.warning, "unknown_category", "category '\(entry.category)' is not one of \(Category.standard.joined(separator: ", ")); it is carried through as its own column")
            }
            do {
                for (elements, _) in try CompiledLexicon.variants(of: entry, slots: slots) {
                    variantsOf[i].append(variants.count)
                    variants.append(elements)
                    owner.append(i)
                }
            } catch {
                if error.code == CompiledLexicon.emptySlot {
                    add(.warning, "empty_slot", error.message)
                } else {
                    add(.error, error.code, error.message)
                }
            }
        }
        // Index variants by their first element, to compare only candidates.
        var byWord: [String: [Int]] = [:]
        var byStem: [(String, Int)] = []
        for (v, elements) in variants.enumerated() {
            switch elements[0] {
            case .word(let w): byWord[w, default: []].append(v)
            case .stem(let s): byStem.append((s, v))
            case .gap: break
            }
        }
        func candidates(_ first: PatternElement) -> [Int] {
            switch first {
            case .word(let w): return (byWord[w] ?? []) + byStem.filter { w.hasPrefix($0.0) }.map(\.1)
            case .stem(let t): return byStem.filter { t.hasPrefix($0.0) }.map(\.1)
            case .gap: return []
            }
        }
        for (i, entry) in entries.enumerated() where !variantsOf[i].isEmpty {
            var reported = false
            func add(_ code: String, _ message: String) {
                findings.append(Finding(level: .warning, code: code, message: message, file: entry.file, line: entry.line, term: entry.term))
                reported = true
            }
            // Same pattern as an earlier entry.
            for v in variantsOf[i] where !reported {
                for w in candidates(variants[v][0]) where owner[w] < i && variants[w] == variants[v] {
                    let other = entries[owner[w]]
                    if other.category == entry.category {
                        add("duplicate", "same pattern as line \(other.line) (\(other.file)) '\(other.term)'")
                    } else {
                        add("conflict", "same pattern as line \(other.line) (\(other.file)) '\(other.term)' with category \(other.category); only one of them is ever reported")
                    }
                    break
                }
            }
            if reported { continue }
            // Every variant always loses to another entry at the same place.
            var winners: [Int] = []
            let shadowed = variantsOf[i].allSatisfy { v in
                guard let w = candidates(variants[v][0]).first(where: { w in
                    owner[w] != i && beats(entries[owner[w]], owner[w], entry, i) && subsumes(variants[w], variants[v])
                }) else { return false }
                winners.append(owner[w])
                return true
            }
            if shadowed, let w = winners.first {
                let other = entries[w]
                add("shadowed", "never reported: line \(other.line) (\(other.file)) '\(other.term)' matches the same words and wins (longest, then most severe, then first)")
            }
        }
        return findings.sorted { ($0.file, $0.line, $0.code) < ($1.file, $1.line, $1.code) }
    }

    /// True when entry `a` (at index ia) wins a tie of equal length against `b`.
    static func beats(_ a: LexiconEntry, _ ia: Int, _ b: LexiconEntry, _ ib: Int) -> Bool {
        a.severity != b.severity ? a.severity > b.severity : ia < ib
    }

    /// True when pattern `w` matches everything `v` matches, token for token.
    static func subsumes(_ w: [PatternElement], _ v: [PatternElement]) -> Bool {
        guard w.count == v.count else { return false }
        for (x, y) in zip(w, v) {
            switch (x, y) {
            case (.word(let a), .word(let b)): if a != b { return false }
            case (.stem(let s), .word(let b)): if !b.hasPrefix(s) { return false }
            case (.stem(let s), .stem(let t)): if !t.hasPrefix(s) { return false }
            case (.gap(let m), .gap(let n)): if m != n { return false }
            default: return false
            }
        }
        return true
    }
}
