import VigilCore

/// Parses the dates feeds carry: RFC 822/1123 (`pubDate`) and RFC 3339 / W3CDTF (Atom, `dc:date`).
///
/// Why: `DateFormatter` depends on locale and is slow; feed dates come in a handful of
/// shapes that a byte-level reader handles exactly, with no dependence on the machine's
/// time zone. Accepted:
/// - RFC 822/1123: optional weekday (`Mon,` or `Monday`), day, month name (English, 3+
///   letters, any case), 2- or 4-digit year (`00`–`49` → 20xx, `50`–`99` → 19xx), optional
///   `HH:MM[:SS]` (midnight when absent), zone `±hhmm`/`±hh:mm`, `GMT`/`UT`/`UTC`/`Z`, the
///   US zones of RFC 822 (`EST` … `PDT`) and a few common others (`CET`, `CEST`, `BST`, `EET`,
///   `EEST`, `WET`, `WEST`, `WAT`, `CAT`, `EAT`, `SAST`); no zone means UTC; an unknown zone
///   name gives nil rather than a wrong instant.
/// - RFC 3339 / W3CDTF: `YYYY-MM-DD`, optionally `T` (or space) `HH:MM[:SS[.fraction]]` and
///   `Z` or `±hh:mm`/`±hhmm`/`±hh`; no zone means UTC; fractions are truncated.
/// The weekday is not checked against the date (feeds get it wrong).
///
/// ```swift
/// DateParser.parse("Wed, 31 Dec 2025 23:30:00 -0500")?.rfc3339   // "2026-01-01T04:30:00Z"
/// DateParser.parse("next tuesday")                              // nil
/// ```
public enum DateParser {
    /// The instant `text` denotes, or nil when it is not a date in a supported form.
    public static func parse(_ text: String) -> Timestamp? {
        var scanner = DateScanner(text)
        guard !scanner.atEnd else { return nil }
        if let first = scanner.peek, DateScanner.isDigit(first), scanner.bytes.count - scanner.i >= 10,
           scanner.bytes[scanner.i + 4] == UInt8(ascii: "-") {
            return rfc3339(&scanner)
        }
        return rfc822(&scanner)
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
        "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "wet": 0, "west": 1, "bst": 1, "cet": 1,
        "cest": 2, "eet": 2, "eest": 3, "wat": 1, "cat": 2, "eat": 3, "sast": 2,
    ]

    private static func rfc3339(_ s: inout DateScanner) -> Timestamp? {
        guard let y = s.digits(4...4), s.take(0x2D), let mo = s.digits(2...2), s.take(0x2D),
              let d = s.digits(2...2) else { return nil }
        if s.atEnd { return Timestamp(year: y.value, month: mo.value, day: d.value) }
        guard s.take(UInt8(ascii: "T")) || s.take(UInt8(ascii: "t")) || s.take(0x20),
              let h = s.digits(2...2), s.take(0x3A), let mi = s.digits(2...2) else { return nil }
        var second = 0
        if s.take(0x3A) {
            guard let sec = s.digits(2...2) else { return nil }
            second = sec.value
            if s.take(0x2E) || s.take(0x2C) {
                guard s.digits(1...12) != nil else { return nil }
            }
        }
        var offset = 0
        if s.take(UInt8(ascii: "Z")) || s.take(UInt8(ascii: "z")) {
            offset = 0
        } else if let b = s.peek, b == 0x2B || b == 0x2D {
            s.i += 1
            guard let o = s.offset(sign: b == 0x2B ? 1 : -1) else { return nil }
            offset = o
        }
        guard s.atEnd else { return nil }
        return Timestamp(year: y.value, month: mo.value, day: d.value, hour: h.value, minute: mi.value,
                         second: second, offsetSeconds: offset)
    }

    private static func rfc822(_ s: inout DateScanner) -> Timestamp? {
        if let b = s.peek, DateScanner.isLetter(b) {
            let weekday = s.word()
            guard weekday.count >= 3, weekdays.contains(String(weekday.prefix(3))) else { return nil }
            let comma = s.take(0x2C)
            guard s.spaces() || comma else { return nil }
        }
        guard let day = s.digits(1...2), s.spaces() || s.take(0x2D) else { return nil }
        let monthWord = s.word()
        guard monthWord.count >= 3, let month = months.firstIndex(of: String(monthWord.prefix(3))),
              s.spaces() || s.take(0x2D), let y = s.digits(2...4), y.length != 3 else { return nil }
        let year = y.length == 4 ? y.value : (y.value < 50 ? 2000 + y.value : 1900 + y.value)
        var hour = 0, minute = 0, second = 0, offset = 0
        if s.spaces() {
            guard let h = s.digits(1...2), s.take(0x3A), let mi = s.digits(2...2) else { return nil }
            hour = h.value
            minute = mi.value
            if s.take(0x3A) {
                guard let sec = s.digits(2...2) else { return nil }
                second = sec.value
            }
            if s.spaces(), !s.atEnd {
                guard let zone = zone(&s) else { return nil }
                offset = zone
            }
        }
        guard s.atEnd else { return nil }
        return Timestamp(year: year, month: month + 1, day: day.value, hour: hour, minute: minute,
                         second: second, offsetSeconds: offset)
    }

    /// A zone after the time: numeric offset or a known name; seconds east of UTC.
    private static func zone(_ s: inout DateScanner) -> Int? {
        if let b = s.peek, b == 0x2B || b == 0x2D {
            s.i += 1
            return s.offset(sign: b == 0x2B ? 1 : -1)
        }
        return zones[s.word()].map { $0 * 3600 }
    }
}
