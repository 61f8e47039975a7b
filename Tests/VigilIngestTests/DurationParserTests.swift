import Testing
@testable import VigilIngest

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("3600", 3600.0), ("1:02:03", 3723.0), ("62:03", 3723.0), ("00:45", 45.0), ("90.5", 90.5),
        ("1:00:00.5", 3600.5),
    ] as [(String, Double)])
    func reads(_ text: String, _ seconds: Double) {
        #expect(DurationParser.parse(text) == seconds)
    }

    @Test(arguments: ["", "soon", "1:2:3:4", "-5", "1::2", "1:xx", "1.5:00"])
    func rejects(_ text: String) {
        #expect(DurationParser.parse(text) == nil)
    }
}
