/// One row of a lexicon CSV (`term, category, severity, language, note`): a pattern, or a
/// named list (category `list`).
public struct LexiconEntry: Sendable, Equatable {
    /// As written: words, `*` prefix wildcards, `{group}` slots.
    public var term: String
    public var category: String
    /// 1 (mild) to 3 (severe).
    public var severity: Int
    public var language: String?
    public var note: String?
    /// Lexicon file (basename) and 1-based line.
    public var file: String
    public var line: Int

    /// The category of rows that define a named list (`{name} = a | b | …`) instead of a pattern.
    public static let listCategory = "list"

    /// True for a list definition: never matched itself, used by `{name}` in other terms.
    public var isList: Bool { category == Self.listCategory }

    /// The category of exclusions: a match of an `exclude` entry is never reported, and
    /// every other match that lies inside it is dropped ("burn the X defence" is football).
    public static let excludeCategory = "exclude"

    /// True for an exclusion entry.
    public var isExclusion: Bool { category == Self.excludeCategory }

    public init(term: String, category: String, severity: Int, language: String? = nil, note: String? = nil, file: String = "lexicon.csv", line: Int = 0) {
        self.term = term
        self.category = category
        self.severity = severity
        self.language = language
        self.note = note
        self.file = file
        self.line = line
    }
}

/// One row of a groups CSV (`term, group, kind`): a word for a group, filling `{group}`.
public struct GroupTerm: Sendable, Equatable {
    /// The word or phrase as spoken (`varnians`).
    public var term: String
    /// The canonical group name reported in hits (`varnian`).
    public var group: String
    /// ethnic, religious, national, political or other; `{kind}` slots match it.
    public var kind: String

    public init(term: String, group: String, kind: String) {
        self.term = term
        self.group = group
        self.kind = kind
    }
}
