import Testing
import VigilCore
@testable import VigilIngest

/// The byte parsers against the String parsers they replaced (`ReferenceSubtitleParsers`):
/// thousands of generated and mutated WebVTT, SRT and plain-text files, and the helpers one
/// by one, must give the same bytes.
///
/// Why: the rewrite promised identical segments and problems for every input, including the
/// odd ones (CR/LF mixes, BOMs, invalid UTF-8, Unicode spaces, combining marks next to
/// delimiters, Prepend scalars, emoji and flag sequences, Kelvin signs). Strings are compared
/// scalar by scalar (String's `==` would hide a change of normalisation) and times bit by bit.
/// The generator has a fixed seed, so a failure repeats; the first failures print the input.
@Suite struct SubtitleDifferentialTests {
    // MARK: Whole files

    @Test(arguments: [TranscriptFormat.vtt, .srt, .text])
    func generatedFilesParseAsBefore(_ format: TranscriptFormat) {
        var rng = SplitMix64(seed: format == .vtt ? 1 : format == .srt ? 2 : 3)
        var failures = 0
        for n in 0..<1500 {
            let bytes: [UInt8]
            switch n % 3 {
            case 0: bytes = Generator.structured(format, &rng)
            case 1: bytes = Generator.mutate(Generator.structured(format, &rng), &rng)
            default: bytes = Generator.soup(format, &rng)
            }
            failures += compare(bytes, format, failures: failures)
        }
        #expect(failures == 0)
    }

    @Test func mutatedFixturesParseAsBefore() throws {
        let seeds: [(TranscriptFormat, [UInt8])] = [
            (.vtt, try Fixture.bytes("captions.vtt")),
            (.srt, Array(SRTTests.sloppy.utf8)),
            (.text, Array("HOST: Good evening.\nWelcome.\n\nThis paragraph has no speaker.\n \n\nCaller 2: Thank you.\n".utf8)),
        ]
        var rng = SplitMix64(seed: 42)
        var failures = 0
        for (format, seed) in seeds {
            failures += compare(seed, format, failures: failures)
            for _ in 0..<700 {
                var bytes = seed
                for _ in 0...rng.below(4) { bytes = Generator.mutate(bytes, &rng) }
                failures += compare(bytes, format, failures: failures)
                // The same file read as the other line formats.
                failures += compare(bytes, format == .vtt ? .srt : .vtt, failures: failures)
            }
        }
        #expect(failures == 0)
    }

    @Test(arguments: [
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<\u{301}v Ann>x <v\u{301} Bob>y <v.c\u{301} Cy>z\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>\u{301}Hi</v>\u{301} -\u{301}\n- \u{600}-\n",
        "WEBVTT\u{301}\n\n00:01.000 --> 00:02.000\nx\n",
        "WEBVTT \u{301}\n\n00:01.000 --> 00:02.000\nx\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000 \u{301}align:start\nx\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n \u{301}text \u{600} \n\u{A0}\u{301}\u{2003}\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v\tA\u{600}> \u{85}\u{301}hi\u{2028}\n\u{FEFF}<v Bob\u{3000}\u{301}>\u{2014}\n",
        "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nline \u{2013}\r\n\u{2013}\r\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n🇰🇪🇰 <v 👍🏽 Ann>ok \u{200D}\u{1F600}\n",
        "WEBVTT\n\nNOTE\u{301}\n00:01.000 --> 00:02.000\nx\n\nSTYLE \u{301}\n00:01.000 --> 00:02.000\ny\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n\u{D}\u{85}\u{2029}\n",
    ])
    func oddWebVTTParsesAsBefore(_ text: String) {
        #expect(compare(Array(text.utf8), .vtt, failures: 0) == 0)
    }

