import VigilCore
import VigilIO

/// Reads lexicon and groups CSV files. A lexicon is configuration: every bad row is
/// reported, and the caller stops when there is any.
public enum LexiconLoader {
    /// Parses a lexicon. Required columns `term, category, severity`; optional
    /// `language, note`; others ignored. Rows of category `list` define named lists and
    /// need no severity.
    public static func entries(csv bytes: [UInt8], file: String) -> (entries: [LexiconEntry], errors: [VigilError]) {
        let csv = CSVReader(bytes: bytes)
        let name = FileSystem.basename(file)
        let cols = csv.columns
        let missing = ["term", "category", "severity"].filter { cols[$0] == nil }
        if !missing.isEmpty {
            return ([], [VigilError(.config, "lexicon_missing_column", "lexicon lacks required column(s): \(missing.joined(separator: ", ")) (has: \(csv.header.joined(separator: ", ")))", file: file, line: 1)])
        }
        var entries: [LexiconEntry] = []
        var errors: [VigilError] = []
        for (line, fields) in csv.rows {
            let field = CSVRecord(columns: cols, fields: fields)
            guard let term = field["term"] else {
                errors.append(VigilError(.config, "lexicon_empty_term", "empty term", file: file, line: line))
                continue
            }
            guard let category = field["category"] else {
                errors.append(VigilError(.config, "lexicon_bad_category", "empty category for term '\(term)'", file: file, line: line, item: term))
                continue
            }
            if category == LexiconEntry.listCategory {
                // A list definition has no severity of its own.
                entries.append(LexiconEntry(term: term, category: category, severity: 0, language: field["language"], note: field["note"], file: name, line: line))
                continue
            }
            guard let sevText = field["severity"], let severity = Int(sevText), (1...3).contains(severity) else {
                errors.append(VigilError(.config, "lexicon_bad_severity", "severity must be 1, 2 or 3 (got '\(field["severity"] ?? "")')", file: file, line: line, item: term))
                continue
            }
            entries.append(LexiconEntry(term: term, category: category, severity: severity, language: field["language"], note: field["note"], file: name, line: line))
        }
        return (entries, errors)
    }

    /// Parses a groups list. Required columns `term, group`; optional `kind` (default `other`).
    public static func groups(csv bytes: [UInt8], file: String) -> (groups: [GroupTerm], errors: [VigilError]) {
        let csv = CSVReader(bytes: bytes)
        let cols = csv.columns
        let missing = ["term", "group"].filter { cols[$0] == nil }
        if !missing.isEmpty {
            return ([], [VigilError(.config, "groups_missing_column", "groups list lacks required column(s): \(missing.joined(separator: ", "))", file: file, line: 1)])
        }
        var groups: [GroupTerm] = []
        var errors: [VigilError] = []
        for (line, fields) in csv.rows {
            let field = CSVRecord(columns: cols, fields: fields)
            guard let term = field["term"], let group = field["group"] else {
                errors.append(VigilError(.config, "groups_bad_row", "term and group are required", file: file, line: line))
                continue
            }
            groups.append(GroupTerm(term: term, group: group, kind: field["kind"] ?? "other"))
        }
        return (groups, errors)
    }
}

extension LexiconLoader {
    /// Parses a context-cue list: `phrase, kind, language, window` (kind: negation,
    /// negation_after, reporting, reporting_after, imminence, barrier, endorsement; language and window
    /// optional). A phrase uses the term language without slots.
    public static func cues(csv bytes: [UInt8], file: String) -> (cues: [ContextCues.Cue], errors: [VigilError]) {
        let csv = CSVReader(bytes: bytes)
        let cols = csv.columns
        let missing = ["phrase", "kind"].filter { cols[$0] == nil }
        if !missing.isEmpty {
            return ([], [VigilError(.config, "cues_missing_column", "cue list lacks required column(s): \(missing.joined(separator: ", "))", file: file, line: 1)])
        }
        var cues: [ContextCues.Cue] = []
        var errors: [VigilError] = []
        for (line, fields) in csv.rows {
            let field = CSVRecord(columns: cols, fields: fields)
            guard let phrase = field["phrase"], let kindText = field["kind"] else {
                errors.append(VigilError(.config, "cues_bad_row", "phrase and kind are required", file: file, line: line))
                continue
            }
            guard let kind = ContextCues.Kind(rawValue: kindText) else {
                errors.append(VigilError(.config, "cues_bad_kind", "kind must be negation, negation_after, reporting, reporting_after, imminence, barrier or endorsement (got '\(kindText)')", file: file, line: line, item: phrase))
                continue
            }
            var window: Int? = nil
            if let text = field["window"] {
                guard let w = Int(text), (0...ContextCues.maxWindow).contains(w) else {
                    errors.append(VigilError(.config, "cues_bad_window", "window must be a number of tokens from 0 to 50 (got '\(text)')", file: file, line: line, item: phrase))
                    continue
                }
                window = w
            }
            do {
                _ = try ContextCues.sequences(of: phrase)
            } catch {
                errors.append(error.adding(file: file, line: line))
                continue
            }
            cues.append(ContextCues.Cue(phrase: phrase, kind: kind, language: field["language"], window: window))
        }
        return (cues, errors)
    }
}
