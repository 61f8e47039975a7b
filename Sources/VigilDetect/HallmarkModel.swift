import Glibc
import VigilCore

/// A linear model per harmful category over the words of a sentence: the part of
/// detection that reads grievance, loyalty and plot talk in shapes no lexicon lists.
///
/// Features of a sentence (binary, each counted once): its tokens with `<s>` and `</s>`
/// around them, as unigrams, bigrams, trigrams and skip-bigrams (`a _ c`, one or two tokens
/// apart); in a version-2 file also the tokens' stems (`S:walk`, `S:they walk`: a few
/// English suffixes cut, see `stemLength`) and the 4- and 5-letter pieces of each ASCII word
/// with `^` and `$` at its ends (`C:^walk`, `C:king$`), which carry what the model learned
/// to spellings it never saw. A token that is a one-word term of the groups list reads as
/// `{group}`, so a model trained on one country's groups carries to another's list. A
/// category fires when its logistic score reaches `threshold`; with a `second` row, a
/// sentence gets its most probable harmful category and others only at `second` or above
/// (most harmful sentences express one hallmark). The hit names the features that weighed
/// most, so a reviewer sees why. A model trained with counter-speech examples has a
/// `counter_speech` category too: a sentence it reads so negates the harmful hits in it. With
/// a `counter strongest` row, counter-speech also has to be at least as probable as the
/// sentence's likeliest harmful category (a hateful sentence the model half-reads as a
/// rebuttal stays hateful). With an `overrule` row, context cues yield to the model where it
/// is sure: in a sentence it reads as a harmful category at `overrule`'s first probability
/// or above and as counter-speech below its second, negation and reporting cues do not mark
/// that category's hits (the model has weighed the same words: "he will never own it" is not
/// a rebuttal). With a `doubt` row, the model can also doubt a lexicon hit: in a sentence
/// where it reads no harmful category at `threshold`, reads the hit's category below `doubt`,
/// and knows a word or stem of the hit as evidence for that category, the hit is marked
/// reported — the model reads the words as not endorsed there ("a sign at the bar read no
/// tallos served"). Words the model never learned (a user's own slurs) are never doubted.
///
/// File (`vigil model train` writes it; tab-separated, UTF-8):
///
///     vigil-hallmark-model	2
///     threshold	0.3
///     second	0.5                                   (optional)
///     counter	strongest                             (optional)
///     overrule	0.5	0.1                           (optional)
///     doubt	0.02                                  (optional)
///     feature	dehumanization	victimhood	…        (the categories)
///     <bias>	-2.1	-2.4	…
///     {group} get	0.0	0.31	…                    (one row per feature)
///     S:{group} tak	0.0	0.12	…
///     C:^tak	0.0	0.05	…
///
/// Lines starting with `#` are comments (what the model was trained on). Version-1 files
/// (word n-grams only) read as before.
public struct HallmarkModel: Sendable {
    /// File name (basename), shown as the `lexicon` of the hits it makes.
    public let file: String
    public let categories: [String]
    public let threshold: Double
    /// File format version: 1 (word n-grams) or 2 (also stems and letter pieces).
    public let version: Int
    /// With it, a sentence's second and further harmful categories need this probability.
    public let second: Double?
    /// Counter-speech counts only where it is at least as probable as every harmful
    /// category (`counter strongest`); otherwise wherever it reaches `threshold`.
    public let counterStrongest: Bool
    /// Where the model overrules context cues (`overrule` row).
    public let overrule: Overrule?
    /// Lexicon hits the model doubts below this probability are marked reported (`doubt` row).
    public let doubt: Double?
    let bias: [Double]
    /// Feature key → row of `weights` (categories per row) and of `names`.
    let rows: FeatureTable
    let weights: [Double]
    let names: [String]
    /// Whether each row is a letter piece (`C:…`).
    let pieces: [Bool]
    /// Number of features (rows).
    public var features: Int { names.count }
    /// Token hashes of one-word group terms, read as `{group}`.
    var groupHashes: Set<UInt32> = []

    /// A sentence's hits of a category keep no negation or reporting from cues when the
    /// model reads the category at `harmful` or above and counter-speech below `counter`.
    public struct Overrule: Sendable, Equatable {
        public var harmful: Double
        public var counter: Double
        public init(harmful: Double, counter: Double) { (self.harmful, self.counter) = (harmful, counter) }
    }