    @Test(arguments: [
        "1\n00:00:01,000 --> 00:00:02,000\n \u{301}HOST: hi \u{301}\n\u{600} Caller 2:\u{A0}yes\n",
        "1\n00:00:01,000 --> 00:00:02,000\n- \u{C9}LODIE: bonjour\n\u{2013} Dr. K\u{301}: x\n\t12 \n2\n",
        "00:00:01,000 --> 00:00:02,000\nHOST:\u{2028}x\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u{301}: long\n",
        "00:00:01,000 --> 00:00:02,000\nA\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}: x\n",
        "\u{FEFF}1\r00:00:01.5 --> 00:00:02,25\r\r\u{212A}EN: hi\r",
    ])
    func oddSRTParsesAsBefore(_ text: String) {
        #expect(compare(Array(text.utf8), .srt, failures: 0) == 0)
        #expect(compare(Array(text.utf8), .text, failures: 0) == 0)
    }

    // MARK: Helpers one by one

    @Test func trimmingMatches() {
        agree(seed: 7, Generator.line) { text in
            let s = text[...]
            let oldBlanks = s.referenceTrimmedBlanks(), newBlanks = s.trimmedBlanks()
            let oldSpace = s.referenceTrimmedWhitespace(), newSpace = s.trimmedWhitespace()
            let same = offsets(oldBlanks, in: text) == offsets(newBlanks, in: text) && offsets(oldSpace, in: text) == offsets(newSpace, in: text)
            return same ? nil : "trimming differs for \(exact(text))"
        }
    }

    @Test func cueTimingMatches() {
        agree(seed: 11, Generator.timingLine) { line in
            let old = ReferenceSubtitleParsers.CueTiming.parse(line[...]), new = CueTiming.parse(line[...])
            let same = old?.start.bitPattern == new?.start.bitPattern && old?.end.bitPattern == new?.end.bitPattern
            return same ? nil : "timing differs for \(exact(line)): \(String(describing: old)) vs \(String(describing: new))"
        }
    }

    @Test func speakerPrefixMatches() {
        agree(seed: 13, Generator.speakerLine) { line in
            let old = ReferenceSubtitleParsers.SpeakerPrefix.match(line[...]), new = SpeakerPrefix.match(line[...])
            let same = old.map { "\(exact($0.speaker))|\(offsets($0.rest, in: line))" } == new.map { "\(exact($0.speaker))|\(offsets($0.rest, in: line))" }
            return same ? nil : "speaker prefix differs for \(exact(line))"
        }
    }

    @Test func voiceSpansMatch() {
        agree(seed: 17, Generator.cueText) { text in
            let old = ReferenceSubtitleParsers.VoiceSpans.split(text).map { "\($0.speaker.map(exact) ?? "nil")|\(exact($0.text))" }
            let new = VoiceSpans.split(text).map { "\($0.speaker.map(exact) ?? "nil")|\(exact($0.text))" }
            return old == new ? nil : "voice spans differ for \(exact(text)): \(old) vs \(new)"
        }
    }

    /// Runs 8,000 generated inputs through the old and the new code; `difference` describes
    /// an input on which they disagree (nil when they agree). The first five are recorded;
    /// there must be none.
    private func agree(seed: UInt64, _ generate: (inout SplitMix64) -> String, _ difference: (String) -> String?,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        var rng = SplitMix64(seed: seed)
        var failures = 0
        for _ in 0..<8000 {
            guard let d = difference(generate(&rng)) else { continue }
            failures += 1
            if failures <= 5 { Issue.record(Comment(rawValue: d), sourceLocation: sourceLocation) }
        }
        #expect(failures == 0, sourceLocation: sourceLocation)
    }

    // MARK: Comparing

