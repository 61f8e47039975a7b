import Testing
import VigilIO

/// FastJSON reads untrusted JSON transcripts: strict, and never a crash.
struct FastJSONTests {
    func parse(_ text: String) -> FastJSON? { try? FastJSON.parse(Array(text.utf8)) }

    @Test func readsValidJSON() {
        let v = parse(#"{"a":[1,-2.5,1e3,0,-0,true,null,"x\"\u00e9\ud83d\ude00"],"a":{"b":"last wins"}}"#)
        #expect(v?["a"]?["b"]?.string == "last wins")
        let first = parse(#"[1,-2.5,1e3,0,123456789012345678901234567890,"x\"\u00e9\ud83d\ude00"]"#)?.array
        let big = Double("123456789012345678901234567890")!  // long integers read as the nearest Double
        #expect(first?.prefix(5).compactMap(\.double) == [1, -2.5, 1000, 0, big])
        #expect(first?.last?.string == "x\"é😀")
    }

    @Test(arguments: ["01", "1.", ".5", "-", "1e", "1e+", "+1", "1.2.3", "0x10", "[1,]", "{\"a\" 1}", "\"tab\there\"", "\"unterminated", "[1] 2"])
    func refusesMalformed(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test func badSurrogatesBecomeReplacementCharacters() {
        #expect(parse(#""\ud800\u0041""#)?.string == "\u{FFFD}A")
        #expect(parse(#""\udc00x""#)?.string == "\u{FFFD}x")
        #expect(parse(#""\ud800""#)?.string == "\u{FFFD}")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(parse(deep) == nil)
        let ok = String(repeating: "[", count: FastJSON.maxDepth) + String(repeating: "]", count: FastJSON.maxDepth)
        #expect(parse(ok) != nil)
        let objects = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect(parse(objects) == nil)
    }

    /// The in-place integer list writes what one `int` per value writes.
    @Test func intListEqualsIntByInt() {
        let lists: [[Int]] = [[], [0], [7, 10, 99, 100, 12345], [999_999_999_999, 1_000_000_000_000, 3], [5, -1, 20], [Int.max, Int.min],
                              Array(0..<300), (0..<200).map { $0 * 7_919_113 }]
        for list in lists {
            var a = JSONByteWriter(), b = JSONByteWriter()
            a.raw("x")
            b.raw("x")
            a.ints(list)
            for (n, v) in list.enumerated() {
                if n > 0 { b.raw(",") }
                b.int(v)
            }
            #expect(a.bytes == b.bytes, "\(list.prefix(5))")
            #expect(String(decoding: a.bytes.dropFirst(), as: UTF8.self) == list.map(String.init).joined(separator: ","))
        }
    }
}