    public struct FormatError: Error, Sendable {
        public var line: Int
        public var message: String
    }

    /// Reads a model file.
    public init(tsv: [UInt8], file: String) throws(FormatError) {
        self.file = file
        var categories: [String] = []
        var threshold: Double?
        var second: Double?
        var counterStrongest = false
        var overrule: Overrule?
        var overruleLine = 0
        var doubt: Double?
        var doubtLine = 0
        var version = 1
        var bias: [Double]?
        var rows: [UInt64: Int32] = [:]
        var weights: [Double] = []
        var names: [String] = []
        var number = 0
        var magic = false
        for raw in tsv.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var line = String(decoding: raw, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            // Before the header: the magic line, `threshold`, `feature`; after it, `<bias>` and
            // features (which may be the words "threshold" or "feature").
            switch !magic ? "\u{0}magic" : categories.isEmpty ? cells[0] : "\u{0}row" {
            case "\u{0}magic":
                guard cells.count == 2, cells[0] == "vigil-hallmark-model" else {
                    throw FormatError(line: number, message: "not a Vigil hallmark model (the first line that is not a comment must be 'vigil-hallmark-model<TAB>2')")
                }
                guard let v = Int(cells[1]), v == 1 || v == 2 else {
                    throw FormatError(line: number, message: "hallmark model version '\(cells[1])': this Vigil reads versions 1 and 2")
                }
                version = v
                magic = true
            case "threshold":
                guard cells.count == 2, let t = Double(cells[1]), t > 0, t < 1 else {
                    throw FormatError(line: number, message: "threshold must be one number between 0 and 1")
                }
                threshold = t
            case "second":
                guard cells.count == 2, let t = Double(cells[1]), t > 0, t < 1 else {
                    throw FormatError(line: number, message: "second must be one number between 0 and 1")
                }
                second = t
            case "counter":
                guard cells.count == 2, cells[1] == "strongest" || cells[1] == "threshold" else {
                    throw FormatError(line: number, message: "counter must be 'strongest' or 'threshold'")
                }
                counterStrongest = cells[1] == "strongest"
            case "overrule":
                guard cells.count == 3, let h = Double(cells[1]), let c = Double(cells[2]), h > 0, h <= 1, c >= 0, c < 1 else {
                    throw FormatError(line: number, message: "overrule must be two numbers: the harmful probability (above 0, at most 1) and the counter-speech one (0 to below 1)")
                }
                (overrule, overruleLine) = (Overrule(harmful: h, counter: c), number)
            case "doubt":
                guard cells.count == 2, let d = Double(cells[1]), d > 0, d < 1 else {
                    throw FormatError(line: number, message: "doubt must be one number between 0 and 1 (below the threshold)")
                }
                (doubt, doubtLine) = (d, number)
            case "feature":
                categories = Array(cells.dropFirst())
                for c in categories where !Category.isHarmful(c) && c != Category.counterSpeech {
                    throw FormatError(line: number, message: "'\(c)' is not a harmful category nor counter_speech")
                }
                guard !categories.isEmpty, Set(categories).count == categories.count else {
                    throw FormatError(line: number, message: "the header must name each category once")
                }
            case "\u{0}row":
                guard cells.count == categories.count + 1 else {
                    throw FormatError(line: number, message: "\(cells.count - 1) weights for \(categories.count) categories")
                }
                var values: [Double] = []
                for cell in cells.dropFirst() {
                    guard let v = Double(cell), v.isFinite else { throw FormatError(line: number, message: "'\(cell)' is not a number") }
                    values.append(v)
                }
                if cells[0] == "<bias>" {
                    bias = values
                    continue
                }
                guard let key = Self.key(name: cells[0]) else {
                    throw FormatError(line: number, message: "'\(cells[0])' is not a feature (1–3 words, 'a _ b', 'S:' and 1–2 stems, or 'C:' and letters)")
                }
                guard version >= 2 || !(cells[0].hasPrefix("S:") || cells[0].hasPrefix("C:")) else {
                    throw FormatError(line: number, message: "feature '\(cells[0])' needs a version-2 model file")
                }
                guard rows[key] == nil else { throw FormatError(line: number, message: "feature '\(cells[0])' appears twice") }
                rows[key] = Int32(names.count)
                names.append(cells[0])
                weights += values
            default:
                throw FormatError(line: number, message: "'\(cells[0])' before the 'feature' header (expected 'threshold', 'second', 'counter', 'overrule', 'doubt' or 'feature')")
            }
        }
        guard let threshold else { throw FormatError(line: number, message: "no 'threshold' row") }
        guard let bias else { throw FormatError(line: number, message: "no '<bias>' row") }
        if overrule != nil && !categories.contains(Category.counterSpeech) {
            throw FormatError(line: overruleLine, message: "an 'overrule' row needs the counter_speech category")
        }
        if let doubt, doubt >= threshold {
            throw FormatError(line: doubtLine, message: "doubt \(Self.format(doubt)) must be below the threshold \(Self.format(threshold))")
        }
        self.categories = categories
        self.threshold = threshold
        self.doubt = doubt
        self.version = version
        self.second = second
        self.counterStrongest = counterStrongest
        self.overrule = overrule
        self.bias = bias
        self.rows = FeatureTable(rows)
        self.weights = weights
        self.names = names
        self.pieces = names.map { $0.hasPrefix("C:") }
    }

