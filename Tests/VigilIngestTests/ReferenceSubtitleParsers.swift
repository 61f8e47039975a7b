import VigilCore
@testable import VigilIngest

/// The String/Character-based WebVTT, SRT and plain-text parsers as they were before the
/// byte rewrite (commit 6dc738b), kept only as the oracle of `SubtitleDifferentialTests`.
///
/// Why: the byte parsers must give exactly the same segments and problems for every input;
/// this copy is the definition of "the same". Only names changed (everything lives under
/// `ReferenceSubtitleParsers`, the Substring helpers got a `reference` prefix so that the
/// module's own helpers are never called); no behaviour changed. Do not "fix" it.
///
/// ```swift
/// let old = ReferenceSubtitleParsers.parse(bytes, format: .vtt, file: "a.vtt")
/// ```
enum ReferenceSubtitleParsers {
    /// What the old `TranscriptParser.parse` returned or threw, for `.vtt`, `.srt` and `.text`.
    static func parse(_ data: [UInt8], format: TranscriptFormat, file: String) -> Result<ParsedTranscript, VigilError> {
        var result = ParsedTranscript()
        let text = decode(data, file: file, problems: &result.problems)
        do {
            switch format {
            case .vtt: try parseWebVTT(text, file: file, into: &result)
            case .srt: try parseSRT(text, file: file, into: &result)
            case .text: parseText(text, into: &result)
            case .whisperJSON, .podcastJSON: fatalError("the reference covers the line formats only")
            }
        } catch {
            return .failure(error)
        }
        return .success(result)
    }

