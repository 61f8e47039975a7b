extension Tokenizer {
    /// Recognizers for the markup and annotations that are not words.
    enum Markup {
        /// `<v Host>`, `</i>`, `<00:01.000>`, `<c.yellow>`: a `<` followed by a letter, digit,
        /// `/` or `!`, closed by `>` on the same line within 256 bytes. `a < b` is not a tag.
        static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
            guard i + 2 < b.count else { return nil }
            let c = b[i + 1]
            guard isASCIIAlnum(c) || c == 0x2F || c == 0x21 else { return nil }
            return closer(b, i, 0x3E, limit: 256, forbidden: 0x3C)
        }

        /// `[music]`, `[inaudible 00:12:31]`: any bracketed note on one line.
        static func bracketEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
            closer(b, i, 0x5D, limit: 160, forbidden: 0x5B)
        }

        /// Parenthesized notes that speech-to-text writes for non-speech sounds, e.g.
        /// `(laughs)`, `(Applause)`, `(inaudible)`. Other parentheses are speech and stay.
        static func annotationEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
            guard let j = closer(b, i, 0x29, limit: 40, forbidden: 0x28) else { return nil }
            var word: [UInt8] = []
            for k in (i + 1)..<(j - 1) {
                let c = b[k]
                if c >= 0x41 && c <= 0x5A { word.append(c | 0x20) } else if c >= 0x61 && c <= 0x7A || c == 0x20 { word.append(c) } else { return nil }
            }
            let note = String(decoding: word, as: UTF8.self)
            if nonSpeech.contains(note) { return j }
            for prefix in ["inaudible", "music", "laugh", "applause", "crosstalk"] where note.hasPrefix(prefix) { return j }
            return nil
        }

        static let nonSpeech: Set<String> = [
            "laughs", "laughter", "laughing", "applause", "music", "inaudible", "crosstalk", "silence",
            "coughs", "cough", "coughing", "static", "noise", "background noise", "cheering", "cheers",
            "sighs", "sigh", "indistinct", "unintelligible", "phone rings", "beep", "beeps", "clapping",
            "singing", "pause", "break", "jingle", "music playing", "upbeat music", "no audio",
        ]

        /// `&amp;`, `&nbsp;`, `&eacute;`, `&#233;`, `&#xE9;`: returns the scalar and the end.
        static func entity(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int)? {
            guard let j = closer(b, i, 0x3B, limit: 12, forbidden: 0x26), j - i >= 4 else { return nil }
            let body = Array(b[(i + 1)..<(j - 1)])
            if body.first == 0x23 {
                let hex = body.count > 1 && (body[1] | 0x20) == 0x78
                let digits = String(decoding: body.dropFirst(hex ? 2 : 1), as: UTF8.self)
                guard let v = UInt32(digits, radix: hex ? 16 : 10), let s = Unicode.Scalar(v) else { return nil }
                return (s, j)
            }
            guard let s = named[String(decoding: body, as: UTF8.self)] else { return nil }
            return (s, j)
        }

        /// The HTML entities that turn up in feeds and captions (letters common in names
        /// included so that `Jos&eacute;` stays one word).
        static let named: [String: Unicode.Scalar] = {
            var m: [String: Unicode.Scalar] = [
                "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
                "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "rsquo": "\u{2019}",
                "lsquo": "\u{2018}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "szlig": "\u{DF}",
                "copy": "\u{A9}", "reg": "\u{AE}", "deg": "\u{B0}", "euro": "\u{20AC}", "pound": "\u{A3}",
            ]
            let accents: [(String, [(String, UInt32)])] = [
                ("acute", [("a", 0xE1), ("e", 0xE9), ("i", 0xED), ("o", 0xF3), ("u", 0xFA), ("y", 0xFD)]),
                ("grave", [("a", 0xE0), ("e", 0xE8), ("i", 0xEC), ("o", 0xF2), ("u", 0xF9)]),
                ("circ", [("a", 0xE2), ("e", 0xEA), ("i", 0xEE), ("o", 0xF4), ("u", 0xFB)]),
                ("uml", [("a", 0xE4), ("e", 0xEB), ("i", 0xEF), ("o", 0xF6), ("u", 0xFC), ("y", 0xFF)]),
                ("tilde", [("a", 0xE3), ("n", 0xF1), ("o", 0xF5)]),
                ("cedil", [("c", 0xE7)]),
            ]
            for (suffix, letters) in accents {
                for (letter, v) in letters {
                    m[letter + suffix] = Unicode.Scalar(v)!
                    m[letter.uppercased() + suffix] = Unicode.Scalar(v - 0x20)!
                }
            }
            return m
        }()

        /// Index after the first `close` following `i` on the same line, within `limit`
        /// bytes and with no `forbidden` byte (a second opener) on the way.
        private static func closer(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ close: UInt8, limit: Int, forbidden: UInt8) -> Int? {
            var k = i + 1
            let stop = min(b.count, i + limit)
            while k < stop {
                let c = b[k]
                if c == close { return k + 1 }
                if c == 0x0A || c == 0x0D || c == forbidden { return nil }
                k += 1
            }
            return nil
        }

        @inline(__always)
        static func isASCIIAlnum(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
        }
    }
}
