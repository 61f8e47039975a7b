import VigilCore

/// Parses the lexicon term language into pieces: literal words (tokenized by the shared
/// `Tokenizer`), `*` prefixes, `{slot}` names (groups of a kind, or a named list),
/// `(a|b c|)` choices and `~N` gaps.
///
///     {group} ~2 taking our jobs    → slot(group), gap(2), word(taking), word(our), word(jobs)
///     cockroach*                    → stem(cockroach)
///     (are|is) (like |)vermin       → choice([are], [is]), choice([like], []), word(vermin)
///     are ~3(a|the|of) vermin       → word(are), restrictedGap(3, choice([a], [the], [of])), word(vermin)
///     {group} ~* crush them         → slot(group), gap(30), word(crush), word(them)
///
/// A list definition (a lexicon row of category `list`) is `{name} = alternative | …`.
enum TermParser {
    indirect enum Piece: Equatable {
        case element(PatternElement)
        case slot(String)
        /// One of the alternatives; an empty alternative makes the choice optional.
        case choice([[Piece]])
        /// Up to N tokens, each one of the single words of a list or choice: `~3{filler}`.
        case restrictedGap(Int, Piece)

        var isGap: Bool {
            switch self {
            case .element(.gap), .restrictedGap: return true
            default: return false
            }
        }
    }

    /// Largest gap a term may ask for with a number.
    static let maxGap = 8
    /// The gap `~*` stands for: anywhere later in the sentence, at most this many tokens on.
    static let sentenceGap = 30

    struct Failure: Error {
        var code: String
        var message: String
    }

    static func parse(_ term: String, options: TokenizerOptions = .standard) throws(Failure) -> [Piece] {
        let pieces = try sequence(Substring(term), options: options, inChoice: false)
        if pieces.first?.isGap == true { throw Failure(code: "lexicon_bad_term", message: "a term cannot start with a gap") }
        if pieces.last?.isGap == true { throw Failure(code: "lexicon_bad_term", message: "a term cannot end with a gap") }
        for (a, b) in zip(pieces, pieces.dropFirst()) where a.isGap && b.isGap {
            throw Failure(code: "lexicon_bad_term", message: "two gaps in a row")
        }
        if !pieces.contains(where: { !$0.isGap }) {
            throw Failure(code: "lexicon_empty_term", message: "term has no word tokens")
        }
        if pieces.allSatisfy({ if case .choice(let alts) = $0 { return alts.contains([]) }; return false }) {
            throw Failure(code: "lexicon_empty_term", message: "every part of the term is optional: it could match nothing")
        }
        return pieces
    }

    /// Parses a list definition `{name} = alternative | alternative …`.
    static func definition(_ term: String, options: TokenizerOptions = .standard) throws(Failure) -> (name: String, alternatives: [[Piece]]) {
        var rest = Substring(term).drop { $0 == " " }
        guard rest.first == "{", let close = rest.firstIndex(of: "}") else {
            throw Failure(code: "lexicon_bad_list", message: "a list is written {name} = word | other words | …")
        }
        let name = try slotName(rest[rest.index(after: rest.startIndex)..<close])
        rest = rest[rest.index(after: close)...].drop { $0 == " " }
        guard rest.first == "=" else { throw Failure(code: "lexicon_bad_list", message: "a list is written {name} = word | other words | …") }
        var alternatives: [[Piece]] = []
        for alt in try split(rest.dropFirst()) {
            let pieces = try sequence(alt, options: options, inChoice: true)
            if pieces.isEmpty { throw Failure(code: "lexicon_bad_list", message: "list {\(name)} has an empty alternative") }
            alternatives.append(pieces)
        }
        return (name, alternatives)
    }

    /// Splits at `|` outside parentheses.
    static func split(_ text: Substring) throws(Failure) -> [Substring] {
        var out: [Substring] = []
        var depth = 0
        var start = text.startIndex
        for i in text.indices {
            switch text[i] {
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0:
                out.append(text[start..<i])
                start = text.index(after: i)
            default: break
            }
        }
        out.append(text[start...])
        return out
    }

