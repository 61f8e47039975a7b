/// An ISO-8601 week: weeks start on Monday, and week 1 is the one holding the year's
/// first Thursday, so 2025-12-29 (a Monday) is in `2026-W01`.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The ISO week-numbering year (can differ from the calendar year near January 1).
    public var year: Int
    public var week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// The week of a local calendar day, given as days since 1970-01-01.
    public init(localDay: Int64) {
        // 1970-01-01 was a Thursday; weekday 1 = Monday … 7 = Sunday.
        let weekday = Int(((localDay + 3) % 7 + 7) % 7) + 1
        let thursday = localDay - Int64(weekday) + 4
        let (y, _, _) = Timestamp.civil(fromDays: thursday)
        let jan1 = Timestamp.daysFromCivil(y, 1, 1)
        year = y
        week = Int((thursday - jan1) / 7) + 1
    }

    /// Parses `YYYY-Www`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-W")
        guard parts.count == 2, let y = Int(parts[0]), let w = Int(parts[1]), (1...53).contains(w), parts[1].count == 2 else { return nil }
        year = y
        week = w
    }

    /// Monday of this week, as days since 1970-01-01.
    public var monday: Int64 {
        let jan4 = Timestamp.daysFromCivil(year, 1, 4)
        let jan4Weekday = Int64(((jan4 + 3) % 7 + 7) % 7)  // 0 = Monday
        return jan4 - jan4Weekday + Int64(week - 1) * 7
    }

    /// The week `n` weeks later (earlier when negative).
    public func adding(weeks n: Int) -> ISOWeek { ISOWeek(localDay: monday + Int64(n) * 7) }

    /// `YYYY-Www`, e.g. `2026-W01`.
    public var description: String { "\(pad(year, 4))-W\(pad(week, 2))" }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }
}
