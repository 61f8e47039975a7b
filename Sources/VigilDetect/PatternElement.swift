/// One step of a compiled term: a whole word, a word prefix (`cockroach*`), or a gap
/// of up to `n` arbitrary tokens (`~2`).
enum PatternElement: Hashable, Sendable {
    case word(String)
    case stem(String)
    case gap(Int)
}
