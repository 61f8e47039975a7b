import Testing
@testable import VigilIngest

@Suite struct CueTimingTests {
    @Test(arguments: [
        ("00:01:02.500 --> 00:01:05.000 align:start position:10%", 62.5, 65.0),
        ("00:00:01,000 --> 00:00:04,000", 1.0, 4.0),
        ("01:02.5-->01:03.25", 62.5, 63.25),
        ("  1:00:00.000   -->   1:00:01.000  ", 3600.0, 3601.0),
        ("100:00:00.000 --> 100:00:01.000", 360_000.0, 360_001.0),
        ("00:00:05 --> 00:00:06", 5.0, 6.0),
    ] as [(String, Double, Double)])
    func reads(_ line: String, _ start: Double, _ end: Double) throws {
        let t = try #require(CueTiming.parse(line[...]))
        #expect(t.start == start && t.end == end)
    }

    @Test(arguments: ["00:61:00.000 --> xx", "00:00:60.000 --> 00:01:00.000", "00:01.000", "a --> b",
                      "00:01.000 --> ", "1.000 --> 2.000", "00:01.0000000000 --> 00:02.000"])
    func rejects(_ line: String) {
        #expect(CueTiming.parse(line[...]) == nil)
    }
}
