// Matching time against lexicon size: the same text, lexicons of 100 and 10,000 entries
// (the small one a subset of the large), words, phrases, `*` prefixes, `{group}` slots and
// `~N` gaps in the same proportions. Deterministic (fixed seed).
import Dispatch
import VigilCore
import VigilDetect

struct LCG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

var rng = LCG(state: 2026)
let letters = Array("abcdefghijklmnopqrstuvwxyz")
func word(_ r: inout LCG) -> String { String((0..<(4 + r.below(6))).map { _ in letters[r.below(26)] }) }

let common = (0..<5_000).map { _ in word(&rng) }
let groups = (0..<50).map { GroupTerm(term: "grp\(word(&rng))", group: "g\($0)", kind: $0 % 2 == 0 ? "ethnic" : "religious") }
let categories = Category.standard

func entry(_ i: Int, _ r: inout LCG) -> LexiconEntry {
    let shape = r.below(10)
    let term: String
    switch shape {
    case 0, 1, 2: term = word(&r)
    case 3, 4: term = word(&r) + "*"
    case 5, 6: term = (0..<(2 + r.below(3))).map { _ in word(&r) }.joined(separator: " ")
    case 7: term = "{group} are " + word(&r)
    case 8: term = word(&r) + " ~2 " + word(&r)
    default: term = word(&r) + " the {ethnic} " + word(&r)
    }
    return LexiconEntry(term: term, category: categories[i % categories.count], severity: 1 + i % 3, line: i + 2)
}

let large = (0..<10_000).map { entry($0, &rng) }
let small = Array(large.prefix(100))

// Text: common words, with the small lexicon's terms planted every ~50 tokens.
var text: [String] = []
let planted = small.map { $0.term.replacingOccurrences(of: "*", with: "s").replacingOccurrences(of: "{group}", with: groups[0].term).replacingOccurrences(of: "{ethnic}", with: groups[0].term).replacingOccurrences(of: " ~2 ", with: " x ") }
while text.count < 2_000_000 {
    if rng.below(50) == 0 { text += planted[rng.below(planted.count)].split(separator: " ").map(String.init) } else { text.append(common[rng.below(common.count)]) }
}
let tokens = text.map { Substring($0) }
let sentences = [Int32](repeating: 0, count: tokens.count)

func measure(_ entries: [LexiconEntry]) throws -> (seconds: Double, hits: Int) {
    let detector = Detector(lexicon: try CompiledLexicon(entries: entries, groups: groups), cues: ContextCues(cues: []))
    var best = Double.infinity
    var hits = 0
    for _ in 0..<3 {
        let t0 = DispatchTime.now().uptimeNanoseconds
        hits = detector.findings(tokens, language: nil) { sentences }.count
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return (best, hits)
}

extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}

let s = try measure(small)
let l = try measure(large)
print("tokens: \(tokens.count)")
print("| entries | seconds (best of 3) | M tokens/s | hits |")
print("| --- | --- | --- | --- |")
print("| 100 | \(s.seconds) | \(Double(tokens.count) / s.seconds / 1e6) | \(s.hits) |")
print("| 10,000 | \(l.seconds) | \(Double(tokens.count) / l.seconds / 1e6) | \(l.hits) |")
print("ratio 10,000 / 100: \(l.seconds / s.seconds)")
