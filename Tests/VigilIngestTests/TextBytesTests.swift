import Testing
@testable import VigilIngest

/// The Unicode facts the byte parsers rely on, checked against the standard library.
@Suite struct TextBytesTests {
    @Test func whitespaceTableIsTheWhiteSpaceProperty() {
        let wrong = (UInt32(0)...0x10FFFF).filter { v in
            Unicode.Scalar(v).map { TextBytes.isWhitespace(v) != $0.properties.isWhitespace } ?? false
        }
        #expect(wrong.isEmpty, "\(wrong.map { String($0, radix: 16) })")
    }

    /// Nothing below U+0300 joins a neighbour into one character (except CR LF), so the
    /// grapheme checks skip those scalars.
    @Test func scalarsBelowU0300NeverJoin() {
        let joining = (UInt32(0x80)..<0x300).filter { v in
            let s = String(Unicode.Scalar(v)!)
            return ("a" + s).count != 2 || (s + "a").count != 2
        }
        #expect(joining.isEmpty, "\(joining.map { String($0, radix: 16) })")
    }

    @Test func graphemeChecksAgreeWithTheStandardLibrary() {
        #expect(TextBytes.extendsPrevious(0x301) && TextBytes.extendsPrevious(0x200D) && TextBytes.extendsPrevious(0x903))
        #expect(!TextBytes.extendsPrevious(0x600) && !TextBytes.extendsPrevious(0x41) && !TextBytes.extendsPrevious(0x1F1F0))
        #expect(TextBytes.gluesToNext(0x600) && TextBytes.gluesToNext(0x110BD))
        #expect(!TextBytes.gluesToNext(0x301) && !TextBytes.gluesToNext(0x20))
    }

    @Test(arguments: [
        ("  a b\t", "a b"), (" \u{301}a ", " \u{301}a"), ("a\u{600} ", "a\u{600} "), ("\t\u{301}", "\u{301}"), (" \t ", ""),
    ])
    func trimsBlanks(_ text: String, _ expected: String) {
        #expect(Array(text[...].trimmedBlanks().utf8) == Array(expected.utf8))
    }

    @Test(arguments: [
        ("\u{A0} a\n", "a"), (" \u{301}a \u{301}", "a"), ("\u{600} a", "\u{600} a"), ("a\u{600} ", "a\u{600} "), ("a\t\u{301}", "a\t\u{301}"),
        ("\r\n\u{85}\u{2028}a\u{3000}", "a"), ("\u{2003}\u{2003}", ""),
    ])
    func trimsWhitespace(_ text: String, _ expected: String) {
        #expect(Array(text[...].trimmedWhitespace().utf8) == Array(expected.utf8))
    }
}
