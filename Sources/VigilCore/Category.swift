/// Lexicon categories, after the Dangerous Speech hallmarks and the Rabat Plan of Action.
///
/// The standard set is fixed so that CSV columns are stable; lexicons may use other
/// categories, which are carried through as extra columns after the standard ones.
public enum Category {
    /// Every standard category, in output column order.
    public static let standard: [String] = [
        "dehumanization", "victimhood", "enemy_labeling", "violence_call", "us_vs_them",
        "threat_conspiracy", "derogation", "offensive", "counter_speech",
    ]

    /// Reported but never counted towards alerts or the severity score.
    public static let offensive = "offensive"
    public static let derogation = "derogation"
    /// A positive signal: condemnation, calls for calm.
    public static let counterSpeech = "counter_speech"

    /// True for categories that count as polarizing or inciting speech.
    public static func isHarmful(_ category: String) -> Bool {
        category != offensive && category != counterSpeech
    }

    /// The standard categories followed by any extra ones, sorted, without duplicates.
    public static func columns(adding extra: some Sequence<String>) -> [String] {
        let known = Set(standard)
        return standard + Set(extra.filter { !known.contains($0) }).sorted()
    }
}
