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

    /// Decimals read on the fast path give the very Double `strtod` gives.
    @Test func decimalsEqualStrtod() throws {
        var rng = SplitMix(seed: 20261128)
        var texts = ["0.1", "-0.0", "5.91", "0.722", "1283.31", "999999999999.999", "123456789012.345", "0.000000000000001",
                     "1.5", "10.10", "-3.25", "0.30000000000000004", "1234567890123456.7", "1e3", "2.5E-3"]
        for _ in 0..<20_000 {
            let intDigits = Int(rng.next() % 9), fracDigits = 1 + Int(rng.next() % 8)
            var t = rng.next() % 2 == 0 ? "-" : ""
            t += intDigits == 0 ? "0" : String(1 + rng.next() % 9) + (0..<(intDigits - 1)).map { _ in String(rng.next() % 10) }.joined()
            t += "." + (0..<fracDigits).map { _ in String(rng.next() % 10) }.joined()
            texts.append(t)
        }
        for t in texts {
            let parsed = try #require(try? FastJSON.parse(Array(t.utf8)))
            #expect(parsed.double?.bitPattern == Double(t)?.bitPattern, "\(t)")
        }
    }

    /// The eight-bytes-at-a-time search finds the same byte as a plain loop, at every offset
    /// and length, for every byte value next to every other.
    @Test func wordAtATimeScanEqualsLoop() {
        var rng = SplitMix(seed: 5)
        let alphabet: [UInt8] = [0x00, 0x09, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x61, 0x7F, 0x80, 0x9F, 0xA2, 0xDC, 0xE2, 0xFF]
        for _ in 0..<20_000 {
            let n = Int(rng.next() % 40)
            let bytes: [UInt8] = (0..<n).map { _ in rng.next() % 4 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : UInt8(0x20 + rng.next() % 0xE0) }
            let from = n == 0 ? 0 : Int(rng.next() % UInt64(n + 1))
            let naive = bytes[from...].firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } ?? n
            #expect(bytes.withUnsafeBufferPointer { ByteScan.firstJSONSpecial($0, from: from) } == naive)
        }
        for v in 0...255 {
            let bytes = [UInt8](repeating: 0x61, count: 11) + [UInt8(v)] + [UInt8](repeating: 0x22, count: 3)
            let naive = bytes.firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
            #expect(bytes.withUnsafeBufferPointer { ByteScan.firstJSONSpecial($0, from: 0) } == naive)
        }
    }

    /// `JSONValue.quote` on bytes writes what the scalar-by-scalar version wrote.
    @Test func quoteEqualsScalarVersion() {
        func reference(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        let pieces = ["a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{8}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "é", "€", "😀", "ሰላም", " ", "/"]
        var rng = SplitMix(seed: 9)
        for _ in 0..<5_000 {
            let s = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            var out = ""
            JSONValue.quote(s, into: &out)
            #expect(out == reference(s), "\(s.debugDescription)")
        }
    }
}