    static func decode(_ data: [UInt8], file: String, problems: inout [VigilError]) -> String {
        if data.count >= 2, (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) {
            let decoded = Transcoder.decodeUTF16(data[2...], bigEndian: data[0] == 0xFE)
            if decoded.replaced > 0 {
                problems.append(VigilError(
                    .ingest, "invalid_utf8", "transcript is not valid UTF-16; \(decoded.replaced) bad code unit(s) replaced with U+FFFD",
                    file: file))
            }
            return String(decoding: decoded.bytes, as: UTF8.self)
        }
        var text = String(decoding: data, as: UTF8.self)
        let invalid = Transcoder.scanUTF8(data[...]).invalid
        if invalid > 0 {
            var offset = 0
            for (a, b) in zip(text.utf8, data) {
                if a != b { break }
                offset += 1
            }
            let line = 1 + data[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            problems.append(VigilError(
                .ingest, "invalid_utf8",
                "transcript is not valid UTF-8; \(invalid) bad byte sequence(s) replaced with U+FFFD (first on line \(line))",
                file: file, line: line))
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    static func badTranscript(_ message: String, file: String, line: Int? = nil) -> VigilError {
        VigilError(.ingest, "bad_transcript", message, file: file, line: line)
    }

    static func badCue(_ message: String, file: String, line: Int) -> VigilError {
        VigilError(.ingest, "bad_cue", message, file: file, line: line)
    }

    static func timing(_ line: TextLine, file: String, problems: inout [VigilError]) -> (start: Double, end: Double)? {
        guard let t = CueTiming.parse(line.text) else {
            problems.append(badCue("bad cue timing \"\(line.text.prefix(80))\"; cue skipped", file: file, line: line.number))
            return nil
        }
        guard t.end >= t.start else {
            problems.append(badCue("cue ends before it starts; cue skipped", file: file, line: line.number))
            return nil
        }
        return t
    }

    // MARK: TranscriptParser+WebVTT.swift

    static func parseWebVTT(_ text: String, file: String, into result: inout ParsedTranscript) throws(VigilError) {
        let lines = TextLine.split(text)
        guard let first = lines.first, isKeywordLine(first.text, "WEBVTT") else {
            throw badTranscript("WebVTT file does not start with \"WEBVTT\"", file: file, line: 1)
        }
        var i = 1
        while i < lines.count, !lines[i].isBlank, !lines[i].text.referenceHasArrow { i += 1 }
        for block in TextLine.blocks(lines[i...]) {
            let head = block[0].text
            if isKeywordLine(head, "NOTE") || isKeywordLine(head, "STYLE") || isKeywordLine(head, "REGION") { continue }
            let timingIndex: Int
            if head.referenceHasArrow {
                timingIndex = 0
            } else if block.count > 1, block[1].text.referenceHasArrow {
                timingIndex = 1
            } else {
                result.problems.append(badCue("block without a timing line; skipped", file: file, line: block[0].number))
                continue
            }
            guard let t = timing(block[timingIndex], file: file, problems: &result.problems) else { continue }
            let cueText = block[(timingIndex + 1)...].map(\.text).joined(separator: "\n")
            for span in VoiceSpans.split(cueText) {
                result.segments.append(Segment(start: t.start, end: t.end, speaker: span.speaker, text: span.text))
            }
        }
    }

    static func isKeywordLine(_ line: Substring, _ keyword: String) -> Bool {
        guard line.hasPrefix(keyword) else { return false }
        let rest = line.dropFirst(keyword.count)
        return rest.isEmpty || rest.first == " " || rest.first == "\t"
    }

    // MARK: TranscriptParser+SRT.swift

    static func parseSRT(_ text: String, file: String, into result: inout ParsedTranscript) throws(VigilError) {
        let lines = TextLine.split(text)
        let timingLines = lines.indices.filter { lines[$0].text.referenceHasArrow }
        guard !timingLines.isEmpty else {
            if lines.allSatisfy(\.isBlank) { return }
            throw badTranscript("SRT file has no timing line (\"00:00:01,000 --> 00:00:04,000\")", file: file)
        }
        for (k, t) in timingLines.enumerated() {
            let next = k + 1 < timingLines.count ? timingLines[k + 1] : lines.count
            var body = lines[(t + 1)..<next].filter { !$0.isBlank }
            if next < lines.count, let last = body.last, isIndexLine(last.text) { body.removeLast() }
            guard let times = timing(lines[t], file: file, problems: &result.problems) else { continue }
            for run in SpeakerPrefix.runs(body.map { $0.text.referenceTrimmedBlanks() }) {
                result.segments.append(Segment(start: times.start, end: times.end, speaker: run.speaker, text: run.text))
            }
        }
    }

    private static func isIndexLine(_ line: Substring) -> Bool {
        let t = line.referenceTrimmedBlanks()
        return !t.isEmpty && t.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    // MARK: TranscriptParser+Text.swift

    static func parseText(_ text: String, into result: inout ParsedTranscript) {
        for block in TextLine.blocks(TextLine.split(text)) {
            for run in SpeakerPrefix.runs(block.map { $0.text.referenceTrimmedBlanks() }) {
                result.segments.append(Segment(speaker: run.speaker, text: run.text))
            }
        }
    }

    // MARK: TextLine.swift

    struct TextLine {
        let number: Int
        let text: Substring

        var isBlank: Bool { text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

        static func split(_ s: String) -> [TextLine] {
            var lines: [TextLine] = []
            let utf8 = s.utf8
            var start = utf8.startIndex
            var i = start
            while i != utf8.endIndex {
                let b = utf8[i]
                if b == 0x0A || b == 0x0D {
                    lines.append(TextLine(number: lines.count + 1, text: s[start..<i]))
                    var next = utf8.index(after: i)
                    if b == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                    start = next
                    i = next
                } else {
                    i = utf8.index(after: i)
                }
            }
            if start != utf8.endIndex { lines.append(TextLine(number: lines.count + 1, text: s[start...])) }
            return lines
        }

        static func blocks(_ lines: some Collection<TextLine>) -> [[TextLine]] {
            var blocks: [[TextLine]] = []
            var current: [TextLine] = []
            for line in lines {
                if line.isBlank {
                    if !current.isEmpty { blocks.append(current) }
                    current = []
                } else {
                    current.append(line)
                }
            }
            if !current.isEmpty { blocks.append(current) }
            return blocks
        }
    }

    // MARK: CueTiming.swift

    enum CueTiming {
        static func parse(_ line: Substring) -> (start: Double, end: Double)? {
            guard let arrow = line.referenceArrowRange() else { return nil }
            let left = line[..<arrow.lowerBound]
            let right = line[arrow.upperBound...].drop { $0 == " " || $0 == "\t" }
            let endText = right.prefix { $0 != " " && $0 != "\t" }
            guard let start = timestamp(left.referenceTrimmedBlanks()), let end = timestamp(endText) else { return nil }
            return (start, end)
        }

        static func timestamp(_ text: Substring) -> Double? {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3 else { return nil }
            var secondsPart = parts[parts.count - 1]
            var fraction = 0.0
            if let mark = secondsPart.firstIndex(where: { $0 == "." || $0 == "," }) {
                let digits = secondsPart[secondsPart.index(after: mark)...]
                guard (1...9).contains(digits.count), let value = number(digits) else { return nil }
                fraction = Double(value) / pow10(digits.count)
                secondsPart = secondsPart[..<mark]
            }
            guard secondsPart.count == 2, let seconds = number(secondsPart), seconds < 60,
                  (1...2).contains(parts[parts.count - 2].count), let minutes = number(parts[parts.count - 2]),
                  minutes < 60 else { return nil }
            var hours = 0
            if parts.count == 3 {
                guard (1...4).contains(parts[0].count), let h = number(parts[0]) else { return nil }
                hours = h
            }
            return Double(hours * 3600 + minutes * 60 + seconds) + fraction
        }

        private static func number(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(s)
        }

        private static func pow10(_ n: Int) -> Double {
            var v = 1.0
            for _ in 0..<n { v *= 10 }
            return v
        }
    }

    // MARK: VoiceSpans.swift

    enum VoiceSpans {
        static func split(_ text: String) -> [(speaker: String?, text: String)] {
            var spans: [(speaker: String?, text: String)] = []
            var speaker: String?
            var runStart = text.startIndex
            var i = text.startIndex
            func flush(upTo end: String.Index) {
                if let cleaned = clean(text[runStart..<end]) { spans.append((speaker, cleaned)) }
            }
            while let lt = text[i...].firstIndex(of: "<") {
                let rest = text[lt...]
                if rest.hasPrefix("</v>") {
                    flush(upTo: lt)
                    speaker = nil
                    i = text.index(lt, offsetBy: 4)
                    runStart = i
                } else if let tag = voiceTag(rest) {
                    flush(upTo: lt)
                    speaker = tag.speaker
                    i = tag.end
                    runStart = i
                } else {
                    i = text.index(after: lt)
                }
            }
            flush(upTo: text.endIndex)
            return spans
        }

        private static func voiceTag(_ s: Substring) -> (speaker: String?, end: String.Index)? {
            guard s.hasPrefix("<v") else { return nil }
            let afterV = s.index(s.startIndex, offsetBy: 2)
            guard afterV < s.endIndex, [" ", "\t", ".", ">"].contains(s[afterV]),
                  let close = s[afterV...].firstIndex(of: ">") else { return nil }
            let annotation = s[afterV..<close].drop { $0 != " " && $0 != "\t" }.referenceTrimmedWhitespace()
            return (annotation.isEmpty ? nil : String(annotation), s.index(after: close))
        }

        static func clean(_ run: Substring) -> String? {
            var text = run.referenceTrimmedWhitespace()
            while let last = text.last, last == "-" || last == "\u{2013}" || last == "\u{2014}" {
                let before = text.dropLast()
                guard before.isEmpty || before.last!.isWhitespace else { break }
                text = before.referenceTrimmedWhitespace()
            }
            return text.isEmpty ? nil : String(text)
        }
    }

    // MARK: SpeakerPrefix.swift

    enum SpeakerPrefix {
        static func match(_ line: Substring) -> (speaker: String, rest: Substring)? {
            let scalars = line.unicodeScalars
            let end = scalars.endIndex
            var i = scalars.startIndex
            while i < end, scalars[i] == " " || scalars[i] == "\t" { i = scalars.index(after: i) }
            if i < end, scalars[i] == "-" || scalars[i] == "\u{2013}" {
                var j = scalars.index(after: i)
                guard j < end, scalars[j] == " " else { return nil }
                while j < end, scalars[j] == " " { j = scalars.index(after: j) }
                i = j
            }
            let nameStart = i
            var words = 0
            while true {
                guard i < end, startsWord(scalars[i], first: words == 0) else { return nil }
                words += 1
                i = scalars.index(after: i)
                while i < end, isWordScalar(scalars[i]) { i = scalars.index(after: i) }
                if i < end, scalars[i] == ":" { break }
                guard words < 3, i < end, scalars[i] == " " else { return nil }
                i = scalars.index(after: i)
            }
            let nameEnd = i
            let after = scalars.index(after: i)
            guard after == end || scalars[after].properties.isWhitespace else { return nil }
            let speaker = String(line[nameStart..<nameEnd])
            guard speaker.count <= 40 else { return nil }
            return (speaker, line[after...].referenceTrimmedWhitespace())
        }

        static func runs(_ lines: [Substring]) -> [(speaker: String?, text: String)] {
            var runs: [(speaker: String?, lines: [Substring])] = []
            for line in lines {
                if let m = match(line) {
                    runs.append((m.speaker, m.rest.isEmpty ? [] : [m.rest]))
                } else if runs.isEmpty {
                    runs.append((nil, [line]))
                } else {
                    runs[runs.count - 1].lines.append(line)
                }
            }
            return runs.compactMap { run in
                let text = run.lines.joined(separator: "\n")[...].referenceTrimmedWhitespace()
                return text.isEmpty ? nil : (run.speaker, String(text))
            }
        }

        private static func startsWord(_ s: Unicode.Scalar, first: Bool) -> Bool {
            s.properties.isUppercase || (!first && s.properties.numericType == .decimal)
        }

        private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            s.properties.isAlphabetic || s.properties.numericType == .decimal
                || s.properties.generalCategory == .nonspacingMark
                || s == "." || s == "'" || s == "\u{2019}" || s == "-" || s == "_"
        }
    }
}

// MARK: Substring+Trimming.swift

extension Substring {
    func referenceTrimmedBlanks() -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }

    func referenceTrimmedWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }

    func referenceArrowRange() -> Range<Index>? {
        let u = utf8
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == 0x2D {
                let j = u.index(after: i)
                if j != u.endIndex, u[j] == 0x2D {
                    let k = u.index(after: j)
                    if k != u.endIndex, u[k] == 0x3E { return i..<u.index(after: k) }
                }
            }
            u.formIndex(after: &i)
        }
        return nil
    }

    var referenceHasArrow: Bool { referenceArrowRange() != nil }
}
