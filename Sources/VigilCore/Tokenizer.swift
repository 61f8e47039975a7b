import Foundation
import CVigilUnicode

/// Splits text into normalized word tokens; the one function that both transcript text
/// and lexicon terms go through, so that the two always meet.
///
/// The rule (a public contract, see `docs/outputs.md`):
/// - text is normalized with Unicode NFKC_Casefold (NFKC, full case folding, default
///   ignorables such as soft hyphens removed);
/// - a token is a maximal run of letters (L*), marks (M*) and numbers (N*); everything
///   else separates, so `don't` is `don`, `t`;
/// - markup and speech-to-text annotations are not words: `<tags>`, `[bracketed notes]`,
///   parenthesized non-speech notes such as `(laughs)`, and HTML entities are decoded.
///
/// Offsets point back into the UTF-8 of the raw text, so evidence can quote the original.
///
///     Tokenizer.tokens(in: "[music] ＴＨＥＹ are Taking") // they, are, taking
public enum Tokenizer {
    /// The tokens of `text`, in order.
    public static func tokens(in text: String, options: TokenizerOptions = .standard) -> [Token] {
        var text = text
        return text.withUTF8 { buf in
            var scanner = Scanner(bytes: buf, options: options)
            scanner.run()
            return scanner.tokens
        }
    }

    /// Tokenizes `text` straight into bytes: appends the folded tokens, separated by single
    /// spaces, to `joined` (a space first when it is not empty), each token's raw byte range
    /// to `offsets` as a pair, and its range in `joined` to `bounds` as a pair. Returns the
    /// number of tokens. The same tokens as `tokens(in:options:)`, without a `String` each.
    @discardableResult
    public static func scan(_ text: String, options: TokenizerOptions = .standard, joined: inout [UInt8], offsets: inout [Int], bounds: inout [Int32]) -> Int {
        var text = text
        return text.withUTF8 { buf in
            var scanner = Scanner(bytes: buf, options: options)
            swap(&scanner.joined, &joined)
            swap(&scanner.offsets, &offsets)
            swap(&scanner.bounds, &bounds)
            let before = scanner.offsets.count
            scanner.run()
            swap(&scanner.joined, &joined)
            swap(&scanner.offsets, &offsets)
            swap(&scanner.bounds, &bounds)
            return (offsets.count - before) / 2
        }
    }

    /// The normalized token texts only.
    public static func words(in text: String, options: TokenizerOptions = .standard) -> [String] { tokens(in: text, options: options).map(\.text) }

    /// NFKC_Casefold of a whole string (no tokenizing, no markup removal).
    public static func fold(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars { out += String(decoding: foldScalars([s]), as: UTF8.self) }
        return out
    }

    /// NFKC_Casefold of a normalization chunk, as UTF-8.
    static func foldScalars(_ scalars: [Unicode.Scalar]) -> [UInt8] {
        var src: [UInt16] = []
        src.reserveCapacity(scalars.count * 2)
        for s in scalars { src.append(contentsOf: UTF16.encode(s)!) }
        var cap = max(32, src.count * 18)
        while true {
            var dst = [UInt16](repeating: 0, count: cap)
            let n = vigil_nfkc_casefold(src, Int32(src.count), &dst, Int32(cap))
            if n >= 0 {
                return Array(String(decoding: dst[0..<Int(n)], as: UTF16.self).utf8)
            }
            if cap > 1 << 16 { return [] }
            cap *= 4
        }
    }

    /// Removes combining marks (Mn) after canonical decomposition: `é` → `e`.
    static func stripMarks(_ utf8: [UInt8]) -> [UInt8] {
        let decomposed = String(decoding: utf8, as: UTF8.self).decomposedStringWithCanonicalMapping
        var out = ""
        for s in decomposed.unicodeScalars where s.properties.generalCategory != .nonspacingMark { out.unicodeScalars.append(s) }
        return Array(out.precomposedStringWithCanonicalMapping.utf8)
    }

    /// True for scalars that belong inside a word.
    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func boundaryBefore(_ s: Unicode.Scalar) -> Bool {
        s.isASCII || vigil_nfkc_casefold_boundary_before(s.value) != 0
    }
}