    /// Parses `bytes` both ways; records an issue (for the first few failures) and returns 1
    /// when they differ.
    private func compare(_ bytes: [UInt8], _ format: TranscriptFormat, failures: Int) -> Int {
        let old = fingerprint(ReferenceSubtitleParsers.parse(bytes, format: format, file: "t/x"))
        let new = fingerprint(Result { () throws(VigilError) in try TranscriptParser.parse(bytes, format: format, file: "t/x") })
        guard old != new else { return 0 }
        if failures < 5 {
            let first = zip(old, new).first { $0 != $1 } ?? (old.count > new.count ? (old[new.count], "(none)") : ("(none)", new[old.count]))
            Issue.record("\(format) differs for bytes \(bytes); first difference:\n  old \(first.0)\n  new \(first.1)")
        }
        return 1
    }

    private func fingerprint(_ result: Result<ParsedTranscript, VigilError>) -> [String] {
        switch result {
        case .failure(let error):
            return ["throws " + describe(error)]
        case .success(let parsed):
            return parsed.segments.map {
                "segment \(String(describing: $0.start?.bitPattern)) \(String(describing: $0.end?.bitPattern)) "
                    + "\($0.speaker.map(exact) ?? "nil") \(exact($0.text)) \($0.confidence == nil)"
            } + parsed.problems.map { "problem " + describe($0) } + ["language \(parsed.language.map(exact) ?? "nil")"]
        }
    }

    private func describe(_ e: VigilError) -> String {
        "\(e.stage) \(e.code) \(e.file.map(exact) ?? "nil"):\(String(describing: e.line)) \(String(describing: e.item)) \(exact(e.message))"
    }

    private func exact(_ s: some StringProtocol) -> String {
        s.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
    }

    private func offsets(_ s: Substring, in base: String) -> String {
        let start = base.utf8.distance(from: base.startIndex, to: s.startIndex)
        return "\(start)..<\(start + s.utf8.count)"
    }
}

/// A small, fixed-seed random number generator (SplitMix64), so that the generated inputs
/// are the same on every run and platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n`.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Inputs for `SubtitleDifferentialTests`: plausible files with odd parts, fragment soups,
/// and byte mutations.
enum Generator {
    /// Scalars that change how characters form or what counts as whitespace.
    static let odd: [String] = [
        "\u{A0}", "\u{2003}", "\u{3000}", "\u{1680}", "\u{202F}", "\u{205F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{B}", "\u{C}",
        "\u{FEFF}", "\u{200B}", "\u{301}", "\u{308}", "\u{20DD}", "\u{200D}", "\u{200C}", "\u{600}", "\u{605}", "\u{110BD}",
        "\u{903}", "\u{E33}", "\u{915}", "\u{94D}", "\u{FF9E}", "\u{E0020}", "\u{1F3FB}", "👍", "🇰", "🇪", "©", "\u{1100}",
        "\u{1161}", "\u{11A8}", "가", "\u{212A}", "\u{37E}", "\u{2013}", "\u{2014}", "\u{2019}", "É", "é", "e\u{301}", "\u{FFFD}",
        "\u{0}", "\u{7F}", "\u{1F600}", "ß", "İ", "Ω", "٣", "\u{660}", "\u{10FFFF}",
    ]

    /// ASCII pieces of the formats.
    static let structural: [String] = [
        " ", " ", "\t", "<", ">", "</v>", "<v", "<v ", "<v.loud ", "<v>", "<v\t", "<i>", "</i>", "<00:00:10.500>", "-", "--", "-->",
        " --> ", ":", ".", ",", "0", "1", "5", "9", "00:", "01:02.500", "00:00:01,000", "1:00:00.000", "100:00:00.000", "00:61:00.000",
        "\n", "\r\n", "\r", "\n\n", "WEBVTT", "NOTE", "STYLE", "REGION", "HOST:", "Caller 2:", "Dr. Amina Yusuf:", "SPEAKER_00:", "- ",
        "– ", "O'Brien:", "hello", "world", "a", "X", "align:start", "position:10%", "12", "id-1", "Ann", "Bob",
    ]

    static func piece(_ rng: inout SplitMix64) -> String {
        rng.chance(30) ? rng.pick(odd) : rng.pick(structural)
    }

