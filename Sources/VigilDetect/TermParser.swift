import VigilCore

/// Parses the lexicon term language into pieces: literal words (tokenized by the shared
/// `Tokenizer`), `*` prefixes, `{slot}` names and `~N` gaps.
///
///     {group} ~2 taking our jobs    → slot(group), gap(2), word(taking), word(our), word(jobs)
///     cockroach*                    → stem(cockroach)
enum TermParser {
    enum Piece: Equatable {
        case element(PatternElement)
        case slot(String)
    }

    /// Largest gap a term may ask for.
    static let maxGap = 5

    struct Failure: Error {
        var code: String
        var message: String
    }

    static func parse(_ term: String, options: TokenizerOptions = .standard) throws(Failure) -> [Piece] {
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
        var chars = Substring(term)
        while let c = chars.first {
            if c == "{" {
                guard let close = chars.firstIndex(of: "}") else { throw Failure(code: "lexicon_bad_term", message: "unclosed '{' in term") }
                flushLiteral()
                let name = Tokenizer.fold(String(chars[chars.index(after: chars.startIndex)..<close]).trimmingCharacters(in: " "))
                guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" }) else {
                    throw Failure(code: "lexicon_bad_term", message: "slot name '{\(name)}' must be a word such as {group} or {ethnic}")
                }
                pieces.append(.slot(name))
                chars = chars[chars.index(after: close)...]
            } else if c == "}" {
                throw Failure(code: "lexicon_bad_term", message: "'}' without '{'")
            } else if c == "~", literal.last.map({ $0 == " " }) ?? true {
                let digits = chars.dropFirst().prefix { $0.isASCII && $0.isNumber }
                guard let n = Int(digits) else { throw Failure(code: "lexicon_bad_term", message: "'~' must be followed by a number of tokens (~2)") }
                guard (1...maxGap).contains(n) else { throw Failure(code: "lexicon_bad_term", message: "gap ~\(n) must be between ~1 and ~\(maxGap)") }
                flushLiteral()
                pieces.append(.element(.gap(n)))
                chars = chars.dropFirst(1 + digits.count)
            } else {
                literal.append(c)
                chars = chars.dropFirst()
            }
        }
        flushLiteral()
        if case .element(.gap) = pieces.first { throw Failure(code: "lexicon_bad_term", message: "a term cannot start with a gap") }
        if case .element(.gap) = pieces.last { throw Failure(code: "lexicon_bad_term", message: "a term cannot end with a gap") }
        for (a, b) in zip(pieces, pieces.dropFirst()) {
            if case .element(.gap) = a, case .element(.gap) = b { throw Failure(code: "lexicon_bad_term", message: "two gaps in a row") }
        }
        if pieces.isEmpty { throw Failure(code: "lexicon_empty_term", message: "term has no word tokens") }
        if !pieces.contains(where: { if case .element(.gap) = $0 { return false }; return true }) {
            throw Failure(code: "lexicon_empty_term", message: "term has no word tokens")
        }
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
