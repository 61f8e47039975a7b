import VigilCore

/// The shipped English defaults: a lexicon after the Dangerous Speech hallmarks, a list of
/// protected-group nouns for its slots, and context cues. The files live in
/// `Pipelines/lexicons/`; the binary carries a copy (`scripts/embed-defaults`), so that
/// `vigil detect --texts` and runs without `--lexicon` work from any folder.
public enum DefaultLexicons {
    public static let lexiconFile = "default-en.csv"
    public static let groupsFile = "groups-en.csv"
    public static let cuesFile = "cues-en.csv"

    /// The default lexicon's entries.
    public static var entries: [LexiconEntry] { LexiconLoader.entries(csv: Array(lexiconCSV.utf8), file: lexiconFile).entries }
    /// The default groups list.
    public static var groups: [GroupTerm] { LexiconLoader.groups(csv: Array(groupsCSV.utf8), file: groupsFile).groups }
    /// The default cues.
    public static var cues: [ContextCues.Cue] { LexiconLoader.cues(csv: Array(cuesCSV.utf8), file: cuesFile).cues }
}
