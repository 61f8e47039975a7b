import VigilCore

/// Turns a speaker name into a role a reviewer can weigh: the registry's `speaker_roles`
/// mapping first (`Amina Okello=host; Joseph=guest`), then the name itself (`Host`,
/// `Caller 2`, `GUEST`, `Presenter`).
enum SpeakerRoles {
    static let inferred: [(word: String, role: String)] = [
        ("host", "host"), ("presenter", "host"), ("anchor", "host"), ("dj", "host"), ("mc", "host"),
        ("interviewer", "host"), ("moderator", "host"), ("caller", "caller"), ("listener", "caller"),
        ("guest", "guest"), ("interviewee", "guest"), ("panelist", "guest"), ("reporter", "reporter"),
        ("correspondent", "reporter"), ("announcer", "announcer"),
    ]

    static func role(of speaker: String?, at station: Station) -> String? {
        guard let speaker else { return nil }
        let folded = Tokenizer.words(in: speaker)
        if let role = station.roles[folded.joined(separator: " ")] { return role }
        for (word, role) in inferred where folded.contains(word) { return role }
        return nil
    }
}
