import Foundation
import Testing
import VigilCore
import VigilIO

/// Reading artifacts line by line: every line, its number and byte offset, whatever the
/// line lengths (records can be far longer than the read size).
struct LineReaderTests {
    @Test(arguments: [false, true])
    func readsEveryLineWithItsOffset(finalNewline: Bool) throws {
        let long = String(repeating: "x", count: 700_000)
        let lines = ["first", "", long, "a", long + "y", "last"]
        var text = lines.joined(separator: "\n")
        if finalNewline { text += "\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("linereader-\(UUID().uuidString)").path
        try AtomicFile.write(Array(text.utf8), to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let reader = try LineReader(path: path, stage: .normalize)
        var got: [(String, Int, Int)] = []
        while let line = reader.next() { got.append((String(decoding: line, as: UTF8.self), reader.lineNumber, reader.lineOffset)) }
        var expected: [(String, Int, Int)] = []
        var offset = 0
        for (i, l) in lines.enumerated() {
            if !l.isEmpty { expected.append((l, i + 1, offset)) }  // empty lines are skipped
            offset += l.utf8.count + 1
        }
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
        #expect(got.map(\.2) == expected.map(\.2))
    }
}
