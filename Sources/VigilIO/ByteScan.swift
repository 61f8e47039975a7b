/// Word-at-a-time byte searches for the JSON hot paths (SWAR: eight bytes per step with
/// carry tricks, no SIMD intrinsics needed).
public enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Index of the first byte at or after `from` that a JSON string cannot hold as it is: a
    /// control byte (< 0x20), `"` or `\`; `bytes.count` if there is none.
    @inline(__always)
    public static func firstJSONSpecial(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        let n = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Bytes below 0x20 (never a false hit for bytes ≥ 0x80), equal to '"', equal to '\'.
                let less = (x &- ones &* 0x20) & ~x & highs
                let q = x ^ (ones &* 0x22), b = x ^ (ones &* 0x5C)
                let quote = (q &- ones) & ~q & highs
                let slash = (b &- ones) & ~b & highs
                let m = less | quote | slash
                // The lowest flagged byte is exact (borrows only run upwards).
                if m != 0 { return i + m.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < n {
            let c = bytes[i]
            if c < 0x20 || c == 0x22 || c == 0x5C { return i }
            i += 1
        }
        return n
    }
}
