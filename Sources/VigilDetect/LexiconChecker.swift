import VigilCore

/// `vigil lexicon check`: finds what is wrong or wasted in lexicons before a run.
///
/// Errors (the lexicon cannot be used): bad columns or severities, syntax errors in a term
/// or a list (unclosed `{` or `(`, a bad `~N`, a list defined twice or using itself).
/// Warnings: slots without group terms or list (the entry never matches), duplicates (same
/// pattern, same category), conflicts (same pattern, another category: both are reported
/// for the same words), entries shadowed by another of the same category that always wins
/// at the same place (e.g. `cockroaches` severity 2 under `cockroach*` severity 3),
/// unknown categories, lists no term uses and lists named like a group kind.
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
        func add(_ entry: LexiconEntry, _ level: Finding.Level, _ code: String, _ message: String) {
            findings.append(Finding(level: level, code: code, message: message, file: entry.file, line: entry.line, term: entry.term))
        }
        let slots = CompiledLexicon.slotValues(groups)
        let (lists, listErrors) = CompiledLexicon.lists(in: entries, folding: LanguageFolding())
        findings += listErrors.map { Finding(level: .error, code: $0.code, message: $0.message, file: $0.file ?? "", line: $0.line ?? 0, term: $0.item ?? "") }
        // Lists: name clashes with group kinds, and lists no term uses.
        var used = Set<String>()
        func collect(_ pieces: [TermParser.Piece]) {
            for piece in pieces {
                switch piece {
                case .slot(let name): used.insert(name)
                case .choice(let alternatives): alternatives.forEach(collect)
                case .restrictedGap(_, let restriction): collect([restriction])
                case .element: break
                }
            }
        }
        for entry in entries {
            if entry.isList {
                if let d = try? TermParser.definition(entry.term) { d.alternatives.forEach(collect) }
            } else if let pieces = try? TermParser.parse(entry.term) {
                collect(pieces)
            }
        }
        for (name, list) in lists.sorted(by: { $0.value.entry.line < $1.value.entry.line }) {
            if slots[name] != nil {
                add(list.entry, .warning, "list_hides_groups", "list {\(name)} replaces the groups of kind \(name) in every term")
            }
            if !used.contains(name) {
                add(list.entry, .warning, "unused_list", "no term uses {\(name)}")
            }
        }
        let known = Set(Category.standard + [LexiconEntry.excludeCategory])
        var expander = CompiledLexicon.Expander(slots: slots, lists: lists, subs: CompiledLexicon.SubTable())
        var variants: [[PatternElement]] = []
        var owner: [Int] = []
        var variantsOf: [[Int]] = Array(repeating: [], count: entries.count)
        for (i, entry) in entries.enumerated() where !entry.isList {
            if !known.contains(entry.category) {
                add(entry, .warning, "unknown_category", "category '\(entry.category)' is not one of \(Category.standard.joined(separator: ", ")); it is carried through as its own column")
            }
            do {
                for elements in try expander.variants(of: entry, options: .standard) {
                    variantsOf[i].append(variants.count)
                    variants.append(elements)
                    owner.append(i)
                }
            } catch {
                if error.code == CompiledLexicon.emptySlot {
                    add(entry, .warning, "empty_slot", error.message)
                } else {
                    add(entry, .error, error.code, error.message)
                }
            }
        }
        // Index variants by their first element (the first elements a call can begin with,
        // for a call), to compare only candidates.
        let subs = expander.subs
        var firstOfSub: [Int: [PatternElement]] = [:]
        func firstElements(_ e: PatternElement) -> [PatternElement] {
            guard case .call(let id) = e else { return [e] }
            if let known = firstOfSub[id] { return known }
            firstOfSub[id] = []
            var out: [PatternElement] = []
            for alt in subs.alternatives[id] { if let f = alt.elements.first { out += firstElements(f) } }
            firstOfSub[id] = out
            return out
        }
        var first: [PatternElement: [Int]] = [:]
        var byStem: [(String, Int)] = []
        var bySet: [(WordSet, Int)] = []
        var exact: [[PatternElement]: Int] = [:]
        for (v, elements) in variants.enumerated() {
            for f in Set(firstElements(elements[0]) + [elements[0]]) {
                first[f, default: []].append(v)
                switch f {
                case .stem(let s): byStem.append((s, v))
                case .set(let set): bySet.append((set, v))
                default: break
                }
            }
            if exact[elements] == nil { exact[elements] = v }
        }
        /// True when `w` (its calls expanded) matches everything `v` matches, token for token;
        /// with `same`, when one of the sequences `w` stands for is `v` itself.
        func covers(_ w: ArraySlice<PatternElement>, _ v: ArraySlice<PatternElement>, same: Bool, depth: Int = 0) -> Bool {
            guard let x = w.first else { return v.isEmpty }
            if case .call(let id) = x, depth < 8 {
                if v.first == x && covers(w.dropFirst(), v.dropFirst(), same: same, depth: depth) { return true }
                return subs.alternatives[id].contains { covers(ArraySlice($0.elements) + w.dropFirst(), v, same: same, depth: depth + 1) }
            }
            guard let y = v.first else { return false }
            guard same ? x == y : subsumes([x], [y]) else { return false }
            return covers(w.dropFirst(), v.dropFirst(), same: same, depth: depth)
        }
        func candidates(_ element: PatternElement) -> [Int] {
            switch element {
            case .word(let w):
                return (first[element] ?? []) + byStem.filter { w.hasPrefix($0.0) }.map(\.1) + bySet.filter { $0.0.contains(w) }.map(\.1)
            case .stem(let t):
                return byStem.filter { t.hasPrefix($0.0) }.map(\.1) + bySet.filter { $0.0.stems.contains { t.hasPrefix($0) } }.map(\.1)
            case .set(let set):
                return byStem.filter { s in set.words.allSatisfy { $0.hasPrefix(s.0) } && set.stems.allSatisfy { $0.hasPrefix(s.0) } }.map(\.1)
                    + bySet.filter { $0.0.covers(set) }.map(\.1)
            case .call: return first[element] ?? []
            case .gap: return []
            }
        }
        for (i, entry) in entries.enumerated() where !variantsOf[i].isEmpty {
            // Same pattern as an earlier entry (or one of the sequences it stands for).
            let earlier = variantsOf[i].lazy.compactMap { v -> Int? in
                if let w = exact[variants[v]], owner[w] < i { return w }
                return candidates(variants[v][0]).first { w in owner[w] < i && covers(variants[w][...], variants[v][...], same: true) }
            }.first
            if let w = earlier {
                let other = entries[owner[w]]
                if other.category == entry.category {
                    add(entry, .warning, "duplicate", "same pattern as line \(other.line) (\(other.file)) '\(other.term)'")
                } else {
                    add(entry, .warning, "conflict", "same pattern as line \(other.line) (\(other.file)) '\(other.term)' with category \(other.category); both are reported for the same words")
                }
                continue
            }
            // Every variant always loses to another entry of the same category at the same place.
            var winners: [Int] = []
            let shadowed = variantsOf[i].allSatisfy { v in
                guard let w = candidates(variants[v][0]).first(where: { w in
                    let o = owner[w]
                    return o != i && entries[o].category == entry.category && beats(entries[o], o, entry, i) && covers(variants[w][...], variants[v][...], same: false)
                }) else { return false }
                winners.append(owner[w])
                return true
            }
            if shadowed, let w = winners.first {
                let other = entries[w]
                add(entry, .warning, "shadowed", "never reported: line \(other.line) (\(other.file)) '\(other.term)' matches the same words in the same category and wins (longest, then most severe, then first)")
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
            case (.stem(let s), .set(let b)): if !(b.words.allSatisfy { $0.hasPrefix(s) } && b.stems.allSatisfy { $0.hasPrefix(s) }) { return false }
            case (.set(let a), .word(let b)): if !a.contains(b) { return false }
            case (.set(let a), .stem(let t)): if !a.stems.contains(where: { t.hasPrefix($0) }) { return false }
            case (.set(let a), .set(let b)): if !a.covers(b) { return false }
            case (.call(let a), .call(let b)): if a != b { return false }
            case (.gap(let m, let a), .gap(let n, let b)):
                if m != n { return false }
                if let a { guard let b, a.covers(b) else { return false } }
            default: return false
            }
        }
        return true
    }
}