    static func line(_ rng: inout SplitMix64) -> String {
        (0..<rng.below(12)).map { _ in piece(&rng) }.joined()
    }

    static func timestamp(_ rng: inout SplitMix64) -> String {
        var s = ""
        if rng.chance(40) { s += String(repeating: "0", count: rng.below(3)) + String(rng.below(120)) + ":" }
        s += (rng.chance(85) ? String(format2: rng.below(70)) : String(rng.below(7))) + ":"
        s += rng.chance(85) ? String(format2: rng.below(66)) : String(rng.below(200))
        if rng.chance(85) {
            s += rng.pick([".", ",", ".", ":"]) + String(repeating: "7", count: rng.below(11))
        }
        if rng.chance(10) { s = String(s.dropLast(rng.below(3))) }
        return s
    }

    static func timingLine(_ rng: inout SplitMix64) -> String {
        var parts = [rng.chance(20) ? rng.pick(["", " ", "\t", " \u{301}", "\u{A0}"]) : "", timestamp(&rng)]
        parts.append(rng.pick([" --> ", "-->", "  -->\t", " --> \u{301}", " -- > ", " ->"]))
        parts.append(timestamp(&rng))
        if rng.chance(40) { parts.append(rng.pick([" align:start position:10%", "\tline:0", " ", " \u{301}x", "\u{301}", "  "])) }
        var line = parts.joined()
        if rng.chance(25) {
            var scalars = Array(line.unicodeScalars)
            scalars.insert(contentsOf: piece(&rng).unicodeScalars, at: rng.below(scalars.count + 1))
            line = String(String.UnicodeScalarView(scalars))
        }
        return line
    }

    static func speakerName(_ rng: inout SplitMix64) -> String {
        rng.pick([
            "HOST", "Caller 2", "Dr. Amina Yusuf", "SPEAKER_00", "\u{C9}LODIE", "O'Brien", "Four Long Word Name", "host", "MWENYEKITI",
            "A\u{301}NN", "\u{212A}EN", "Caller  2", "AB-C_D.E", "X 1 2", "ÖZ", "Ω", "\u{915}", String(repeating: "N", count: 41),
            String(repeating: "É", count: 40), String(repeating: "E\u{301}", count: 21), "Jo\u{2019}s", "Z\u{E33}",
        ])
    }

    static func speakerLine(_ rng: inout SplitMix64) -> String {
        var s = rng.pick(["", " ", "\t", "  ", "- ", "\u{2013} ", "-", "- \u{301}", "\u{2014} "])
        s += speakerName(&rng)
        s += rng.pick([": ", ":", " : ", ":\t", ":\u{A0}", ":\u{301}", ": ", "::", ":\u{2028}"])
        s += line(&rng)
        if rng.chance(30) {
            var scalars = Array(s.unicodeScalars)
            scalars.insert(contentsOf: piece(&rng).unicodeScalars, at: rng.below(scalars.count + 1))
            s = String(String.UnicodeScalarView(scalars))
        }
        return s
    }

    static func cueText(_ rng: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<rng.below(8) {
            switch rng.below(6) {
            case 0: s += rng.pick(["<v ", "<v.loud ", "<v\t", "<v>", "<v.a.b ", "<v  "]) + rng.pick(["", "Ann", " Bob ", "Dr. K", "\u{A0}Zoë\u{301}"]) + ">"
            case 1: s += rng.pick(["</v>", "</v", "<i>", "</i>", "<b.x>", "<", ">", "<00:00:10.500>"])
            case 2: s += rng.pick(["\n", "\n- ", "- ", " -", "\u{2013}", "\u{2014}", " \u{2014}\n", "-\n"])
            default: s += line(&rng)
            }
        }
        return s
    }

    static func lineEnd(_ rng: inout SplitMix64) -> String {
        rng.chance(80) ? "\n" : rng.pick(["\r\n", "\r", "\n\r"])
    }

