import VigilCore

extension DateParser {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]
    static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// RFC 822/1123/2822, RFC 850, asctime and their sloppy kin (see the type's summary).
    static func textual(_ s: inout DateScanner) -> Timestamp? {
        if let b = s.peek, DateScanner.isLetter(b) {
            let save = s.i
            let word = s.word()
            if isName(word, in: weekdayNames) {
                let comma = s.take(0x2C)
                guard s.spaces() || comma else { return nil }
            } else {
                s.i = save  // a month comes first
            }
        }
        guard let b = s.peek else { return nil }
        return DateScanner.isDigit(b) ? dayFirst(&s) : monthFirst(&s)
    }

    /// `29 Dec 2025 [time [zone]]`, `29-Dec-25 …` (RFC 850).
    private static func dayFirst(_ s: inout DateScanner) -> Timestamp? {
        guard let day = s.digits(1...2), s.spaces() || s.take(0x2D), let month = month(&s) else { return nil }
        _ = s.take(0x2C)
        guard s.spaces() || s.take(0x2D), let year = year(&s) else { return nil }
        var clock: Clock = (0, 0, 0)
        var offset = 0
        if s.spaces() || s.peek == UInt8(ascii: "T") || s.peek == UInt8(ascii: ",") {
            _ = s.take(UInt8(ascii: "T")) || s.take(UInt8(ascii: ","))
            _ = s.spaces()
            if !s.atEnd {
                guard let c = time(&s), let z = trailingZone(&s) else { return nil }
                clock = c
                offset = z
            }
        }
        guard s.atEnd else { return nil }
        return Timestamp(year: year, month: month, day: day.value, hour: clock.hour, minute: clock.minute,
                         second: clock.second, offsetSeconds: offset)
    }

    /// `Dec 29, 2025 [time [zone]]`, asctime `Dec 29 18:00:00 2025`, `Dec 29 18:00:00 UTC 2025`.
    private static func monthFirst(_ s: inout DateScanner) -> Timestamp? {
        guard let month = month(&s), s.spaces() || s.take(0x2D), let day = s.digits(1...2) else { return nil }
        let comma = s.take(0x2C)
        guard s.spaces() || comma else { return nil }
        var clock: Clock = (0, 0, 0)
        var offset = 0
        let year: Int
        if let y = yearBeforeTime(&s) {
            year = y
            if s.spaces() || s.take(0x2C), !s.atEnd {
                _ = s.spaces()
                guard let c = time(&s), let z = trailingZone(&s) else { return nil }
                clock = c
                offset = z
            }
        } else {
            guard let c = time(&s), s.spaces() else { return nil }
            clock = c
            if let b = s.peek, !DateScanner.isDigit(b) {
                guard let z = zone(&s), s.spaces() else { return nil }
                offset = z
            }
            guard let y = s.digits(4...4) else { return nil }
            year = y.value
            _ = s.spaces()
            if s.peek == UInt8(ascii: "(") { _ = s.comment() }
        }
        guard s.atEnd else { return nil }
        return Timestamp(year: year, month: month, day: day.value, hour: clock.hour, minute: clock.minute,
                         second: clock.second, offsetSeconds: offset)
    }

    /// A 4-digit year that is not the hour of a time; the scanner is left unmoved otherwise.
    private static func yearBeforeTime(_ s: inout DateScanner) -> Int? {
        let save = s.i
        if let y = s.digits(4...4), s.peek != 0x3A { return y.value }
        s.i = save
        return nil
    }

    /// A 2- or 4-digit year (`00`–`49` → 20xx, `50`–`99` → 19xx).
    private static func year(_ s: inout DateScanner) -> Int? {
        guard let y = s.digits(2...4), y.length != 3 else { return nil }
        return y.length == 4 ? y.value : (y.value < 50 ? 2000 + y.value : 1900 + y.value)
    }

    /// A month name (1…12): the 3-letter abbreviation, `sept`, or any longer prefix of the full name.
    private static func month(_ s: inout DateScanner) -> Int? {
        let word = s.word()
        guard let index = monthNames.firstIndex(where: { isName(word, fullName: $0) }) else { return nil }
        _ = s.take(0x2E)  // `Dec.`
        return index + 1
    }

    /// True when `word` is a 3+ letter prefix of one of `names` (`tues`, `thurs`, `monday`).
    static func isName(_ word: String, in names: [String]) -> Bool {
        names.contains { isName(word, fullName: $0) }
    }

    private static func isName(_ word: String, fullName: String) -> Bool {
        word.count >= 3 && fullName.hasPrefix(word)
    }
}
