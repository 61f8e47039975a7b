/// Per-language folding on top of the shared tokenizer rule.
///
/// - `foldDiacritics`: accents and other combining marks are removed after folding, so
///   `café` and `cafe` meet (off by default: in many languages a mark changes the word).
/// - `turkishCasing`: Turkish and Azerbaijani casing — `I` folds to dotless `ı` and `İ` to
///   `i` — instead of the default `I` → `i` (on by default for `tr` and `az`).
///
/// Transcript text is folded with the options of its language; a lexicon entry and a cue
/// with the options of theirs, so that the two still meet.
public struct TokenizerOptions: Sendable, Hashable {
    public var foldDiacritics: Bool
    public var turkishCasing: Bool

    public init(foldDiacritics: Bool = false, turkishCasing: Bool = false) {
        self.foldDiacritics = foldDiacritics
        self.turkishCasing = turkishCasing
    }

    public static let standard = TokenizerOptions()
}

/// Language tags as lexicon entries and cues use them.
public enum LanguageTag {
    /// True when something tagged `tag` applies to text in `language`: either is unknown or
    /// blank (then all apply), they are equal, or one is a subtag of the other (`en` and
    /// `en-GB`), case-insensitively.
    public static func applies(_ tag: String?, to language: String?) -> Bool {
        guard let want = tag?.lowercased(), !want.isEmpty, let have = language?.lowercased(), !have.isEmpty else { return true }
        return have == want || have.hasPrefix(want + "-") || want.hasPrefix(have + "-")
    }
}

/// The folding options of each language: built-in defaults (`tr`, `az`: Turkish casing)
/// and the pipeline's `languages:` settings.
public struct LanguageFolding: Sendable, Equatable {
    public var byLanguage: [String: TokenizerOptions]

    public init(_ overrides: [String: TokenizerOptions] = [:]) {
        var table: [String: TokenizerOptions] = ["tr": .init(turkishCasing: true), "az": .init(turkishCasing: true)]
        for (k, v) in overrides { table[k.lowercased()] = v }
        byLanguage = table
    }

    /// Options for a language tag (`tr-TR` uses `tr`); standard when unknown or nil.
    public func options(for language: String?) -> TokenizerOptions {
        guard let l = language?.lowercased(), !l.isEmpty else { return .standard }
        if let o = byLanguage[l] { return o }
        return byLanguage[String(l.split(separator: "-").first ?? "")] ?? .standard
    }
}
