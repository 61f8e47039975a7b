import Testing
import VigilCore

struct ISOWeekTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let date: (Int, Int, Int)
        let week: String
        var testDescription: String { "\(date) → \(week)" }
    }

    static let cases: [Case] = [
        Case(date: (2025, 12, 28), week: "2025-W52"),  // Sunday
        Case(date: (2025, 12, 29), week: "2026-W01"),  // Monday: week-year 2026 begins in December
        Case(date: (2026, 1, 1), week: "2026-W01"),
        Case(date: (2026, 1, 4), week: "2026-W01"),
        Case(date: (2026, 1, 5), week: "2026-W02"),
        Case(date: (2021, 1, 3), week: "2020-W53"),  // a 53-week year reaching into January
        Case(date: (2020, 12, 31), week: "2020-W53"),
        Case(date: (2024, 12, 30), week: "2025-W01"),
        Case(date: (2027, 1, 1), week: "2026-W53"),
        Case(date: (2000, 2, 29), week: "2000-W09"),
        Case(date: (1969, 12, 31), week: "1970-W01"),
    ]

    @Test(arguments: cases)
    func weekOfDay(_ c: Case) {
        let day = Timestamp.daysFromCivil(c.date.0, c.date.1, c.date.2)
        #expect(ISOWeek(localDay: day).description == c.week)
    }

    @Test func stationTimeZoneDecidesTheWeek() throws {
        // Sunday 2025-12-28 22:30 UTC is Monday 01:30 in Kampala (UTC+3): next ISO week.
        let instant = try #require(Timestamp(rfc3339: "2025-12-28T22:30:00Z"))
        let kampala = Station(stationID: "k", name: "K", region: "R", feed: "f", timezone: "Africa/Kampala")
        let utc = Station(stationID: "u", name: "U", region: "R", feed: "f", timezone: "UTC")
        let lima = Station(stationID: "l", name: "L", region: "R", feed: "f", timezone: "America/Lima")
        #expect(kampala.isoWeek(of: instant).description == "2026-W01")
        #expect(utc.isoWeek(of: instant).description == "2025-W52")
        // Monday 2025-12-29 03:00 UTC is still Sunday evening in Lima (UTC-5).
        let early = try #require(Timestamp(rfc3339: "2025-12-29T03:00:00Z"))
        #expect(lima.isoWeek(of: early).description == "2025-W52")
        #expect(utc.isoWeek(of: early).description == "2026-W01")
    }

    @Test func parsesAndSteps() throws {
        let w = try #require(ISOWeek("2025-W52"))
        #expect(w.adding(weeks: 1).description == "2026-W01")
        #expect(w.adding(weeks: -52).description == "2024-W52")
        #expect(ISOWeek("2025-W5") == nil)
        #expect(ISOWeek("2025-W54") == nil)
    }

    @Test func rfc3339RoundTrip() throws {
        let t = try #require(Timestamp(year: 2026, month: 1, day: 1, hour: 4, minute: 30, offsetSeconds: 0))
        #expect(t.rfc3339 == "2026-01-01T04:30:00Z")
        #expect(Timestamp(rfc3339: t.rfc3339) == t)
        #expect(Timestamp(year: 2025, month: 2, day: 29) == nil)
        let before = try #require(Timestamp(year: 1969, month: 12, day: 31, hour: 23))
        #expect(before.rfc3339 == "1969-12-31T23:00:00Z")
    }
}
