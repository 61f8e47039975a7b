import Testing
@testable import VigilIngest

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("3600", 3600.0), ("1:02:03", 3723.0), ("62:03", 3723.0), ("00:45", 45.0), ("90.5", 90.5),
        ("1:00:00.5", 3600.5), ("01:02:03.5", 3723.5), ("1h 2m 3s", 3723.0), ("1h02m03s", 3723.0),
        ("45 min", 2700.0), ("90 sec", 90.0), ("1 hour 5 minutes", 3900.0), ("2H", 7200.0), ("PT1H2M3S", 3723.0),
        ("1.5h", 5400.0),
    ] as [(String, Double)])
    func reads(_ text: String, _ seconds: Double) {
        #expect(DurationParser.parse(text) == seconds)
    }

    @Test(arguments: ["", "soon", "1:2:3:4", "-5", "1::2", "1:xx", "1.5:00", "3s 2m", "1h 1h", "5 minutesx", "h", "1 day"])
    func rejects(_ text: String) {
        #expect(DurationParser.parse(text) == nil)
    }
}
