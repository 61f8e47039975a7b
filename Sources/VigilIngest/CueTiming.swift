/// Reads a subtitle timing line: `00:01:02.500 --> 00:01:05.000 align:start position:10%`.
///
/// Why: WebVTT and SRT share the shape; real files mix `.` and `,` as the decimal mark and
/// drop the hours, so one tolerant reader serves both. Minutes and seconds must be 00–59,
/// so `00:61:00.000` is rejected; cue settings after the end time are ignored.
///
/// ```swift
/// CueTiming.parse("00:00:01,000 --> 00:00:04,000")   // (1.0, 4.0)
/// CueTiming.timestamp("1:02.5")                       // 62.5
/// ```
enum CueTiming {
    /// Start and end in seconds, or nil when the line is not a valid timing line.
    static func parse(_ line: Substring) -> (start: Double, end: Double)? {
        guard let arrow = line.arrowRange() else { return nil }
        let left = line[..<arrow.lowerBound]
        let right = line[arrow.upperBound...].drop { $0 == " " || $0 == "\t" }
        let endText = right.prefix { $0 != " " && $0 != "\t" }
        guard let start = timestamp(left.trimmedBlanks()), let end = timestamp(endText) else { return nil }
        return (start, end)
    }

    /// `[hh:]mm:ss[.fff]` (or `,fff`) in seconds.
    static func timestamp(_ text: Substring) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var secondsPart = parts[parts.count - 1]
        var fraction = 0.0
        if let mark = secondsPart.firstIndex(where: { $0 == "." || $0 == "," }) {
            let digits = secondsPart[secondsPart.index(after: mark)...]
            guard (1...9).contains(digits.count), let value = number(digits) else { return nil }
            fraction = Double(value) / pow10(digits.count)
            secondsPart = secondsPart[..<mark]
        }
        guard secondsPart.count == 2, let seconds = number(secondsPart), seconds < 60,
              (1...2).contains(parts[parts.count - 2].count), let minutes = number(parts[parts.count - 2]),
              minutes < 60 else { return nil }
        var hours = 0
        if parts.count == 3 {
            guard (1...4).contains(parts[0].count), let h = number(parts[0]) else { return nil }
            hours = h
        }
        return Double(hours * 3600 + minutes * 60 + seconds) + fraction
    }

    private static func number(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }

    private static func pow10(_ n: Int) -> Double {
        var v = 1.0
        for _ in 0..<n { v *= 10 }
        return v
    }
}