    /// A plausible file of `format` with odd parts here and there.
    static func structured(_ format: TranscriptFormat, _ rng: inout SplitMix64) -> [UInt8] {
        var lines: [String] = []
        switch format {
        case .vtt:
            lines.append(rng.chance(90) ? rng.pick(["WEBVTT", "WEBVTT - title", "WEBVTT\ttab"]) : rng.pick(["WEBVTTX", "webvtt", " WEBVTT", "WEBVTT\u{301}"]))
            if rng.chance(30) { lines.append("Kind: captions") }
            for _ in 0..<rng.below(12) {
                lines.append(rng.chance(85) ? "" : " ")
                switch rng.below(10) {
                case 0: lines.append(rng.pick(["NOTE", "NOTE this", "STYLE", "REGION", "NOTE\u{301}", "NOTES"])); lines.append(line(&rng))
                default:
                    if rng.chance(30) { lines.append(rng.pick(["1", "id-1", "cue \u{301}", "\u{600}"])) }
                    lines.append(timingLine(&rng))
                    for _ in 0..<rng.below(4) { lines.append(cueText(&rng).replacingLineBreaks()) }
                }
            }
        case .srt:
            var index = 1
            for _ in 0..<rng.below(12) {
                if rng.chance(90) { lines.append(String(index)); index += 1 }
                lines.append(timingLine(&rng))
                for _ in 0..<rng.below(4) { lines.append(rng.chance(50) ? speakerLine(&rng) : line(&rng).replacingLineBreaks()) }
                if rng.chance(85) { lines.append(rng.pick(["", "", " ", "\t"])) }
            }
        default:
            for _ in 0..<rng.below(12) {
                lines.append(rng.chance(40) ? speakerLine(&rng) : line(&rng).replacingLineBreaks())
                if rng.chance(30) { lines.append(rng.pick(["", " ", "\t "])) }
            }
        }
        var text = ""
        for l in lines { text += l + lineEnd(&rng) }
        if rng.chance(30) { text = String(text.dropLast(rng.below(4))) }
        var bytes = Array(text.utf8)
        if rng.chance(10) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        if rng.chance(3) { bytes = utf16(text, bigEndian: rng.chance(50)) }
        return bytes
    }

    /// Pieces thrown together, with a header now and then.
    static func soup(_ format: TranscriptFormat, _ rng: inout SplitMix64) -> [UInt8] {
        var text = format == .vtt && rng.chance(80) ? "WEBVTT" + lineEnd(&rng) : ""
        for _ in 0..<rng.below(80) {
            switch rng.below(10) {
            case 0: text += timingLine(&rng) + lineEnd(&rng)
            case 1: text += speakerLine(&rng)
            case 2: text += lineEnd(&rng)
            default: text += piece(&rng)
            }
        }
        return Array(text.utf8)
    }

    /// `bytes` with one random change: a piece inserted, a range deleted or repeated, an
    /// invalid byte, a cut.
    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        let at = rng.below(b.count + 1)
        switch rng.below(7) {
        case 0, 1: b.insert(contentsOf: Array(piece(&rng).utf8), at: at)
        case 2: b.removeSubrange(at..<min(b.count, at + rng.below(8)))
        case 3: b.insert(contentsOf: rng.pick([[0xFF], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]), at: at)
        case 4: b = Array(b[..<at])
        case 5: b.insert(contentsOf: b[at..<min(b.count, at + rng.below(40))], at: at)
        default: b.insert(contentsOf: Array(rng.pick(["\r", "\n", "\r\n", " ", "\t", "<", ">", ":", "-"]).utf8), at: at)
        }
        return b
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
            out += bigEndian ? [hi, lo] : [lo, hi]
        }
        return out
    }
}

private extension String {
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }

    /// Without line breaks (a piece meant to stay on one line).
    func replacingLineBreaks() -> String {
        String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "\n" && $0 != "\r" }))
    }
}
