/// Reads a subtitle timing line: `00:01:02.500 --> 00:01:05.000 align:start position:10%`.
///
/// Why: WebVTT and SRT share the shape; real files mix `.` and `,` as the decimal mark and
/// drop the hours, so one tolerant reader serves both. Minutes and seconds must be 00–59,
/// so `00:61:00.000` is rejected; cue settings after the end time are ignored. A valid
/// timestamp is ASCII only, so any other byte in one rejects the line.
///
/// ```swift
/// CueTiming.parse(t, line)   // "00:00:01,000 --> 00:00:04,000" → (1.0, 4.0)
/// CueTiming.timestamp(t, r)  // "1:02.5" → 62.5
/// ```
enum CueTiming {
    /// Start and end in seconds, or nil when `line` of `t` is not a valid timing line.
    static func parse(_ t: TextBytes, _ line: Range<Int>) -> (start: Double, end: Double)? {
        guard let arrow = t.arrow(in: line) else { return nil }
        let end = line.upperBound
        var i = arrow + 3
        while i < end, t[i] == 0x20 || t[i] == 0x09 { i += 1 }
        var e = i
        while e < end, t[e] != 0x20, t[e] != 0x09 { e += 1 }
        // A space carrying a combining mark does not end the end time (the mark then makes it invalid).
        if e < end, t[e] == 0x20, !t.isLoneASCII(at: e, from: i, to: end) { return nil }
        guard let start = timestamp(t, t.trimmedBlanks(line.lowerBound..<arrow)), let stop = timestamp(t, i..<e) else { return nil }
        return (start, stop)
    }

    /// `[hh:]mm:ss[.fff]` (or `,fff`) in seconds.
    static func timestamp(_ t: TextBytes, _ text: Range<Int>) -> Double? {
        var colons = 0
        var first = 0
        var second = 0
        for i in text {
            let b = t[i]
            if b >= 0x80 { return nil }
            if b == 0x3A {
                colons += 1
                if colons == 1 { first = i } else if colons == 2 { second = i } else { return nil }
            }
        }
        guard colons > 0 else { return nil }
        let hoursPart = colons == 2 ? text.lowerBound..<first : nil
        let minutesPart = colons == 2 ? (first + 1)..<second : text.lowerBound..<first
        var secondsPart = ((colons == 2 ? second : first) + 1)..<text.upperBound
        var fraction = 0.0
        if let mark = secondsPart.first(where: { t[$0] == 0x2E || t[$0] == 0x2C }) {
            let digits = (mark + 1)..<secondsPart.upperBound
            guard (1...9).contains(digits.count), let value = number(t, digits) else { return nil }
            fraction = Double(value) / pow10(digits.count)
            secondsPart = secondsPart.lowerBound..<mark
        }
        guard secondsPart.count == 2, let seconds = number(t, secondsPart), seconds < 60,
              (1...2).contains(minutesPart.count), let minutes = number(t, minutesPart),
              minutes < 60 else { return nil }
        var hours = 0
        if let hoursPart {
            guard (1...4).contains(hoursPart.count), let h = number(t, hoursPart) else { return nil }
            hours = h
        }
        return Double(hours * 3600 + minutes * 60 + seconds) + fraction
    }

    /// The decimal value of `r` (at most 9 digits here), or nil unless it is all digits.
    private static func number(_ t: TextBytes, _ r: Range<Int>) -> Int? {
        guard !r.isEmpty else { return nil }
        var value = 0
        for i in r {
            let d = t[i] &- 0x30
            guard d <= 9 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    private static func pow10(_ n: Int) -> Double {
        var v = 1.0
        for _ in 0..<n { v *= 10 }
        return v
    }
}