    init(file: String, categories: [String], threshold: Double, second: Double?, counterStrongest: Bool = false,
         overrule: Overrule? = nil, doubt: Double? = nil, version: Int = 2, bias: [Double], names: [String], weights: [Double]) {
        self.file = file
        self.doubt = doubt
        self.categories = categories
        self.threshold = threshold
        self.second = second
        self.counterStrongest = counterStrongest
        self.overrule = overrule
        self.version = version
        self.bias = bias
        self.names = names
        self.weights = weights
        self.pieces = names.map { $0.hasPrefix("C:") }
        var rows: [UInt64: Int32] = [:]
        for (i, n) in names.enumerated() { rows[Self.key(name: n)!] = Int32(i) }
        self.rows = FeatureTable(rows)
    }

    /// The model reading the one-word terms of `groups` as `{group}`.
    public func reading(groups: [GroupTerm]) -> HallmarkModel {
        var copy = self
        copy.groupHashes = Set(Self.groupWords(groups).map(Self.tokenHash))
        return copy
    }

    /// The one-word group terms, folded as the tokenizer folds text.
    static func groupWords(_ groups: [GroupTerm]) -> [String] {
        groups.compactMap { g in
            let words = Tokenizer.words(in: g.term)
            return words.count == 1 ? words[0] : nil
        }
    }

    /// The file's bytes; `comments` go first, one `#` line each.
    public func tsv(comments: [String] = []) -> [UInt8] {
        var out = comments.map { "# " + $0 + "\n" }.joined()
        out += "vigil-hallmark-model\t\(version)\nthreshold\t\(Self.format(threshold))\n"
        if let second { out += "second\t\(Self.format(second))\n" }
        if counterStrongest { out += "counter\tstrongest\n" }
        if let overrule { out += "overrule\t\(Self.format(overrule.harmful))\t\(Self.format(overrule.counter))\n" }
        if let doubt { out += "doubt\t\(Self.format(doubt))\n" }
        out += (["feature"] + categories).joined(separator: "\t") + "\n"
        out += (["<bias>"] + bias.map(Self.format)).joined(separator: "\t") + "\n"
        let c = categories.count
        for (i, name) in names.enumerated() {
            out += name
            for k in 0..<c { out += "\t" + Self.format(weights[i * c + k]) }
            out += "\n"
        }
        return Array(out.utf8)
    }

    /// Numbers as written: four decimals at most, shortest form.
    public static func format(_ v: Double) -> String {
        let r = rounded(v)
        return r == 0 ? "0" : "\(r)"
    }

    /// A weight as the file keeps it: four decimals.
    static func rounded(_ v: Double) -> Double {
        let r = (v * 10_000).rounded() / 10_000
        return r == 0 ? 0 : r
    }

    // MARK: Scoring

    /// One category the model finds in a sentence.
    public struct Verdict: Sendable, Equatable {
        public var category: String
        public var probability: Double
        /// The sentence's features that weighed most for it (at most three, heaviest first).
        public var evidence: [String]
    }

    /// One harmful category the model finds in a sentence.
    struct SentenceVerdict {
        var range: Range<Int>
        var verdict: Verdict
        /// The model also reads the sentence as counter-speech (a file trained with it).
        var countered: Bool
        /// The model overrules cues for it (`overrule`).
        var trusted: Bool
    }

