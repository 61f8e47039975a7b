import Testing
@testable import VigilIngest

@Suite struct DateParserTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let id: String
        let input: String
        let expected: String?
        var testDescription: String { id }
    }

    static let rows: [Row] = [
        Row(id: "rfc822 offset", input: "Mon, 29 Dec 2025 18:00:00 +0300", expected: "2025-12-29T15:00:00Z"),
        Row(id: "rfc822 GMT", input: "Mon, 29 Dec 2025 18:00:00 GMT", expected: "2025-12-29T18:00:00Z"),
        Row(id: "no weekday, UT", input: "29 Dec 2025 18:00:00 UT", expected: "2025-12-29T18:00:00Z"),
        Row(id: "2-digit year, no seconds, Z", input: "Mon, 29 Dec 25 18:00 Z", expected: "2025-12-29T18:00:00Z"),
        Row(id: "year boundary forwards", input: "Wed, 31 Dec 2025 23:30:00 -0500", expected: "2026-01-01T04:30:00Z"),
        Row(id: "year boundary backwards", input: "Thu, 01 Jan 2026 01:00:00 +0200", expected: "2025-12-31T23:00:00Z"),
        Row(id: "EST", input: "Tue, 30 Dec 2025 10:00:00 EST", expected: "2025-12-30T15:00:00Z"),
        Row(id: "EDT", input: "Tue, 30 Dec 2025 10:00:00 EDT", expected: "2025-12-30T14:00:00Z"),
        Row(id: "CST", input: "Tue, 30 Dec 2025 10:00:00 CST", expected: "2025-12-30T16:00:00Z"),
        Row(id: "CDT", input: "Tue, 30 Dec 2025 10:00:00 CDT", expected: "2025-12-30T15:00:00Z"),
        Row(id: "MST", input: "Tue, 30 Dec 2025 10:00:00 MST", expected: "2025-12-30T17:00:00Z"),
        Row(id: "MDT", input: "Tue, 30 Dec 2025 10:00:00 MDT", expected: "2025-12-30T16:00:00Z"),
        Row(id: "PST", input: "Tue, 30 Dec 2025 10:00:00 PST", expected: "2025-12-30T18:00:00Z"),
        Row(id: "PDT", input: "Tue, 30 Dec 2025 10:00:00 PDT", expected: "2025-12-30T17:00:00Z"),
        Row(id: "EAT", input: "Tue, 30 Dec 2025 10:00:00 EAT", expected: "2025-12-30T07:00:00Z"),
        Row(id: "full names, colon offset", input: "Monday, 29 December 2025 18:00:00 +03:00", expected: "2025-12-29T15:00:00Z"),
        Row(id: "lowercase month, single-digit day", input: "5 jan 2026 7:05:09 +0000", expected: "2026-01-05T07:05:09Z"),
        Row(id: "no zone means UTC", input: "Mon, 29 Dec 2025 18:00:00", expected: "2025-12-29T18:00:00Z"),
        Row(id: "2-digit year 99", input: "1 Jan 99 00:00:00 GMT", expected: "1999-01-01T00:00:00Z"),
        Row(id: "leap day", input: "Thu, 29 Feb 2024 12:00:00 +0000", expected: "2024-02-29T12:00:00Z"),
        Row(id: "rfc3339 Z", input: "2025-12-29T18:00:00Z", expected: "2025-12-29T18:00:00Z"),
        Row(id: "rfc3339 fraction", input: "2025-12-29T18:00:00.123456Z", expected: "2025-12-29T18:00:00Z"),
        Row(id: "rfc3339 offset", input: "2025-12-29T21:00:00+03:00", expected: "2025-12-29T18:00:00Z"),
        Row(id: "rfc3339 year boundary", input: "2025-12-31T23:30:00-05:00", expected: "2026-01-01T04:30:00Z"),
        Row(id: "rfc3339 no seconds", input: "2025-12-29T18:00Z", expected: "2025-12-29T18:00:00Z"),
        Row(id: "rfc3339 compact offset", input: "2025-12-29T18:00:00+0300", expected: "2025-12-29T15:00:00Z"),
        Row(id: "rfc3339 space, no zone", input: "2025-12-29 18:00:00", expected: "2025-12-29T18:00:00Z"),
        Row(id: "date only", input: "2025-12-29", expected: "2025-12-29T00:00:00Z"),
        Row(id: "surrounding whitespace", input: "  2025-12-29T18:00:00Z \n", expected: "2025-12-29T18:00:00Z"),
        Row(id: "no space after comma", input: "Mon,29 Dec 2025 18:00:00 GMT", expected: "2025-12-29T18:00:00Z"),
        Row(id: "leading spaces before a short number", input: "         1", expected: nil),
        Row(id: "weekday glued to day", input: "Mon29 Dec 2025 18:00:00 GMT", expected: nil),
        Row(id: "junk words", input: "next tuesday", expected: nil),
        Row(id: "month 13 day 45", input: "2025-13-45", expected: nil),
        Row(id: "empty", input: "", expected: nil),
        Row(id: "day 32", input: "Mon, 32 Dec 2025 10:00:00 GMT", expected: nil),
        Row(id: "Feb 29 in a common year", input: "29 Feb 2025 12:00:00 GMT", expected: nil),
        Row(id: "unknown month", input: "Mon, 29 Foo 2025 10:00:00 GMT", expected: nil),
        Row(id: "hour 25", input: "Mon, 29 Dec 2025 25:00:00 GMT", expected: nil),
        Row(id: "unknown zone name", input: "Mon, 29 Dec 2025 18:00:00 XYZ", expected: nil),
        Row(id: "offset hour 24", input: "2025-12-29T18:00:00+24:00", expected: nil),
        Row(id: "trailing junk", input: "2025-12-29T18:00:00Z yesterday", expected: nil),
        Row(id: "3-digit year", input: "29 Dec 025 18:00:00 GMT", expected: nil),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) {
        #expect(DateParser.parse(row.input)?.rfc3339 == row.expected)
    }

    /// Absolute epoch seconds: nothing here can depend on the machine's zone or locale.
    /// (The test does not change `TZ`: all test targets share one process.)
    @Test func givesAbsoluteInstants() {
        #expect(DateParser.parse("Wed, 31 Dec 2025 23:30:00 -0500")?.seconds == 1_767_241_800)
        #expect(DateParser.parse("2025-12-29")?.seconds == 1_766_966_400)
        #expect(DateParser.parse("Thu, 01 Jan 1970 00:00:00 GMT")?.seconds == 0)
    }
}
