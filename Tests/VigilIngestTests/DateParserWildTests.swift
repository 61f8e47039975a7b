import Testing
@testable import VigilIngest

/// Real-world date strings, as feeds write them, with the exact UTC instant each denotes
/// (or nil when Vigil must refuse it). See `DateParser` for the rules, in particular the
/// military letters (read as UTC, per RFC 1123) and the refusal of ambiguous forms.
@Suite struct DateParserWildTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let id: String
        let input: String
        let expected: String?
        init(_ id: String, _ input: String, _ expected: String?) {
            self.id = id
            self.input = input
            self.expected = expected
        }
        var testDescription: String { id }
    }

    static let rows: [Row] = [
        Row("rfc1123 +0000", "Mon, 29 Dec 2025 18:00:00 +0000", "2025-12-29T18:00:00Z"),
        Row("rfc1123 -0000 (unknown local zone)", "Mon, 29 Dec 2025 18:00:00 -0000", "2025-12-29T18:00:00Z"),
        Row("rfc1123 -0500", "Mon, 29 Dec 2025 18:00:00 -0500", "2025-12-29T23:00:00Z"),
        Row("India +0530", "Mon, 29 Dec 2025 18:00:00 +0530", "2025-12-29T12:30:00Z"),
        Row("sloppy +05:30", "Mon, 29 Dec 2025 18:00:00 +05:30", "2025-12-29T12:30:00Z"),
        Row("Nepal +0545", "Mon, 29 Dec 2025 18:00:00 +0545", "2025-12-29T12:15:00Z"),
        Row("Newfoundland -0330", "Mon, 29 Dec 2025 18:00:00 -0330", "2025-12-29T21:30:00Z"),
        Row("no weekday +0100", "29 Dec 2025 18:00:00 +0100", "2025-12-29T17:00:00Z"),
        Row("no seconds", "Mon, 29 Dec 2025 18:00 +0300", "2025-12-29T15:00:00Z"),
        Row("2-digit year", "Mon, 29 Dec 25 18:00:00 +0300", "2025-12-29T15:00:00Z"),
        Row("UTC", "Mon, 29 Dec 2025 18:00:00 UTC", "2025-12-29T18:00:00Z"),
        Row("UT", "Mon, 29 Dec 2025 18:00:00 UT", "2025-12-29T18:00:00Z"),
        Row("Z", "Mon, 29 Dec 2025 18:00:00 Z", "2025-12-29T18:00:00Z"),
        Row("AST", "Mon, 29 Dec 2025 18:00:00 AST", "2025-12-29T22:00:00Z"),
        Row("ADT", "Mon, 29 Dec 2025 18:00:00 ADT", "2025-12-29T21:00:00Z"),
        Row("AKST", "Mon, 29 Dec 2025 18:00:00 AKST", "2025-12-30T03:00:00Z"),
        Row("AKDT", "Mon, 29 Dec 2025 18:00:00 AKDT", "2025-12-30T02:00:00Z"),
        Row("HST", "Mon, 29 Dec 2025 18:00:00 HST", "2025-12-30T04:00:00Z"),
        Row("NST", "Mon, 29 Dec 2025 18:00:00 NST", "2025-12-29T21:30:00Z"),
        Row("CET", "Mon, 29 Dec 2025 18:00:00 CET", "2025-12-29T17:00:00Z"),
        Row("CEST", "Mon, 29 Dec 2025 18:00:00 CEST", "2025-12-29T16:00:00Z"),
        Row("BST", "Mon, 29 Dec 2025 18:00:00 BST", "2025-12-29T17:00:00Z"),
        Row("WAT", "Mon, 29 Dec 2025 18:00:00 WAT", "2025-12-29T17:00:00Z"),
        Row("CAT", "Mon, 29 Dec 2025 18:00:00 CAT", "2025-12-29T16:00:00Z"),
        Row("SAST", "Mon, 29 Dec 2025 18:00:00 SAST", "2025-12-29T16:00:00Z"),
        Row("JST", "Mon, 29 Dec 2025 18:00:00 JST", "2025-12-29T09:00:00Z"),
        Row("AEDT", "Mon, 29 Dec 2025 18:00:00 AEDT", "2025-12-29T07:00:00Z"),
        Row("PDT in winter, as written", "Fri, 02 Jan 2026 07:00:00 PDT", "2026-01-02T14:00:00Z"),
        Row("CDT", "Sun, 1 Feb 2026 7:00:00 CDT", "2026-02-01T12:00:00Z"),
        Row("military A reads as UTC (RFC 1123)", "Mon, 29 Dec 2025 18:00:00 A", "2025-12-29T18:00:00Z"),
        Row("military N reads as UTC", "Mon, 29 Dec 2025 18:00:00 N", "2025-12-29T18:00:00Z"),
        Row("military Y reads as UTC", "Mon, 29 Dec 2025 18:00:00 Y", "2025-12-29T18:00:00Z"),
        Row("military J is not a zone", "Mon, 29 Dec 2025 18:00:00 J", nil),
        Row("RFC 850", "Monday, 29-Dec-25 18:00:00 GMT", "2025-12-29T18:00:00Z"),
        Row("RFC 850 EST", "Tuesday, 30-Dec-25 06:15:00 EST", "2025-12-30T11:15:00Z"),
        Row("asctime", "Mon Dec 29 18:00:00 2025", "2025-12-29T18:00:00Z"),
        Row("asctime padded day", "Thu Jan  1 00:00:00 2026", "2026-01-01T00:00:00Z"),
        Row("date(1) output", "Mon Dec 29 18:00:00 UTC 2025", "2025-12-29T18:00:00Z"),
        Row("date(1) output EAT", "Mon Dec 29 18:00:00 EAT 2025", "2025-12-29T15:00:00Z"),
        Row("rfc3339 fraction and offset", "2025-12-29T18:00:00.5+03:00", "2025-12-29T15:00:00Z"),
        Row("rfc3339 comma fraction", "2025-12-29T18:00:00,250Z", "2025-12-29T18:00:00Z"),
        Row("rfc3339 lowercase t z", "2025-12-29t18:00:00z", "2025-12-29T18:00:00Z"),
        Row("w3cdtf minutes and offset", "2025-12-29T18:00+03:00", "2025-12-29T15:00:00Z"),
        Row("offset hours only", "2025-12-29T18:00:00+03", "2025-12-29T15:00:00Z"),
        Row("negative half-hour offset", "2025-12-29T18:00:00-03:30", "2025-12-29T21:30:00Z"),
        Row("space separator, compact offset", "2025-12-29 18:00:00 +0300", "2025-12-29T15:00:00Z"),
        Row("space separator, UTC name", "2025-12-29 18:00:00 UTC", "2025-12-29T18:00:00Z"),
        Row("space separator, no seconds", "2025-12-29 18:00", "2025-12-29T18:00:00Z"),
        Row("T, no seconds, no zone", "2025-12-29T18:00", "2025-12-29T18:00:00Z"),
        Row("slashes", "2025/12/29 18:00", "2025-12-29T18:00:00Z"),
        Row("slashes, date only", "2025/12/29", "2025-12-29T00:00:00Z"),
        Row("single-digit month, day, hour", "2025-1-5 7:05", "2025-01-05T07:05:00Z"),
        Row("single-digit hour after T", "2025-12-29T8:00:00Z", "2025-12-29T08:00:00Z"),
        Row("year-month refused", "2025-12", nil),
        Row("US numeric refused as ambiguous", "12/29/2025", nil),
        Row("lowercase", "mon, 29 dec 2025 18:00:00 gmt", "2025-12-29T18:00:00Z"),
        Row("uppercase", "MON, 29 DEC 2025 18:00:00 GMT", "2025-12-29T18:00:00Z"),
        Row("full names, month first, pm", "Monday, December 29, 2025 6:00 PM", "2025-12-29T18:00:00Z"),
        Row("month first, date only", "December 29, 2025", "2025-12-29T00:00:00Z"),
        Row("month first with zone", "Dec 29, 2025 18:00:00 EST", "2025-12-29T23:00:00Z"),
        Row("month first, pm and zone", "December 29, 2025 6:00 PM EST", "2025-12-29T23:00:00Z"),
        Row("missing comma", "Mon 29 Dec 2025 18:00:00 GMT", "2025-12-29T18:00:00Z"),
        Row("extra spaces", "Mon,  29  Dec  2025   18:00:00   GMT", "2025-12-29T18:00:00Z"),
        Row("Sept", "Tue, 30 Sept 2025 09:00:00 +0300", "2025-09-30T06:00:00Z"),
        Row("Tues", "Tues, 30 Sep 2025 09:00:00 +0300", "2025-09-30T06:00:00Z"),
        Row("Thurs, single-digit hour", "Thurs, 1 Jan 2026 9:05:00 +0100", "2026-01-01T08:05:00Z"),
        Row("offset then comment", "Wed, 31 Dec 2025 23:30:00 +0300 (EAT)", "2025-12-31T20:30:00Z"),
        Row("comment as the only zone", "Wed, 31 Dec 2025 23:30:00 (EAT)", "2025-12-31T20:30:00Z"),
        Row("long comment ignored", "Mon, 29 Dec 2025 18:00:00 +0300 (East Africa Time)", "2025-12-29T15:00:00Z"),
        Row("GMT+3", "Wed, 31 Dec 2025 23:30:00 GMT+3", "2025-12-31T20:30:00Z"),
        Row("GMT+03:00", "Wed, 31 Dec 2025 23:30:00 GMT+03:00", "2025-12-31T20:30:00Z"),
        Row("UTC-05:00", "Wed, 31 Dec 2025 23:30:00 UTC-05:00", "2026-01-01T04:30:00Z"),
        Row("one-digit offset", "Wed, 31 Dec 2025 23:30:00 +3", "2025-12-31T20:30:00Z"),
        Row("zone glued to time", "Wed, 31 Dec 2025 23:30:00+0300", "2025-12-31T20:30:00Z"),
        Row("full month, lowercase pm", "Wed, 31 December 2025 11:30:00 pm +0300", "2025-12-31T20:30:00Z"),
        Row("Dec. and 12 AM", "31 Dec. 2025 12:00 AM GMT", "2025-12-31T00:00:00Z"),
        Row("12 PM is noon", "Mon, 29 Dec 2025 12:00 PM GMT", "2025-12-29T12:00:00Z"),
        Row("date only, no weekday", "1 Jan 2026", "2026-01-01T00:00:00Z"),
        Row("fraction in a textual date", "Mon, 29 Dec 2025 18:00:00.123 GMT", "2025-12-29T18:00:00Z"),
        Row("leap second read as :59", "Wed, 31 Dec 2025 23:59:60 GMT", "2025-12-31T23:59:59Z"),
        Row("year 2000", "Sat, 01 Jan 2000 00:00:00 GMT", "2000-01-01T00:00:00Z"),
        Row("2-digit year 99", "Fri, 31 Dec 99 23:59:59 GMT", "1999-12-31T23:59:59Z"),
        Row("ambiguous IST refused", "Mon, 29 Dec 2025 18:00:00 IST", nil),
        Row("trailing word refused", "Mon, 29 Dec 2025 18:00:00 +0300 yesterday", nil),
        Row("year alone refused", "2025", nil),
        Row("13 PM refused", "Mon, 29 Dec 2025 13:00 PM GMT", nil),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) {
        #expect(DateParser.parse(row.input)?.rfc3339 == row.expected, "\(row.input)")
    }

    @Test func hasAtLeastSixtyRealWorldRows() {
        #expect(Self.rows.count >= 60)
        #expect(Self.rows.filter { $0.expected != nil }.count >= 60)
    }
}
