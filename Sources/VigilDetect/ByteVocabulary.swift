#if canImport(Glibc)
import Glibc
#endif

/// Words → ids, looked up by their UTF-8 bytes without making a `String`: an open-addressing
/// table over one byte arena (FNV-1a hashes). The detector looks up every text token here,
/// so a lookup allocates nothing and hashes the bytes once.
struct ByteVocabulary: Sendable {
    private var arena: [UInt8] = []
    /// Per slot: id + 1 (0 = empty), arena offset and length.
    private var slots: [(id: Int32, offset: Int32, length: Int32, hash: UInt32)] = Array(repeating: (0, 0, 0, 0), count: 16)
    private(set) var count = 0

    static let seed: UInt32 = 2_166_136_261
    static let prime: UInt32 = 16_777_619

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = seed
        for b in bytes { h = (h ^ UInt32(b)) &* prime }
        return h
    }

    /// The id of `word`, adding it with the next id if new.
    mutating func id(adding word: String) -> Int32 {
        var w = word
        if let found = w.withUTF8({ lookup($0) }) { return found }
        let id = Int32(count)
        count += 1
        if count * 2 > slots.count { grow() }
        w.withUTF8 { insert($0, id: id) }
        return id
    }

    /// The id of the word with these bytes, or nil.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? { lookup(bytes, hash: Self.hash(bytes)) }

    /// The same with the bytes' hash already known.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt32) -> Int32? {
        let mask = slots.count - 1
        var i = Int(h) & mask
        return arena.withUnsafeBufferPointer { a in
            slots.withUnsafeBufferPointer { slots in
                while true {
                    let s = slots[i]
                    if s.id == 0 { return nil }
                    if s.hash == h && Int(s.length) == bytes.count
                        && (bytes.count == 0 || memcmp(a.baseAddress! + Int(s.offset), bytes.baseAddress!, bytes.count) == 0) { return s.id - 1 }
                    i = (i + 1) & mask
                }
            }
        }
    }

    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, id: Int32) {
        let h = Self.hash(bytes)
        let offset = Int32(arena.count)
        arena.append(contentsOf: bytes)
        place((id + 1, offset, Int32(bytes.count), h))
    }

    private mutating func place(_ slot: (id: Int32, offset: Int32, length: Int32, hash: UInt32)) {
        let mask = slots.count - 1
        var i = Int(slot.hash) & mask
        while slots[i].id != 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, 0, 0, 0), count: old.count * 2)
        for s in old where s.id != 0 { place(s) }
    }
}
