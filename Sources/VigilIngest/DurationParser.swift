/// Reads `itunes:duration` values into seconds.
///
/// Why: Apple documents plain seconds, but feeds write every form: seconds (`3600`,
/// `3600.5`), `MM:SS` (`62:03`, minutes may exceed 59), `HH:MM:SS` (`1:02:03`, `01:02:03.5`),
/// and, from some hosting tools, unit forms (`1h 2m 3s`, `1h02m`, `45 min`, `90 sec`,
/// `1 hour 5 minutes`, ISO 8601 `PT1H2M3S`). Each unit may appear once, largest first.
///
/// ```swift
/// DurationParser.parse("1:02:03")     // 3723
/// DurationParser.parse("1h 2m 3s")    // 3723
/// DurationParser.parse("soon")        // nil
/// ```
enum DurationParser {
    /// Seconds, or nil for empty, negative or non-numeric text or more than three parts.
    static func parse(_ text: String) -> Double? {
        if text.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) { return units(text) }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var total = 0.0
        for (i, part) in parts.enumerated() {
            let isLast = i == parts.count - 1
            guard !part.isEmpty, part.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || (isLast && $0 == 0x2E) }),
                  let value = Double(part)
            else { return nil }
            total = total * 60 + value
        }
        return total.isFinite ? total : nil
    }

    /// Unit names and their length in seconds, longest names first within a unit.
    private static let unitNames: [(names: [String], seconds: Double)] = [
        (["hours", "hour", "hrs", "hr", "h"], 3600),
        (["minutes", "minute", "mins", "min", "m"], 60),
        (["seconds", "second", "secs", "sec", "s"], 1),
    ]

    /// `1h 2m 3s` and its spellings: numbers each followed by a unit, hours before minutes
    /// before seconds, each at most once.
    private static func units(_ text: String) -> Double? {
        var rest = Substring(text.lowercased())
        if rest.hasPrefix("pt") { rest = rest.dropFirst(2) }  // ISO 8601 `PT1H2M3S`
        var total = 0.0
        var nextUnit = 0
        var matched = false
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "," })
            if rest.isEmpty { break }
            let number = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count).drop(while: { $0 == " " })
            var found = false
            while nextUnit < unitNames.count, !found {
                let unit = unitNames[nextUnit]
                nextUnit += 1
                if let name = unit.names.first(where: { rest.hasPrefix($0) }) {
                    rest = rest.dropFirst(name.count)
                    total += value * unit.seconds
                    found = true
                }
            }
            guard found, rest.first.map({ !$0.isLetter }) ?? true else { return nil }
            matched = true
        }
        return matched && total.isFinite ? total : nil
    }
}
