import Testing
import VigilIO

struct CSVTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("", ""),
    ])
    func escapesCells(_ input: String, _ expected: String) {
        #expect(CSVWriter.escape(input) == expected)
    }

    @Test(arguments: ["=1+1", "'=1+1", "''@x", "'plain", "plain", "-3", "'", "", "+"])
    func escapingRoundTrips(_ value: String) {
        let back = CSVReader(bytes: Array(("h\n" + CSVWriter.escape(value) + "\n").utf8)).rows.first?.fields.first ?? ""
        #expect(CSVWriter.unescape(back) == value)
    }

    @Test func numbersAreNotEscaped() {
        var w = CSVWriter(header: ["n", "x", "t"])
        w.append(row: [.int(-3), .number(-0.25), .text("-0.25")])
        #expect(String(decoding: w.bytes, as: UTF8.self) == "n,x,t\n-3,-0.25,'-0.25\n")
    }

    @Test(arguments: [(1.0, "1"), (0.5, "0.5"), (2.0 / 3.0, "0.6667"), (1234567.0, "1234567"), (0.00001, "0"), (-1.5, "-1.5")])
    func formatsNumbers(_ v: Double, _ s: String) {
        #expect(CSVWriter.format(v) == s)
    }

    @Test func readsRFC4180() {
        let text = "\u{FEFF}a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n2,\"multi\nline\",\r\n"
        let csv = CSVReader(bytes: Array(text.utf8))
        #expect(csv.header == ["a", "b", "c"])
        #expect(csv.rows.count == 2)
        #expect(csv.rows[0].fields == ["1", "x,y", "say \"hi\""])
        #expect(csv.rows[1].fields == ["2", "multi\nline", ""])
        #expect(csv.rows[0].line == 2)
        #expect(csv.rows[1].line == 3)
    }

    @Test func roundTripsThroughWriter() {
        var w = CSVWriter(header: ["t"])
        let values = ["a,b", "q\"q", "line\nbreak", "=1+1", "ok"]
        for v in values { w.append(row: [.text(v)]) }
        let back = CSVReader(bytes: w.bytes).rows.map { $0.fields[0] }
        #expect(back == ["a,b", "q\"q", "line\nbreak", "'=1+1", "ok"])
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // Fed in uneven pieces (across block boundaries, and not contiguous) it gives the same digest.
        for piece in [1, 7, 55, 56, 63, 64, 65, 200] {
            var s = SHA256()
            var i = 0
            while i < long.count {
                s.update(long[i..<min(i + piece, long.count)])
                i += piece
            }
            #expect(s.finalize() == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        }
        var lazy = SHA256()
        lazy.update(long.lazy.map { $0 })
        #expect(lazy.finalize() == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // Whole blocks go through the CPU's SHA instructions when it has them, bytes fed one
        // at a time through the portable code: both agree on data of every length class.
        var rng = SplitMix(seed: 7)
        for length in [64, 65, 127, 128, 1000, 4096, 10_007] {
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var slow = SHA256()
            for b in data { slow.update(CollectionOfOne(b)) }
            #expect(SHA256.hex(data) == slow.finalize(), "length \(length)")
        }
        // 55 and 56 bytes: the padding spills into a second block exactly at 56.
        #expect(SHA256.hex(Array(repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex(Array(repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    @Test func jsonValueIsOrderedAndEscaped() {
        let v: JSONValue = .object([("b", .int(1)), ("a", .string("x\"\n")), ("n", .null), ("d", .number(0.5))])
        #expect(v.serialized() == "{\"b\":1,\"a\":\"x\\\"\\n\",\"n\":null,\"d\":0.5}")
    }
}

/// A tiny deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
