/// Reads `itunes:duration` values into seconds.
///
/// Why: the field is written as plain seconds (`3600`, `3600.5`), `MM:SS` (`62:03`) or
/// `HH:MM:SS` (`1:02:03`); minutes may exceed 59 in the two-part form, as feeds do.
///
/// ```swift
/// DurationParser.parse("1:02:03")   // 3723
/// DurationParser.parse("soon")      // nil
/// ```
enum DurationParser {
    /// Seconds, or nil for empty, negative or non-numeric text or more than three parts.
    static func parse(_ text: String) -> Double? {
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
}