    /// What the model reads in a text: per sentence (`sentences` numbers each token), the
    /// harmful categories it reaches that no `lexical` finding of the same category
    /// overlapping the sentence already shows; the sentences it reads as counter-speech; and
    /// per sentence the categories whose hits cues do not mark (`overrule`).
    struct Reading {
        var verdicts: [SentenceVerdict] = []
        var countered: [Range<Int>] = []
        var trusted: [(sentence: Range<Int>, categories: [String])] = []
        /// Per sentence, the harmful categories the model doubts (`doubt`).
        var doubted: [(sentence: Range<Int>, categories: [String])] = []

        /// Whether cues leave the hits of `category` at `token` unmarked.
        func trusts(_ category: String, at token: Int) -> Bool { Self.lists(trusted, category, at: token) }

        /// Whether the model doubts `category` in the sentence holding `token`.
        func doubts(_ category: String, at token: Int) -> Bool { Self.lists(doubted, category, at: token) }

        /// Whether `list` names `category` for the sentence holding `token`.
        static func lists(_ list: [(sentence: Range<Int>, categories: [String])], _ category: String, at token: Int) -> Bool {
            list.contains { $0.sentence.contains(token) && $0.categories.contains(category) }
        }
    }

    func findings(_ tokens: TokenBytes, sentences: [Int32], lexical: [Detector.Finding]) -> Reading {
        var reading = Reading()
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count && sentences[end] == sentences[start] { end += 1 }
            let sentence = start..<end
            let (found, trusted, doubted) = read(tokens, sentence)
            if !doubted.isEmpty { reading.doubted.append((sentence, doubted)) }
            let counter = found.contains { $0.category == Category.counterSpeech }
            if counter { reading.countered.append(sentence) }
            if !trusted.isEmpty { reading.trusted.append((sentence, trusted)) }
            for v in found where v.category != Category.counterSpeech
                && !lexical.contains(where: { $0.entry.category == v.category && $0.range.overlaps(sentence) }) {
                reading.verdicts.append(SentenceVerdict(range: sentence, verdict: v, countered: counter, trusted: trusted.contains(v.category)))
            }
            start = end
        }
        return reading
    }

    /// The severity of a model hit: that of most lexicon entries of its category.
    static func severity(_ category: String) -> Int {
        category == "dehumanization" || category == "violence_call" ? 3 : 2
    }

    /// Categories at or above the threshold for the tokens `range` of `tokens`, the harmful
    /// categories for which the model overrules cues there, and those it doubts there.
    func read(_ tokens: TokenBytes, _ range: Range<Int>) -> (verdicts: [Verdict], trusted: [String], doubted: [String]) {
        var found: [Int32] = []
        Self.features(tokens, range, groups: groupHashes, extras: version >= 2) { key, _ in
            let row = rows[key]
            if row >= 0 { found.append(row) }
        }
        return read(rows: found)
    }

    func read(rows found: [Int32]) -> (verdicts: [Verdict], trusted: [String], doubted: [String]) {
        var unique = found.sorted()
        var n = 0
        for r in unique where n == 0 || unique[n - 1] != r {
            unique[n] = r
            n += 1
        }
        unique.removeLast(unique.count - n)
        let c = categories.count
        var out: [Verdict] = []
        var probability = [Double](repeating: 0, count: c)
        for k in 0..<c {
            var z = bias[k]
            for r in unique { z += weights[Int(r) * c + k] }
            probability[k] = 1 / (1 + Glibc.exp(-z))
        }
        // With `second`: the most probable harmful category, others only at `second` or above
        // (ties go to the category named first).
        let harmful = (0..<c).filter { categories[$0] != Category.counterSpeech }
        var trusted: [String] = []
        if let overrule, let cs = categories.firstIndex(of: Category.counterSpeech), probability[cs] < overrule.counter {
            trusted = harmful.filter { probability[$0] >= overrule.harmful }.map { categories[$0] }
        }
        var doubted: [String] = []
        if let doubt, harmful.allSatisfy({ probability[$0] < threshold }) {
            doubted = harmful.filter { probability[$0] < doubt }.map { categories[$0] }
        }
        let best = harmful.max { probability[$0] < probability[$1] || (probability[$0] == probability[$1] && $0 > $1) }
        for k in 0..<c {
            let p = probability[k]
            guard p >= threshold else { continue }
            if let second, k != best, categories[k] != Category.counterSpeech, p < second { continue }
            if counterStrongest, categories[k] == Category.counterSpeech, let best, p < probability[best] { continue }
            // Words and stems name the evidence before letter pieces, which a reader can't
            // weigh alone; heaviest first.
            let top = unique.filter { weights[Int($0) * c + k] > 0 }
                .sorted { (pieces[Int($0)] ? 0 : 1, weights[Int($0) * c + k], names[Int($1)]) > (pieces[Int($1)] ? 0 : 1, weights[Int($1) * c + k], names[Int($0)]) }
                .prefix(3).map { names[Int($0)] }
            out.append(Verdict(category: categories[k], probability: p, evidence: top))
        }
        return (out, trusted, doubted)
    }

    /// Whether a word or stem of `range` (no letter piece, no sentence edge) weighs for
    /// `category`: the model knows the hit's words, so its doubt means something.
    func knows(_ tokens: TokenBytes, _ range: Range<Int>, _ category: String) -> Bool {
        guard let k = categories.firstIndex(of: category) else { return false }
        var known = false
        Self.features(tokens, range, groups: groupHashes, extras: version >= 2) { key, _ in
            let row = rows[key]
            if row >= 0, !pieces[Int(row)], weights[Int(row) * categories.count + k] > 0,
               !names[Int(row)].contains("<s>"), !names[Int(row)].contains("</s>") { known = true }
        }
        return known
    }

    // MARK: Features

    static let startToken: UInt32 = 0x5E5E_0001
    static let endToken: UInt32 = 0x5E5E_0002
    static let groupToken: UInt32 = 0x5E5E_0003

    /// What a feature is made of, for naming it: `kind` 1–3 are n-grams from `first`, 4 a
    /// skip-bigram of `first` and `last`, 5 a stem and 6 two stems from `first`, 7 the
    /// `length` bytes at `last` of token `first` written `^token$`. Positions count `<s>` as 0.
    struct Shape {
        var kind: Int
        var first: Int
        var last: Int
        var length = 0
    }

    /// Calls `body` with each feature key of the tokens `range` of `tokens` (repeats
    /// included; callers that count must deduplicate). Tokens whose hash is in `groups` read
    /// as `{group}`; `extras` adds stems and letter pieces (version 2).
    static func features(_ tokens: TokenBytes, _ range: Range<Int>, groups: Set<UInt32>, extras: Bool, _ body: (UInt64, Shape) -> Void) {
        let n = range.count + 2
        var window: [UInt32] = []
        window.reserveCapacity(n)
        window.append(startToken)
        for i in range {
            let h = tokens.hashes[i]
            window.append(groups.contains(h) ? groupToken : h)
        }
        window.append(endToken)
        for i in 0..<n {
            body(key(1, window[i]), Shape(kind: 1, first: i, last: i))
            if i + 1 < n { body(key(2, window[i], window[i + 1]), Shape(kind: 2, first: i, last: i + 1)) }
            if i + 2 < n { body(key(3, window[i], window[i + 1], window[i + 2]), Shape(kind: 3, first: i, last: i + 2)) }
            if i + 2 < n { body(key(4, window[i], window[i + 2]), Shape(kind: 4, first: i, last: i + 2)) }
            if i + 3 < n { body(key(4, window[i], window[i + 3]), Shape(kind: 4, first: i, last: i + 3)) }
        }
        guard extras else { return }
        var stems = window
        var piece: [UInt8] = []
        tokens.bytes.withUnsafeBufferPointer { all in
            for i in 1..<(n - 1) where window[i] != groupToken {
                let t = range.lowerBound + i - 1
                let word = UnsafeBufferPointer(rebasing: all[Int(tokens.bounds[2 * t])..<Int(tokens.bounds[2 * t + 1])])
                let cut = stemLength(word)
                if cut < word.count { stems[i] = ByteVocabulary.hash(UnsafeBufferPointer(rebasing: word[..<cut])) }
                // Letter pieces of ASCII words only: a piece never splits a character.
                guard word.allSatisfy({ $0 < 0x80 }) else { continue }
                piece.removeAll(keepingCapacity: true)
                piece.append(0x5E)
                piece.append(contentsOf: word)
                piece.append(0x24)
                piece.withUnsafeBufferPointer { p in
                    for length in 4...5 where p.count >= length {
                        for at in 0...(p.count - length) {
                            body(key(7, ByteVocabulary.hash(UnsafeBufferPointer(rebasing: p[at..<(at + length)]))), Shape(kind: 7, first: i, last: at, length: length))
                        }
                    }
                }
            }
        }
        for i in 0..<n {
            body(key(5, stems[i]), Shape(kind: 5, first: i, last: i))
            if i + 1 < n { body(key(6, stems[i], stems[i + 1]), Shape(kind: 6, first: i, last: i + 1)) }
        }
    }

    /// English suffixes a stem drops (the first that fits), when at least four bytes remain.
    static let suffixes: [[UInt8]] = ["ings", "ing", "edly", "ed", "es", "s", "ly"].map { Array($0.utf8) }

    /// How many leading bytes of `word` its stem keeps: `walking`, `walked`, `walks` → `walk`.
    static func stemLength(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        for suffix in suffixes where word.count > suffix.count + 3 {
            if word[(word.count - suffix.count)...].elementsEqual(suffix) { return word.count - suffix.count }
        }
        return word.count
    }

    /// A token's stem, as a feature name writes it (the three markers are their own stems).
    static func stem(_ word: String) -> String {
        guard !word.hasPrefix("<") && word != "{group}" else { return word }
        var w = word
        return w.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[..<stemLength($0)]), as: UTF8.self) }
    }

    /// A feature's name from the sentence's token texts (`<s>` … `</s>` included, group
    /// terms as `{group}`).
    static func name(_ shape: Shape, _ words: [String]) -> String {
        switch shape.kind {
        case 4: return words[shape.first] + " _ " + words[shape.last]
        case 5: return "S:" + stem(words[shape.first])
        case 6: return "S:" + stem(words[shape.first]) + " " + stem(words[shape.last])
        case 7:
            let written = Array(("^" + words[shape.first] + "$").utf8)
            return "C:" + String(decoding: written[shape.last..<(shape.last + shape.length)], as: UTF8.self)
        default: return words[shape.first...shape.last].joined(separator: " ")
        }
    }

    static func key(_ kind: UInt64, _ a: UInt32, _ b: UInt32 = 0, _ c: UInt32 = 0) -> UInt64 {
        var h = kind &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ UInt64(a)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        h = (h ^ UInt64(b)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = (h ^ UInt64(c)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    /// The key of a feature named as in the file.
    static func key(name: String) -> UInt64? {
        if name.hasPrefix("C:") {
            var piece = String(name.dropFirst(2))
            guard !piece.isEmpty, !piece.contains(" ") else { return nil }
            return key(7, piece.withUTF8 { ByteVocabulary.hash($0) })
        }
        if name.hasPrefix("S:") {
            let stems = name.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard !stems.contains(where: \.isEmpty) else { return nil }
            switch stems.count {
            case 1: return key(5, tokenHash(stems[0]))
            case 2: return key(6, tokenHash(stems[0]), tokenHash(stems[1]))
            default: return nil
            }
        }
        let words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard !words.contains(where: \.isEmpty) else { return nil }
        if words.count == 3 && words[1] == "_" { return key(4, tokenHash(words[0]), tokenHash(words[2])) }
        switch words.count {
        case 1: return key(1, tokenHash(words[0]))
        case 2: return key(2, tokenHash(words[0]), tokenHash(words[1]))
        case 3: return key(3, tokenHash(words[0]), tokenHash(words[1]), tokenHash(words[2]))
        default: return nil
        }
    }

    /// A token's hash as the detector computes it; the three markers have their own.
    static func tokenHash(_ word: String) -> UInt32 {
        switch word {
        case "<s>": return startToken
        case "</s>": return endToken
        case "{group}": return groupToken
        default:
            var w = word
            return w.withUTF8 { ByteVocabulary.hash($0) }
        }
    }
}

/// Feature key → row, by open addressing: the keys are already well-mixed 64-bit hashes, so
/// a lookup is a mask and a probe or two, with no hashing of its own (a `Dictionary` spent
/// most of the model's time in SipHash).
struct FeatureTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int

    init(_ entries: [UInt64: Int32]) {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            var i = Int(truncatingIfNeeded: Self.stored(key)) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = Self.stored(key)
            values[i] = value
        }
    }

    /// 0 marks an empty slot, so a key of 0 is kept as 1 (both ways).
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// The row of `key`, or -1.
    subscript(key: UInt64) -> Int32 {
        let k = Self.stored(key)
        var i = Int(truncatingIfNeeded: k) & mask
        while true {
            let found = keys[i]
            if found == k { return values[i] }
            if found == 0 { return -1 }
            i = (i + 1) & mask
        }
    }
}
