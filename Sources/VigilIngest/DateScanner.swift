/// A cursor over the ASCII bytes of a date, for `DateParser`.
///
/// Why: date parsing is done on bytes so that it is fast and independent of locale,
/// calendar and time zone settings; this keeps the small reading steps in one place.
///
/// ```swift
/// var s = DateScanner("2025-12-29")
/// let year = s.digits(4...4)   // 2025
/// ```
struct DateScanner {
    let bytes: [UInt8]
    var i = 0

    init(_ text: String) {
        var b = Array(text.utf8)
        while let last = b.last, DateScanner.isSpace(last) { b.removeLast() }
        bytes = b
        while i < bytes.count, DateScanner.isSpace(bytes[i]) { i += 1 }
    }

    var atEnd: Bool { i >= bytes.count }
    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Consumes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        i += 1
        return true
    }

    /// Consumes at least one space; false if there is none.
    mutating func spaces() -> Bool {
        let start = i
        while let b = peek, DateScanner.isSpace(b) { i += 1 }
        return i > start
    }

    /// Reads a number of `count` digits (a run longer than the range fails); nil otherwise.
    mutating func digits(_ count: ClosedRange<Int>) -> (value: Int, length: Int)? {
        let start = i
        var value = 0
        while let b = peek, DateScanner.isDigit(b), i - start < count.upperBound {
            value = value * 10 + Int(b - 0x30)
            i += 1
        }
        let length = i - start
        if let b = peek, DateScanner.isDigit(b) { return nil }
        guard count.contains(length) else { i = start; return nil }
        return (value, length)
    }

    /// Reads a run of ASCII letters, lowercased.
    mutating func word() -> String {
        var out: [UInt8] = []
        while let b = peek, DateScanner.isLetter(b) {
            out.append(b | 0x20)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads a numeric offset after its sign: `hhmm`, `hh:mm`, `hh`, or the sloppy `h`,
    /// `h:mm` and `hmm`; seconds east of UTC.
    mutating func offset(sign: Int) -> Int? {
        guard let h = digits(1...4) else { return nil }
        var hours = h.value, minutes = 0
        if h.length >= 3 {
            hours = h.value / 100
            minutes = h.value % 100
        } else if take(0x3A) {
            guard let m = digits(2...2) else { return nil }
            minutes = m.value
        }
        guard hours <= 23, minutes <= 59 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// `am`, `pm`, `a.m.` or `p.m.` (any case); nil, with nothing consumed, otherwise.
    mutating func meridiem() -> Meridiem? {
        let save = i
        guard let first = peek.map({ $0 | 0x20 }), first == 0x61 || first == 0x70 else { return nil }
        i += 1
        _ = take(0x2E)
        guard let m = peek, m | 0x20 == 0x6D else { i = save; return nil }
        i += 1
        _ = take(0x2E)
        if let b = peek, DateScanner.isLetter(b) { i = save; return nil }
        return first == 0x61 ? .am : .pm
    }

    /// Morning or afternoon, for 12-hour clocks.
    enum Meridiem { case am, pm }

    /// Reads a parenthesized comment (`(EAT)`), returning its letters lowercased.
    mutating func comment() -> String {
        guard take(UInt8(ascii: "(")) else { return "" }
        var out: [UInt8] = []
        while let b = peek, b != UInt8(ascii: ")") {
            if DateScanner.isLetter(b) { out.append(b | 0x20) }
            i += 1
        }
        _ = take(UInt8(ascii: ")"))
        return String(decoding: out, as: UTF8.self)
    }
}
