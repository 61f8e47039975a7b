import VigilCore

/// Parses the dates feeds carry: RFC 822/1123/2822 and RFC 850 (`pubDate`), RFC 3339 /
/// W3CDTF (Atom, `dc:date`), asctime, and the common sloppy variants of each.
///
/// Why: `DateFormatter` depends on locale and is slow; feed dates come in a few dozen
/// shapes that a byte-level reader handles exactly, with no dependence on the machine's
/// time zone. Accepted:
/// - **Textual** (`Mon, 29 Dec 2025 18:00:00 +0300` and kin): optional weekday (`Mon`,
///   `Tues`, `Monday`; comma optional; not checked against the date, feeds get it wrong);
///   day then month (`29 Dec 2025`, RFC 850 `29-Dec-25`), or month then day (`Dec 29, 2025`,
///   asctime `Dec 29 18:00:00 2025`, `date(1)`'s `Dec 29 18:00:00 UTC 2025`); month names
///   in English, any case, abbreviated (`Sept` too) or full; 2- or 4-digit year (`00`–`49` →
///   20xx, `50`–`99` → 19xx); optional time `H:MM[:SS[.fff]]` with optional `am`/`pm`
///   (midnight when absent); extra spaces anywhere; a trailing comment (`(EAT)`) is ignored,
///   or used as the zone when there is no other.
/// - **Numeric**: `YYYY-MM-DD` or `YYYY/MM/DD` (1- or 2-digit month and day), optionally `T`
///   or spaces, then `H:MM[:SS[.fraction]]` (fraction truncated) and an optional zone.
///   A date alone means midnight. `YYYY-MM` and `YYYY` are refused: an instant coarser
///   than a day cannot be placed in a week. `12/29/2025` is refused as ambiguous.
/// - **Zones** (`DateParser+Zones`): `±hhmm`, `±hh:mm`, `±hh`, `±h` (sloppy), `Z`, `GMT`, `UT`,
///   `UTC` (also `GMT+3`, `UTC-05:00`), the North American names (`EST` … `PDT`, `AST`,
///   `ADT`, `AKST`, `AKDT`, `HST`, `HDT`, `NST`, `NDT`), common European, African and
///   Asia-Pacific names, and the RFC 822 military letters. No zone means UTC. An unknown or
///   ambiguous name (`IST`) gives nil rather than a wrong instant.
/// - **Military letters**: RFC 822 defined `A`–`I`, `K`–`M` as -1…-12 hours and `N`–`Y` as
///   +1…+12, signs that RFC 1123 (5.2.14) says are backwards in the RFC and unreliable in
///   practice, so RFC 1123 and RFC 2822 treat them all as `-0000`: UTC, local zone unknown.
///   Vigil does the same: every letter but `J` reads as UTC (`Z` is UTC anyway; `J` is
///   "local time" and is refused).
///
/// ```swift
/// DateParser.parse("Wed, 31 Dec 2025 23:30:00 -0500")?.rfc3339   // "2026-01-01T04:30:00Z"
/// DateParser.parse("December 29, 2025 6:00 PM EST")?.rfc3339     // "2025-12-29T23:00:00Z"
/// DateParser.parse("next tuesday")                              // nil
/// ```
public enum DateParser {
    /// The instant `text` denotes, or nil when it is not a date in a supported form.
    public static func parse(_ text: String) -> Timestamp? {
        var scanner = DateScanner(text)
        guard let first = scanner.peek else { return nil }
        if DateScanner.isDigit(first), scanner.bytes.count - scanner.i >= 8 {
            let fifth = scanner.bytes[scanner.i + 4]
            if fifth == UInt8(ascii: "-") || fifth == UInt8(ascii: "/") { return numeric(&scanner) }
        }
        return textual(&scanner)
    }

    /// Time of day read by `time(_:)`.
    typealias Clock = (hour: Int, minute: Int, second: Int)

    /// `YYYY-MM-DD[(T| )H:MM[:SS[.f]]][zone]`, also with `/`.
    private static func numeric(_ s: inout DateScanner) -> Timestamp? {
        guard let y = s.digits(4...4), let separator = s.peek, s.take(separator),
              let mo = s.digits(1...2), s.take(separator), let d = s.digits(1...2) else { return nil }
        var clock: Clock = (0, 0, 0)
        var offset = 0
        let hadT = s.take(UInt8(ascii: "T")) || s.take(UInt8(ascii: "t"))
        let hadSpace = s.spaces()
        if hadT || (hadSpace && !s.atEnd) {
            guard let c = time(&s) else { return nil }
            clock = c
            guard let z = trailingZone(&s) else { return nil }
            offset = z
        }
        guard s.atEnd else { return nil }
        return Timestamp(year: y.value, month: mo.value, day: d.value, hour: clock.hour, minute: clock.minute,
                         second: clock.second, offsetSeconds: offset)
    }

    /// `H:MM[:SS[.fraction]]` with optional `am`/`pm`.
    static func time(_ s: inout DateScanner) -> Clock? {
        guard let h = s.digits(1...2), s.take(0x3A), let mi = s.digits(2...2) else { return nil }
        var clock: Clock = (h.value, mi.value, 0)
        if s.take(0x3A) {
            guard let sec = s.digits(2...2) else { return nil }
            clock.second = sec.value
            if s.take(0x2E) || s.take(0x2C) {
                guard s.digits(1...12) != nil else { return nil }
            }
        }
        let save = s.i
        _ = s.spaces()
        if let marker = s.meridiem() {
            guard (1...12).contains(clock.hour) else { return nil }
            clock.hour = clock.hour % 12 + (marker == .pm ? 12 : 0)
        } else {
            s.i = save
        }
        guard clock.hour <= 23, clock.minute <= 59, clock.second <= 60 else { return nil }
        clock.second = min(clock.second, 59)  // a leap second is read as :59
        return clock
    }

    /// An optional zone after a time, then an optional `(comment)`; seconds east of UTC, nil
    /// when something unreadable follows.
    static func trailingZone(_ s: inout DateScanner) -> Int? {
        _ = s.spaces()
        var offset: Int?
        if let b = s.peek, b != UInt8(ascii: "(") {
            guard let z = zone(&s) else { return nil }
            offset = z
            _ = s.spaces()
        }
        if s.peek == UInt8(ascii: "(") {
            let comment = s.comment()
            if offset == nil, let named = zones[comment] { offset = named * 60 }
            _ = s.spaces()
        }
        return offset ?? 0
    }
}