    static func slotName(_ raw: Substring) throws(Failure) -> String {
        let name = Tokenizer.fold(String(raw).trimmingCharacters(in: " "))
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" }) else {
            throw Failure(code: "lexicon_bad_term", message: "slot name '{\(name)}' must be a word such as {group} or {ethnic}")
        }
        return name
    }

    /// Pieces of a sequence; inside a choice, gaps and nested choices are not allowed.
    static func sequence(_ text: Substring, options: TokenizerOptions, inChoice: Bool) throws(Failure) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        func flushLiteral() {
            let bytes = Array(literal.utf8)
            for t in Tokenizer.tokens(in: literal, options: options) {
                let isStem = t.end < bytes.count && bytes[t.end] == 0x2A
                pieces.append(.element(isStem ? .stem(t.text) : .word(t.text)))
            }
            literal = ""
        }
        var chars = text
        while let c = chars.first {
            if c == "{" {
                guard let close = chars.firstIndex(of: "}") else { throw Failure(code: "lexicon_bad_term", message: "unclosed '{' in term") }
                flushLiteral()
                pieces.append(.slot(try slotName(chars[chars.index(after: chars.startIndex)..<close])))
                chars = chars[chars.index(after: close)...]
            } else if c == "}" {
                throw Failure(code: "lexicon_bad_term", message: "'}' without '{'")
            } else if c == "(" {
                if inChoice { throw Failure(code: "lexicon_bad_term", message: "choices cannot be nested") }
                guard let close = chars.firstIndex(of: ")") else { throw Failure(code: "lexicon_bad_term", message: "unclosed '(' in term") }
                flushLiteral()
                let inner = chars[chars.index(after: chars.startIndex)..<close]
                if inner.contains("(") { throw Failure(code: "lexicon_bad_term", message: "choices cannot be nested") }
                var alternatives: [[Piece]] = []
                for alt in try split(inner) {
                    let parsed = try sequence(alt, options: options, inChoice: true)
                    if !alternatives.contains(parsed) { alternatives.append(parsed) }
                }
                if alternatives.allSatisfy(\.isEmpty) { throw Failure(code: "lexicon_bad_term", message: "a choice needs at least one word") }
                pieces.append(.choice(alternatives))
                chars = chars[chars.index(after: close)...]
            } else if c == ")" {
                throw Failure(code: "lexicon_bad_term", message: "')' without '('")
            } else if c == "|" {
                throw Failure(code: "lexicon_bad_term", message: "'|' outside a choice: write (a|b)")
            } else if c == "~", literal.last.map({ $0 == " " }) ?? true {
                if inChoice { throw Failure(code: "lexicon_bad_term", message: "a gap cannot be inside a choice or a list") }
                let n: Int
                if chars.dropFirst().first == "*" {
                    // `~*`: the rest of the sentence, up to `sentenceGap` tokens.
                    n = sentenceGap
                    chars = chars.dropFirst(2)
                } else {
                    let digits = chars.dropFirst().prefix { $0.isASCII && $0.isNumber }
                    guard let d = Int(digits) else { throw Failure(code: "lexicon_bad_term", message: "'~' must be followed by a number of tokens (~2) or * (~*: anywhere later in the sentence)") }
                    guard (1...maxGap).contains(d) else { throw Failure(code: "lexicon_bad_term", message: "gap ~\(d) must be between ~1 and ~\(maxGap), or ~* (anywhere later in the sentence)") }
                    n = d
                    chars = chars.dropFirst(1 + digits.count)
                }
                flushLiteral()
                // `~3{list}` or `~3(a|b)`: the gap skips only those words.
                if chars.first == "{" {
                    guard let close = chars.firstIndex(of: "}") else { throw Failure(code: "lexicon_bad_term", message: "unclosed '{' in term") }
                    pieces.append(.restrictedGap(n, .slot(try slotName(chars[chars.index(after: chars.startIndex)..<close]))))
                    chars = chars[chars.index(after: close)...]
                } else if chars.first == "(" {
                    guard let close = chars.firstIndex(of: ")") else { throw Failure(code: "lexicon_bad_term", message: "unclosed '(' in term") }
                    let inner = chars[chars.index(after: chars.startIndex)..<close]
                    if inner.contains("(") { throw Failure(code: "lexicon_bad_term", message: "choices cannot be nested") }
                    var alternatives: [[Piece]] = []
                    for alt in try split(inner) { alternatives.append(try sequence(alt, options: options, inChoice: true)) }
                    pieces.append(.restrictedGap(n, .choice(alternatives)))
                    chars = chars[chars.index(after: close)...]
                } else {
                    pieces.append(.element(.gap(n, nil)))
                }
            } else {
                literal.append(c)
                chars = chars.dropFirst()
            }
        }
        flushLiteral()
        return pieces
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
